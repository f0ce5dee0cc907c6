import { table } from '../phone-table.js';

/**
 * Mandarin phone set, Opencpop style (Wang et al. 2022, "Opencpop: a high-quality open source Chinese popular song
 * corpus"): initials including the glides y/w, and whole finals as single vowel units carrying the tone in
 * Phoneme.stress (1-4, 5 = neutral). Departures from Opencpop, on purpose:
 *  - the apical vowels are kept apart: 'ir' after zh/ch/sh/r (知 zh ir) and 'i0' after z/c/s (思 s i0); Opencpop
 *    writes 'i' for both;
 *  - 我 is w + uo (the vowel actually sung), 有 y + ou, 月 y + ve, 一 y + i, 五 w + u;
 *  - erhua (花儿 sung on one note) is the syllable plus a coda 'r' (h ua r): no rhotacised finals needed.
 */
export const INITIALS: [string, 'plosive' | 'nasal' | 'fricative' | 'affricate' | 'liquid' | 'glide', boolean, string][] = [
  ['b', 'plosive', false, 'p'],
  ['p', 'plosive', false, 'pʰ'],
  ['m', 'nasal', true, 'm'],
  ['f', 'fricative', false, 'f'],
  ['d', 'plosive', false, 't'],
  ['t', 'plosive', false, 'tʰ'],
  ['n', 'nasal', true, 'n'],
  ['l', 'liquid', true, 'l'],
  ['g', 'plosive', false, 'k'],
  ['k', 'plosive', false, 'kʰ'],
  ['h', 'fricative', false, 'x'],
  ['j', 'affricate', false, 'tɕ'],
  ['q', 'affricate', false, 'tɕʰ'],
  ['x', 'fricative', false, 'ɕ'],
  ['zh', 'affricate', false, 'ʈʂ'],
  ['ch', 'affricate', false, 'ʈʂʰ'],
  ['sh', 'fricative', false, 'ʂ'],
  ['r', 'liquid', true, 'ɻ'],
  ['z', 'affricate', false, 'ts'],
  ['c', 'affricate', false, 'tsʰ'],
  ['s', 'fricative', false, 's'],
  ['y', 'glide', true, 'j'],
  ['w', 'glide', true, 'w'],
];

export const FINALS: [string, string][] = [
  ['a', 'a'], ['ai', 'ai'], ['an', 'an'], ['ang', 'aŋ'], ['ao', 'au'],
  ['e', 'ɤ'], ['ei', 'ei'], ['en', 'ən'], ['eng', 'əŋ'], ['er', 'ɚ'],
  ['i', 'i'], ['ir', 'ʅ'], ['i0', 'ɿ'], ['ia', 'ia'], ['ian', 'iɛn'], ['iang', 'iaŋ'], ['iao', 'iau'], ['ie', 'iɛ'],
  ['in', 'in'], ['ing', 'iŋ'], ['iong', 'iʊŋ'], ['iu', 'iou'],
  ['o', 'o'], ['ong', 'ʊŋ'], ['ou', 'ou'],
  ['u', 'u'], ['ua', 'ua'], ['uai', 'uai'], ['uan', 'uan'], ['uang', 'uaŋ'], ['ui', 'uei'], ['un', 'uən'], ['uo', 'uo'],
  ['v', 'y'], ['van', 'yɛn'], ['ve', 'yɛ'], ['vn', 'yn'],
];

export const MANDARIN = table('zh', [
  ...INITIALS,
  ...FINALS.map(([s, ipa]) => [s, 'vowel', true, ipa] as [string, 'vowel', boolean, string]),
]);

export const INITIAL_SET = new Set(INITIALS.map((i) => i[0]));
export const FINAL_SET = new Set(FINALS.map((f) => f[0]));
