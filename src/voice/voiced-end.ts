/**
 * Where a sonorant unit's voicing ends. A vowel, nasal, liquid or glide is voiced through; when the F0 track finds
 * its voicing stopping for SPILL_FRAMES or more (both Praat and our tracker agree on these), the aligner has let the
 * unit run on over the next consonant, closure or pause: on the espeak-cmn reference 40 of its 128 sonorant units do
 * (a final that runs over the next syllable's fricative into its vowel, an 'l' whose last 100 ms are the quiet gap
 * before the next syllable). Sung, that tail puts a consonant's envelope under the planned pitch: weak, buzzy and
 * read off pitch. The unit is cut where its voicing stops.
 *
 * Unvoiced frames at the start are kept: on slt, 7 vowel units (and one nasal) start with 40-50 ms that both trackers
 * call unvoiced, and the reference's true phone labels put them at true vowel starts (a breathy or glottal onset after
 * a pause, s or d). Cutting those too cost slt's speech 4 points of word error rate (pocketsphinx, 32.7 -> 36.7 %).
 */
import type { PhonemeClass } from '../lyrics/types.js';

const SONORANTS: ReadonlySet<PhonemeClass> = new Set(['vowel', 'nasal', 'liquid', 'glide']);

/** Voicing that stops for at least this many frames (40 ms at 5 ms frames) inside a sonorant ends it. */
export const SPILL_FRAMES = 8;
/** Voiced frames needed before the stop for the cut: fewer, and the unit is kept whole. */
export const MIN_VOICED_FRAMES = 4;

/**
 * The end frame of the unit [start, end) to keep: the first frame of the first unvoiced run (f0 <= 0) of at least
 * SPILL_FRAMES after its first voiced frame, when the unit is a sonorant with MIN_VOICED_FRAMES voiced frames before
 * that run; else `end`.
 */
export function voicedEnd(f0: ArrayLike<number>, start: number, end: number, cls: PhonemeClass): number {
  if (!SONORANTS.has(cls)) return end;
  let voiced = 0;
  let run = 0;
  for (let f = start; f < end; f++) {
    if (f0[f] > 0) {
      voiced++;
      run = 0;
    } else if (voiced > 0 && ++run >= SPILL_FRAMES) {
      return voiced >= MIN_VOICED_FRAMES ? f - run + 1 : end;
    }
  }
  return end;
}
