import { detectLanguage, phonemizeLyrics } from '../lyrics/index.js';
import type { Language } from '../lyrics/types.js';
import type { Phonemizer } from './build-score.js';

/**
 * The score's phonemizer: the language as asked, else detected from all the lyrics together; syllables of one
 * word are passed together so that src/lyrics can split the word's pronunciation across them.
 */
export function makePhonemizer(warnings: string[]): Phonemizer {
  return (items, language) => {
    const lang: Language = language ?? detectLanguage(items.map((i) => i.text).join(' '));
    try {
      const res = phonemizeLyrics(items, lang);
      return { language: lang, phonemes: res.map((r) => ({ phonemes: r.phonemes, approximate: r.approximate })) };
    } catch (err) {
      // A language without a front end yet: keep the notes, flag the syllables as unpronounced guesses.
      warnings.push(`no pronunciation for language "${lang}" (${err instanceof Error ? err.message : String(err)}); phonemes left empty`);
      return { language: lang, phonemes: items.map(() => ({ phonemes: [], approximate: true })) };
    }
  };
}
