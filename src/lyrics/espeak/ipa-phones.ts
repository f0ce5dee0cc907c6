import { table } from '../phone-table.js';
import type { PhonemeClass } from '../types.js';

/**
 * The phone set for languages without a dedicated front end: IPA segments as eSpeak-NG writes them, reduced to a
 * closed set (stress, length, tone and most diacritics dropped; nasal vowels kept). Best effort; results from this
 * path are always flagged approximate.
 */
const rows: [string, PhonemeClass, boolean][] = [];
const add = (syms: string, cls: PhonemeClass, voiced: boolean) => {
  for (const s of syms.split(' ')) rows.push([s, cls, voiced]);
};
add('a e i o u y ɑ ɐ æ ɛ ɜ ə ɪ ɨ ʉ ɯ ʊ ɔ ɒ œ ø ɵ ʌ ɤ ɘ ɶ ɚ ɝ ɑ̃ ɛ̃ ɔ̃ œ̃ ã ẽ ĩ õ ũ', 'vowel', true);
add('ai au ei oi ou eu ia ie io iu ua ue ui uo aɪ aʊ eɪ oʊ ɔɪ əʊ ɪə ʊə eə ɛɪ œy ɔy ʌɪ aɪ̯ ɔʏ', 'vowel', true);
add('p t k q ʔ c ʈ', 'plosive', false);
add('b d ɡ ɢ ɟ ɖ', 'plosive', true);
add('m n ŋ ɲ ɳ ɴ ɱ', 'nasal', true);
add('l ɫ ʎ ɭ ɾ r ɹ ɻ ʀ ɽ ɺ', 'liquid', true);
add('w j ɥ ʋ ɰ', 'glide', true);
add('ʍ', 'glide', false);
add('f θ s ʃ ç x χ h ɸ ɕ ʂ ħ', 'fricative', false);
add('v ð z ʒ ʝ ɣ ʁ ɦ β ʑ ʐ ʕ', 'fricative', true);
add('ts tʃ tɕ ʈʂ pf', 'affricate', false);
add('dz dʒ dʑ ɖʐ', 'affricate', true);

export const IPA = table('ipa', rows.map(([s, c, v]) => [s, c, v, s]));

const ALIASES: Record<string, string> = { g: 'ɡ', 'ts.h': 'ts', 'ts.': 'ʈʂ', 's.': 'ʂ', 'z.': 'ʐ', 'tsh': 'ts', 'l^': 'ʎ', 'n^': 'ɲ', ʏ: 'y', ɞ: 'ɜ', ɿ: 'ɨ', ʅ: 'ɨ' };
const VOWEL_CHARS = new Set(rows.filter((r) => r[1] === 'vowel' && [...r[0]].length === 1).map((r) => r[0]));

/** Reduces one eSpeak-NG IPA segment to IPA table symbols ([] when nothing is left: pure tone or stress marks). */
export function normaliseIpaSegment(raw: string): { symbols: string[]; exact: boolean } {
  let s = raw.replace(/[ˈˌːˑ\-0-9]/g, '');
  if (s === '') return { symbols: [], exact: true };
  s = ALIASES[s] ?? s;
  if (IPA.has(s)) return { symbols: [s], exact: true };
  const bare = s.replace(/[\u0300-\u0302\u0304-\u036f\u02b0-\u02ff\u1d2c-\u1d6a.^]/gu, '').replace(/g/g, 'ɡ');
  if (IPA.has(bare)) return { symbols: [bare], exact: true };
  // A run of vowels or of letters: split into single table symbols.
  const out: string[] = [];
  let exact = true;
  for (const ch of bare) {
    const c = ALIASES[ch] ?? ch;
    if (IPA.has(c)) out.push(c);
    else exact = false;
  }
  return { symbols: out, exact: exact && out.every((c) => VOWEL_CHARS.has(c) || IPA.has(c)) };
}
