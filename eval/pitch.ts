/**
 * Pitch measure: Praat's F0 of a rendered song against the planned F0 (test/helpers/measure.ts).
 *
 * The reference is Praat's own reading of the planned F0 played as a plain harmonic tone ('judged-plan'), not the
 * plan's numbers: Praat's autocorrelation window (3 periods of its floor; 60 ms at the 50 Hz floor that the low
 * voices need for 42a's 13- and 15-semitone leaps) cannot follow the planned glides, and measured on that tone alone,
 * with no renderer at all, it reads 12-14 cents RMSE on 42a for kal, espeak-en and espeak-cmn (61 cents within 25 ms
 * of a pitch change, 1 cent in the note middles; `node --import tsx eval/pitch-main.ts --judge`). With Praat on both
 * sides, what is left is the renderer's error. `rmseVsPlan` keeps the error against the plan itself.
 */
import { measurePitch, type PitchFigures } from '../test/helpers/measure.js';
import type { RenderedSong } from './songs.js';

export const PITCH_TARGETS = { rmseCents: 10, medianNoteCents: 3 };

export function evalPitch(s: RenderedSong): PitchFigures {
  return measurePitch(s.plan, s.score, s.wav, s.floor, s.ceiling, { reference: 'judged-plan' });
}
