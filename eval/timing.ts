/**
 * Timing measures of a rendered song against its plan:
 *  - onsets (main): vowel onsets found by a rise of band energy (test/helpers/onsets.ts) after pauses, stops,
 *    fricatives, affricates and nasals, voiced or not;
 *  - voicing (second column): Praat's voicing onsets, only for vowels after silence or an unvoiced consonant
 *    (test/helpers/measure.ts measureVowelOnsets).
 * The energy detector's own error is measured on the shared recordings with true phone segments (validateDetector).
 */
import { join } from 'node:path';
import { writeWavFile } from '../src/audio/wav.js';
import { planSong } from '../src/planner/index.js';
import { render } from '../src/render/render.js';
import { transposeScore } from '../src/render/score-edits.js';
import { scoreFromJson } from '../src/score/index.js';
import type { Voice } from '../src/voice/types.js';
import { median, measureVowelOnsets, type OnsetFigures } from '../test/helpers/measure.js';
import { jitter, measureOnsets, measurePlanOnsets, trueVowelOnsets, type OnsetMeasure } from '../test/helpers/onsets.js';
import { voicesDir } from '../test/helpers/paths.js';
import { FLOOR_FACTOR, keyFor, referenceAudio, type RenderedSong } from './songs.js';

export const TIMING_TARGET_MS = 10;

/** Praat voicing onsets (vowels after silence or an unvoiced consonant only). */
export function evalTiming(s: RenderedSong): OnsetFigures {
  return measureVowelOnsets(s.plan, s.wav, s.floor, s.ceiling);
}

/** Energy-rise vowel onsets against the plan's. */
export function evalOnsets(s: RenderedSong): OnsetMeasure {
  return measurePlanOnsets(s.plan, s.audio);
}

/** Voices of the shared data with true phone segments (phones.txt). */
export const LABELLED_VOICES = ['slt', 'kal'];

/** How far validation moves the detector's search centre off the true onset (uniformly, +-). */
export const VALIDATION_SHIFT_S = 0.03;

export interface DetectorValidation {
  voice: string;
  onsets: number;
  measure: OnsetMeasure;
  /** Share of found onsets within 10 ms of the truth. */
  within10: number;
  /** Median |error| (ms) and count per class of the phone before the vowel. */
  byClass: { before: string; n: number; medianMs: number; biasMs: number }[];
}

/**
 * The detector on a recording's true vowel onsets, its search centred off the truth by up to +-30 ms (so that it
 * gains nothing from being told where to look).
 */
export function validateDetector(voice: string): DetectorValidation {
  const onsets = trueVowelOnsets(join(voicesDir, voice, 'phones.txt'));
  const measure = measureOnsets(referenceAudio(voice), onsets, (o, i) => o.time + jitter(i + 1, VALIDATION_SHIFT_S));
  const classes = [...new Set(measure.before)];
  const byClass = classes.map((c) => {
    const e = measure.errors.filter((_, i) => measure.before[i] === c).map((x) => x * 1000);
    return { before: c, n: e.length, medianMs: median(e.map(Math.abs)), biasMs: median(e) };
  });
  return {
    voice,
    onsets: onsets.length,
    measure,
    within10: measure.errors.filter((e) => Math.abs(e) <= 0.01).length / measure.errors.length,
    byClass,
  };
}

/**
 * The timing song: the test suite's lyrics ("Tra la li", "Me-lis-ma") put few vowels after a pause, a stop, a
 * fricative or a nasal (14 a voice over the 4 eval songs), so five Harvard sentences of the shared transcripts are sung
 * one syllable a quaver (0.25 s at 120 bpm) on a stepwise tune, a quaver rest between sentences.
 */
const TIMING_LYRICS = [
  'The birch ca-noe slid on the smooth planks',
  'Glue the sheet to the dark blue back-ground',
  'The boy was there when the sun rose',
  'Kick the ball straight and fol-low through',
  'Rice is of-ten served in round bowls',
];
const TUNE = [60, 62, 64, 65, 67, 65, 64, 62];

/** The timing song as a cantor-score JSON document. */
export function timingSongJson(): string {
  const notes: Record<string, unknown>[] = [];
  let tick = 0;
  const q = 240; // a quaver, at 480 ticks a quarter
  let k = 0;
  for (const line of TIMING_LYRICS) {
    for (const word of line.split(' ')) {
      const syls = word.split('-');
      syls.forEach((syl, i) => {
        const syllabic = syls.length === 1 ? 'single' : i === 0 ? 'begin' : i === syls.length - 1 ? 'end' : 'middle';
        notes.push({ kind: 'syllable', startTick: tick, endTick: tick + q, pitch: TUNE[k++ % TUNE.length], lyric: syl, syllabic });
        tick += q;
      });
    }
    notes.push({ kind: 'rest', startTick: tick, endTick: tick + q, pitch: null });
    tick += q;
  }
  return JSON.stringify({ format: 'cantor-score', version: 1, title: 'timing song', language: 'en', tempo: [{ tick: 0, bpm: 120 }], notes });
}

/** Renders the timing song with `voice` in its range (as eval/songs.ts renderSong does for the test-suite songs). */
export function renderTimingSong(voiceName: string, voice: Voice, dir: string): RenderedSong {
  const raw = scoreFromJson(timingSongJson(), 'timing-song.json');
  const score = transposeScore(raw, keyFor(raw, voice));
  const plan = planSong(score, { consonantDurations: voice.stats.consonantDurations, seed: 3 });
  const { audio } = render(plan, voice, { seed: 1 });
  const wav = join(dir, `${voiceName}-timing-song.wav`);
  writeWavFile(wav, audio);
  const voiced = plan.f0.filter((f) => f > 0);
  const lo = voiced.reduce((a, f) => Math.min(a, f), Infinity);
  const hi = voiced.reduce((a, f) => Math.max(a, f), 0);
  return { song: 'timing-song', voice: voiceName, score, plan, audio, wav, floor: Math.max(50, Math.floor(lo * FLOOR_FACTOR)), ceiling: Math.ceil(hi * 1.6) };
}
