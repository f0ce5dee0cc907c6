import type { Phoneme } from '../types.js';
import { ARPABET, type ArpaPhone } from './arpabet.js';
import { pronounceWord } from './lexicon.js';
import { groupSyllables, syllabify } from './syllabify.js';

export interface EnglishSyllable {
  phonemes: Phoneme[];
  approximate: boolean;
}

function toPhonemes(phones: ArpaPhone[]): Phoneme[] {
  return phones.map((p) => ARPABET.phoneme(p.symbol, p.stress));
}

/** Words of a lyric or a sentence: letters, digits and apostrophes; hyphens, underscores (elisions) separate. */
export function englishWords(text: string): string[] {
  return text.split(/[^A-Za-z0-9'\u2019.]+/).map((w) => w.replace(/^\.+|\.+$/g, '')).filter((w) => /[A-Za-z0-9]/.test(w));
}

/** All phonemes of a text on one note (usually one word, or an elision "the_sun"). */
export function phonemizeEnglishUnit(text: string): EnglishSyllable {
  const phonemes: Phoneme[] = [];
  let approximate = false;
  for (const w of englishWords(text)) {
    const pr = pronounceWord(w);
    approximate ||= pr.approximate;
    phonemes.push(...toPhonemes(pr.phones));
  }
  return { phonemes, approximate };
}

/**
 * One word written over several notes ("beau", "ti", "ful"): the pronunciation is split into syllables by the maximal
 * onset principle and the syllables are shared out so that each part gets at least one vowel, matching the spelling.
 * With fewer syllables than parts, the last parts continue the previous vowel (empty lists) and are flagged approximate.
 */
export function phonemizeEnglishSplitWord(parts: string[]): EnglishSyllable[] {
  const word = parts.join('');
  const pr = pronounceWord(word);
  const sylls = syllabify(pr.phones);
  const n = parts.length;
  if (n === 1) return [{ phonemes: toPhonemes(pr.phones), approximate: pr.approximate }];
  const out: EnglishSyllable[] = [];
  if (sylls.length >= n) {
    const counts = groupSyllables(
      sylls.map((s) => s.length),
      parts.map((p) => Math.max(1, p.replace(/[^A-Za-z]/g, '').length)),
    );
    let k = 0;
    for (const c of counts) {
      out.push({ phonemes: toPhonemes(sylls.slice(k, k + c).flat()), approximate: pr.approximate });
      k += c;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    out.push({ phonemes: i < sylls.length ? toPhonemes(sylls[i]!) : [], approximate: true });
  }
  return out;
}
