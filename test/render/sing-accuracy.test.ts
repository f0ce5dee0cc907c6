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
import { praatPitch } from '../helpers/praat.js';
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

/** Planned F0 at time t (linear between frames; 0 if either neighbour is unvoiced). */
function plannedF0(plan: Plan, t: number): number {
  const x = t / plan.framePeriod;
  const i = Math.floor(x);
  const a = plan.f0[i] ?? 0;
  const b = plan.f0[i + 1] ?? 0;
  return a > 0 && b > 0 ? a + (x - i) * (b - a) : 0;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function checkPitch(name: string, plan: Plan, score: Score, wav: string, floor: number, ceiling: number): void {
  const pr = praatPitch(wav, { floor, ceiling });
  let se = 0;
  let n = 0;
  let plannedVoiced = 0;
  for (let i = 0; i < pr.time.length; i++) {
    const pf = plannedF0(plan, pr.time[i]);
    if (pf > 0) plannedVoiced++;
    if (!(pf > 0 && pr.f0[i] > 0)) continue;
    const c = 1200 * Math.log2(pr.f0[i] / pf);
    se += c * c;
    n++;
  }
  const rmse = Math.sqrt(se / n);
  // Per note: median |error| over the middle half of the note.
  const noteErrors: number[] = [];
  for (const note of score.notes) {
    if (note.kind === 'rest') continue;
    const len = note.end - note.start;
    const errs: number[] = [];
    for (let i = 0; i < pr.time.length; i++) {
      const t = pr.time[i];
      if (t < note.start + len / 4 || t > note.end - len / 4) continue;
      const pf = plannedF0(plan, t);
      if (pf > 0 && pr.f0[i] > 0) errs.push(Math.abs(1200 * Math.log2(pr.f0[i] / pf)));
    }
    if (errs.length > 0) noteErrors.push(median(errs));
  }
  const medNote = median(noteErrors);
  console.log(`${name}: pitch RMSE ${rmse.toFixed(2)} cents over ${n} frames (${plannedVoiced} planned voiced); ` +
    `per-note median ${medNote.toFixed(2)} cents, worst note ${Math.max(...noteErrors).toFixed(2)}`);
  assert.ok(n > 0.85 * plannedVoiced, `${name}: Praat finds only ${n} of ${plannedVoiced} planned voiced frames`);
  assert.ok(rmse <= 10, `${name}: pitch RMSE ${rmse.toFixed(2)} cents > 10`);
  assert.ok(noteErrors.length >= score.notes.filter((x) => x.kind !== 'rest').length - 1);
  assert.ok(medNote <= 3, `${name}: median per-note error ${medNote.toFixed(2)} cents > 3`);
}

function checkTiming(name: string, plan: Plan, wav: string, floor: number, ceiling: number): void {
  const pr = praatPitch(wav, { floor, ceiling, timeStep: 0.001 });
  const errors: number[] = [];
  const segs = plan.segments;
  for (let s = 1; s < segs.length; s++) {
    const seg = segs[s];
    const prev = segs[s - 1];
    if (seg.cls !== 'vowel' || prev.voiced || prev.end !== seg.start) continue;
    // Voicing onset: the first voiced Praat frame within +-50 ms whose predecessor is unvoiced.
    let onset = NaN;
    for (let i = 1; i < pr.time.length; i++) {
      const t = pr.time[i];
      if (t < seg.start - 0.05) continue;
      if (t > seg.start + 0.05) break;
      if (pr.f0[i] > 0 && pr.f0[i - 1] === 0) {
        onset = t;
        break;
      }
    }
    assert.ok(Number.isFinite(onset), `${name}: no voicing onset near the ${seg.phoneme} at ${seg.start.toFixed(3)} s`);
    errors.push(onset - seg.start);
  }
  const med = median(errors.map(Math.abs));
  console.log(`${name}: ${errors.length} vowel onsets, median |error| ${(med * 1000).toFixed(1)} ms, ` +
    `errors (ms) ${errors.map((e) => (e * 1000).toFixed(0)).join(' ')}`);
  assert.ok(errors.length >= 4);
  assert.ok(med <= 0.01, `${name}: median vowel onset error ${(med * 1000).toFixed(1)} ms > 10 ms`);
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
