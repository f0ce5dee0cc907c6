/**
 * Rendering accuracy on real voices: the bundled song sung by the default voice (slt, built from the bundled
 * reference) and by kal (a male voice, an octave down), checked with Praat's pitch tracker, independent of our code.
 *  - pitch: RMSE (cents) between Praat's F0 and the planned F0 on frames both call voiced; median error over each
 *    note's middle half.
 *  - timing: each vowel that follows silence or an unvoiced consonant starts voicing in the output where the plan
 *    puts it: Praat's voicing onset searched within +-50 ms of the planned onset.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeWavFile } from '../../src/audio/wav.js';
import { planSong } from '../../src/planner/index.js';
import type { Plan } from '../../src/planner/types.js';
import { cachedVoice, defaultVoice } from '../../src/render/default-voice.js';
import { render } from '../../src/render/render.js';
import { loadScore } from '../../src/score/index.js';
import type { Score } from '../../src/score/types.js';
import type { Voice } from '../../src/voice/types.js';
import { measurePitch, measureVowelOnsets } from '../helpers/measure.js';
import { repoRoot, tempDir, voicesDir } from '../helpers/paths.js';

const song = join(repoRoot, 'assets', 'songs', 'twinkle.musicxml');

function transpose(score: Score, semitones: number): Score {
  return { ...score, notes: score.notes.map((n) => ({ ...n, pitch: n.pitch + semitones })) };
}

function sing(voice: Voice, score: Score): { plan: Plan; wav: string; dir: string } {
  const plan = planSong(score, { consonantDurations: voice.stats.consonantDurations, seed: 3 });
  const { audio } = render(plan, voice, { seed: 1 });
  const dir = tempDir('cantor-render-');
  const wav = join(dir, 'out.wav');
  writeWavFile(wav, audio);
  return { plan, wav, dir };
}

function checkPitch(name: string, plan: Plan, score: Score, wav: string, floor: number, ceiling: number): void {
  const m = measurePitch(plan, score, wav, floor, ceiling);
  console.log(`${name}: pitch RMSE ${m.rmse.toFixed(2)} cents over ${m.frames} frames (${m.plannedVoiced} planned voiced); ` +
    `per-note median ${m.medianNote.toFixed(2)} cents, worst note ${Math.max(...m.noteErrors).toFixed(2)}`);
  assert.ok(m.frames > 0.85 * m.plannedVoiced, `${name}: Praat finds only ${m.frames} of ${m.plannedVoiced} planned voiced frames`);
  assert.ok(m.rmse <= 10, `${name}: pitch RMSE ${m.rmse.toFixed(2)} cents > 10`);
  assert.ok(m.noteErrors.length >= m.sungNotes - 1);
  assert.ok(m.medianNote <= 3, `${name}: median per-note error ${m.medianNote.toFixed(2)} cents > 3`);
}

function checkTiming(name: string, plan: Plan, wav: string, floor: number, ceiling: number): void {
  const m = measureVowelOnsets(plan, wav, floor, ceiling);
  assert.deepEqual(m.missing, [], `${name}: no voicing onset near these planned vowel onsets`);
  console.log(`${name}: ${m.errors.length} vowel onsets, median |error| ${(m.medianAbs * 1000).toFixed(1)} ms, ` +
    `errors (ms) ${m.errors.map((e) => (e * 1000).toFixed(0)).join(' ')}`);
  assert.ok(m.errors.length >= 4);
  assert.ok(m.medianAbs <= 0.01, `${name}: median vowel onset error ${(m.medianAbs * 1000).toFixed(1)} ms > 10 ms`);
}

test('the default voice (slt) sings the bundled song in tune and in time', () => {
  const { voice } = defaultVoice();
  const score = loadScore(song);
  const { plan, wav, dir } = sing(voice, score);
  try {
    checkPitch('slt', plan, score, wav, 100, 800);
    checkTiming('slt', plan, wav, 100, 800);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kal (male, 16 kHz) sings the bundled song an octave down in tune and in time', () => {
  const { voice } = cachedVoice({
    name: 'kal',
    wav: join(voicesDir, 'kal', 'reference.wav'),
    transcript: join(voicesDir, 'kal', 'transcript.txt'),
    language: 'en',
  });
  const score = transpose(loadScore(song), -12);
  const { plan, wav, dir } = sing(voice, score);
  try {
    checkPitch('kal', plan, score, wav, 75, 400);
    checkTiming('kal', plan, wav, 75, 400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
