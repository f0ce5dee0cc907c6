import { table } from '../phone-table.js';

/**
 * English phone set: the 39 ARPAbet phones of the CMU pronouncing dictionary, UPPER-CASE, without stress digits
 * (stress 0/1/2 goes to Phoneme.stress on vowels), plus 'pau'.
 */
export const ARPABET = table('en', [
  ['AA', 'vowel', true, 'ɑ'],
  ['AE', 'vowel', true, 'æ'],
  ['AH', 'vowel', true, 'ʌ'],
  ['AO', 'vowel', true, 'ɔ'],
  ['AW', 'vowel', true, 'aʊ'],
  ['AY', 'vowel', true, 'aɪ'],
  ['EH', 'vowel', true, 'ɛ'],
  ['ER', 'vowel', true, 'ɝ'],
  ['EY', 'vowel', true, 'eɪ'],
  ['IH', 'vowel', true, 'ɪ'],
  ['IY', 'vowel', true, 'i'],
  ['OW', 'vowel', true, 'oʊ'],
  ['OY', 'vowel', true, 'ɔɪ'],
  ['UH', 'vowel', true, 'ʊ'],
  ['UW', 'vowel', true, 'u'],
  ['M', 'nasal', true, 'm'],
  ['N', 'nasal', true, 'n'],
  ['NG', 'nasal', true, 'ŋ'],
  ['L', 'liquid', true, 'l'],
  ['R', 'liquid', true, 'ɹ'],
  ['W', 'glide', true, 'w'],
  ['Y', 'glide', true, 'j'],
  ['P', 'plosive', false, 'p'],
  ['B', 'plosive', true, 'b'],
  ['T', 'plosive', false, 't'],
  ['D', 'plosive', true, 'd'],
  ['K', 'plosive', false, 'k'],
  ['G', 'plosive', true, 'ɡ'],
  ['F', 'fricative', false, 'f'],
  ['V', 'fricative', true, 'v'],
  ['TH', 'fricative', false, 'θ'],
  ['DH', 'fricative', true, 'ð'],
  ['S', 'fricative', false, 's'],
  ['Z', 'fricative', true, 'z'],
  ['SH', 'fricative', false, 'ʃ'],
  ['ZH', 'fricative', true, 'ʒ'],
  ['HH', 'fricative', false, 'h'],
  ['CH', 'affricate', false, 'tʃ'],
  ['JH', 'affricate', true, 'dʒ'],
]);

/** One dictionary phone: symbol without digit plus stress for vowels. */
export interface ArpaPhone {
  symbol: string;
  stress?: number;
}

/** "S IH1 NG IH0 NG" -> [{S}, {IH,1}, ...]. */
export function parseArpabet(pron: string): ArpaPhone[] {
  // Some CMU entries carry a trailing comment ("... # place, name").
  return pron
    .replace(/#.*$/, '')
    .trim()
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map((tok) => {
      const m = /^([A-Z]+)([012])?$/.exec(tok);
      if (!m) throw new Error(`bad ARPAbet token '${tok}'`);
      return m[2] !== undefined ? { symbol: m[1]!, stress: Number(m[2]) } : { symbol: m[1]! };
    });
}
