/**
 * Sub-phone models for Mandarin finals. An Opencpop-style final is a whole rhyme (medial + nucleus + coda: 'iang'
 * is [iaŋ]), long and moving, and most of the ~37 finals occur only a few times in a one-minute reference, so one
 * 3-state model per final has too little data and too few states for its trajectory. Each final is aligned instead
 * as a chain of models, one per segment of its IPA form (i + a + ŋ), shared by every final that contains that
 * segment - the parameter tying of a phone-sized unit to smaller shared units (as in the HTK book's tied-state
 * systems, Young et al.) - and the chain is merged back into one segment per final after alignment.
 * Only transcripts written wholly in the Mandarin phone set (lower-case Opencpop symbols) are split.
 */
import { FINALS, INITIAL_SET } from '../../lyrics/mandarin/phones.js';

const FINAL_IPA = new Map(FINALS.map(([s, ipa]) => [s, ipa]));

/** True when every non-pause symbol is a Mandarin initial or final. */
export function isMandarinTranscript(symbols: string[]): boolean {
  let any = false;
  for (const s of symbols) {
    if (s === 'pau' || s === 'br' || s === 'sil') continue;
    if (!INITIAL_SET.has(s) && !FINAL_IPA.has(s)) return false;
    any = true;
  }
  return any;
}

/** Model names of the sub-phones of a Mandarin final (one per IPA segment), or null for a single-segment phone. */
export function finalSubPhones(symbol: string): string[] | null {
  const ipa = FINAL_IPA.get(symbol);
  if (!ipa) return null;
  const parts = [...ipa];
  if (parts.length < 2) return null;
  return parts.map((p) => `zh:${p}`);
}
