/** Pitch measure: Praat's F0 of a rendered song against the planned F0 (test/helpers/measure.ts). */
import { measurePitch, type PitchFigures } from '../test/helpers/measure.js';
import type { RenderedSong } from './songs.js';

export const PITCH_TARGETS = { rmseCents: 10, medianNoteCents: 3 };

export function evalPitch(s: RenderedSong): PitchFigures {
  return measurePitch(s.plan, s.score, s.wav, s.floor, s.ceiling);
}
