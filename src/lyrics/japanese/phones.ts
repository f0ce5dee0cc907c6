import { table } from '../phone-table.js';

/**
 * Japanese phone set, NNSVS / Sinsy style: five vowels, moraic nasal N, sokuon closure cl, and consonants with the
 * palatalised ones (ky, sh, ch, ny...) as single units, so every mora is (consonant) + vowel, or N, or cl.
 */
export const JAPANESE = table('ja', [
  ['a', 'vowel', true, 'a'],
  ['i', 'vowel', true, 'i'],
  ['u', 'vowel', true, 'ɯ'],
  ['e', 'vowel', true, 'e'],
  ['o', 'vowel', true, 'o'],
  ['N', 'nasal', true, 'ɴ'],
  // The first half of a geminate: a held closure, sung as a short silence before the next consonant.
  ['cl', 'silence', false, 'ʔ'],
  ['k', 'plosive', false, 'k'],
  ['g', 'plosive', true, 'ɡ'],
  ['t', 'plosive', false, 't'],
  ['d', 'plosive', true, 'd'],
  ['b', 'plosive', true, 'b'],
  ['p', 'plosive', false, 'p'],
  ['ky', 'plosive', false, 'kʲ'],
  ['gy', 'plosive', true, 'ɡʲ'],
  ['by', 'plosive', true, 'bʲ'],
  ['py', 'plosive', false, 'pʲ'],
  ['s', 'fricative', false, 's'],
  ['sh', 'fricative', false, 'ɕ'],
  ['z', 'fricative', true, 'z'],
  ['h', 'fricative', false, 'h'],
  ['hy', 'fricative', false, 'ç'],
  ['f', 'fricative', false, 'ɸ'],
  ['v', 'fricative', true, 'v'],
  ['ch', 'affricate', false, 'tɕ'],
  ['ts', 'affricate', false, 'ts'],
  ['j', 'affricate', true, 'dʑ'],
  ['n', 'nasal', true, 'n'],
  ['ny', 'nasal', true, 'ɲ'],
  ['m', 'nasal', true, 'm'],
  ['my', 'nasal', true, 'mʲ'],
  ['r', 'liquid', true, 'ɾ'],
  ['ry', 'liquid', true, 'ɾʲ'],
  ['y', 'glide', true, 'j'],
  ['w', 'glide', true, 'w'],
]);
