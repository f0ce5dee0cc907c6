/** Timing measure: vowel voicing onsets found by Praat in a rendered song against the planned onsets. */
import { measureVowelOnsets, type OnsetFigures } from '../test/helpers/measure.js';
import type { RenderedSong } from './songs.js';

export const TIMING_TARGET_MS = 10;

export function evalTiming(s: RenderedSong): OnsetFigures {
  return measureVowelOnsets(s.plan, s.wav, s.floor, s.ceiling);
}
