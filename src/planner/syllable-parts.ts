import type { Phoneme } from '../lyrics/types.js';

/** A syllable's phonemes split around its nucleus: consonants before, the nucleus (first..last vowel), after. */
export interface SyllableParts {
  lead: Phoneme[];
  body: Phoneme[];
  trail: Phoneme[];
}

/**
 * The nucleus is the span from the first to the last vowel. A syllable without a vowel (Japanese moraic N,
 * a syllabic nasal or liquid) takes its first sonorant as nucleus; with no sonorant either, its last phoneme.
 */
export function splitSyllable(phonemes: Phoneme[]): SyllableParts {
  let first = phonemes.findIndex((p) => p.cls === 'vowel');
  let last = first;
  if (first >= 0) {
    for (let i = phonemes.length - 1; i >= 0; i--) {
      if (phonemes[i].cls === 'vowel') {
        last = i;
        break;
      }
    }
  } else {
    first = phonemes.findIndex((p) => p.cls === 'nasal' || p.cls === 'liquid' || p.cls === 'glide');
    if (first < 0) first = phonemes.length - 1;
    last = first;
  }
  return { lead: phonemes.slice(0, first), body: phonemes.slice(first, last + 1), trail: phonemes.slice(last + 1) };
}

/**
 * Splits a word's phonemes into syllables (speech and rap modes): one per vowel; of the consonants between two
 * vowels the last one (or the last two when there are three or more) start the next syllable, the rest close
 * the previous one (a simple maximal-onset approximation).
 */
export function wordSyllables(phonemes: Phoneme[]): Phoneme[][] {
  const vowels: number[] = [];
  phonemes.forEach((p, i) => {
    if (p.cls === 'vowel') vowels.push(i);
  });
  if (vowels.length <= 1) return phonemes.length > 0 ? [phonemes] : [];
  const out: Phoneme[][] = [];
  let start = 0;
  for (let v = 0; v < vowels.length - 1; v++) {
    const between = vowels[v + 1] - vowels[v] - 1;
    const onset = between >= 3 ? 2 : between >= 1 ? 1 : 0;
    const cut = vowels[v + 1] - onset;
    out.push(phonemes.slice(start, cut));
    start = cut;
  }
  out.push(phonemes.slice(start));
  return out;
}
