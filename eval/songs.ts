/**
 * The material of the evaluation: the shared reference voices (built with buildVoice, cached per run) and songs from
 * the shared MusicXML test suite, each transposed into the voice's range and rendered.
 */
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { readWavFile, writeWavFile } from '../src/audio/wav.js';
import type { Language } from '../src/lyrics/types.js';
import { planSong } from '../src/planner/index.js';
import type { Plan } from '../src/planner/types.js';
import { cachedVoice } from '../src/render/default-voice.js';
import { render, type RenderOptions } from '../src/render/render.js';
import { transposeScore } from '../src/render/score-edits.js';
import { loadScore } from '../src/score/index.js';
import type { Score } from '../src/score/types.js';
import type { Voice } from '../src/voice/types.js';
import { median } from '../test/helpers/measure.js';
import { scoresDir, voicesDir } from '../test/helpers/paths.js';

export const EVAL_VOICES: { name: string; language: Language }[] = [
  { name: 'slt', language: 'en' },
  { name: 'kal', language: 'en' },
  { name: 'espeak-en', language: 'en' },
  { name: 'espeak-cmn', language: 'zh' },
];

/** Songs of the shared test suite with the most sung notes (one voice, lyrics on most notes). */
export const EVAL_SONGS = ['61a-Lyrics.xml', '61h-Lyrics-BeamsMelismata.xml', '42a-MultiVoice-TwoVoicesOnStaff-Lyrics.xml', '61c-Lyrics-Pianostaff.xml'];

export function referencePath(name: string): string {
  return join(voicesDir, name, 'reference.wav');
}

export function referenceAudio(name: string): Audio {
  return readWavFile(referencePath(name));
}

/** The shared voice `name`, built once and cached under cacheDir. */
export function evalVoice(name: string, language: Language, cacheDir: string): Voice {
  return cachedVoice(
    { name, wav: referencePath(name), transcript: join(voicesDir, name, 'transcript.txt'), language },
    { cacheDir },
  ).voice;
}

function midiToHz(m: number): number {
  return 440 * Math.pow(2, (m - 69) / 12);
}

/**
 * Semitones that put the song's median sung note 4 semitones above the voice's median speaking F0 (singing sits a
 * little above speech), so each voice sings in its own range.
 */
export function keyFor(score: Score, voice: Voice): number {
  const pitches = score.notes.filter((n) => n.kind !== 'rest').map((n) => n.pitch);
  return Math.round(12 * Math.log2(voice.stats.f0Median / midiToHz(median(pitches)))) + 4;
}

/**
 * Praat's floor as a share of the lowest planned F0 (5 semitones under it; the plan's lowest frame already includes
 * its preparations and vibrato troughs). Praat's window is 3 periods of the floor, so a lower floor only smooths fast
 * glides more (0.6 gave 7.5 cents of the judge's own error on slt's 42a, 0.75 gives 6.1).
 */
export const FLOOR_FACTOR = 0.75;

export interface RenderedSong {
  song: string;
  voice: string;
  score: Score;
  plan: Plan;
  audio: Audio;
  /** The rendered WAV on disk (for Praat). */
  wav: string;
  /** Praat's pitch range for this voice, Hz. */
  floor: number;
  ceiling: number;
}

/** Renders `song` (a file of the shared test suite) with `voice`, writes it under `dir`. */
export function renderSong(song: string, voiceName: string, voice: Voice, dir: string, opts: RenderOptions = {}): RenderedSong {
  const raw = loadScore(join(scoresDir, 'musicxml-testsuite', song));
  const score = transposeScore(raw, keyFor(raw, voice));
  const plan = planSong(score, { consonantDurations: voice.stats.consonantDurations, seed: 3 });
  const { audio } = render(plan, voice, { seed: 1, ...opts });
  const wav = join(dir, `${voiceName}-${song.replace(/\.xml$/, '')}${opts.smoothing !== undefined ? `-smoothing-${opts.smoothing}` : ''}.wav`);
  writeWavFile(wav, audio);
  const voiced = plan.f0.filter((f) => f > 0);
  let lo = Infinity;
  let hi = 0;
  for (const f of voiced) {
    lo = Math.min(lo, f);
    hi = Math.max(hi, f);
  }
  return { song, voice: voiceName, score, plan, audio, wav, floor: Math.max(50, Math.floor(lo * FLOOR_FACTOR)), ceiling: Math.ceil(hi * 1.6) };
}
