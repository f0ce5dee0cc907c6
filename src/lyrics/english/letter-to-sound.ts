import type { ArpaPhone } from './arpabet.js';

/**
 * A small rule-based English letter-to-sound converter: the last resort for words neither in the CMU dictionary nor
 * (before `initLyrics()`) resolvable by eSpeak-NG. Greedy longest-match on common graphemes, "magic e" lengthening,
 * c/g softening before front vowels; first vowel stressed. Results are always flagged approximate.
 */
const GRAPHEMES: [string, string][] = [
  ['tion', 'SH AH0 N'], ['sion', 'ZH AH0 N'], ['ture', 'CH ER0'],
  ['eigh', 'EY'], ['augh', 'AO'], ['ough', 'AO'], ['igh', 'AY'], ['tch', 'CH'], ['dge', 'JH'], ['sch', 'S K'],
  ['ch', 'CH'], ['sh', 'SH'], ['th', 'TH'], ['ph', 'F'], ['wh', 'W'], ['ng', 'NG'], ['ck', 'K'], ['qu', 'K W'],
  ['kn', 'N'], ['wr', 'R'], ['gh', 'G'],
  ['ee', 'IY'], ['ea', 'IY'], ['ie', 'IY'], ['ei', 'EY'], ['oo', 'UW'], ['ou', 'AW'], ['ow', 'OW'], ['oa', 'OW'],
  ['ai', 'EY'], ['ay', 'EY'], ['oi', 'OY'], ['oy', 'OY'], ['au', 'AO'], ['aw', 'AO'], ['ew', 'UW'], ['ue', 'UW'],
  ['ar', 'AA R'], ['or', 'AO R'], ['er', 'ER'], ['ir', 'ER'], ['ur', 'ER'],
  ['a', 'AE'], ['e', 'EH'], ['i', 'IH'], ['o', 'AA'], ['u', 'AH'],
  ['b', 'B'], ['d', 'D'], ['f', 'F'], ['h', 'HH'], ['j', 'JH'], ['k', 'K'], ['l', 'L'], ['m', 'M'], ['n', 'N'],
  ['p', 'P'], ['r', 'R'], ['s', 'S'], ['t', 'T'], ['v', 'V'], ['w', 'W'], ['x', 'K S'], ['z', 'Z'],
];
const LONG: Record<string, string> = { a: 'EY', e: 'IY', i: 'AY', o: 'OW', u: 'UW' };
const VOWEL_SYMBOLS = new Set(['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);

export function letterToSound(wordIn: string): ArpaPhone[] {
  const word = wordIn.toLowerCase().replace(/[^a-z]/g, '');
  const out: string[] = [];
  const vowelLetter = (c: string | undefined) => c !== undefined && 'aeiou'.includes(c);
  let i = 0;
  while (i < word.length) {
    const c = word[i]!;
    const next = word[i + 1];
    // Doubled consonants sound once.
    if (i > 0 && c === word[i - 1] && !vowelLetter(c)) {
      i++;
      continue;
    }
    // Silent final e after a consonant (but "the", "be" keep it: at least one earlier vowel needed).
    if (c === 'e' && i === word.length - 1 && i >= 2 && /[aeiouy]/.test(word.slice(0, i - 1))) {
      i++;
      continue;
    }
    if (c === 'c') {
      out.push(next !== undefined && 'eiy'.includes(next) ? 'S' : 'K');
      i++;
      continue;
    }
    if (c === 'g' && next !== undefined && 'eiy'.includes(next) && next !== 'h') {
      out.push(i + 2 >= word.length ? 'JH' : 'G');
      i++;
      continue;
    }
    if (c === 'y') {
      // Consonant at the start of a syllable, vowel elsewhere.
      if (i === 0 || (vowelLetter(word[i - 1]) && vowelLetter(next))) out.push('Y');
      else out.push(i === word.length - 1 && word.length > 2 ? 'IY' : 'AY');
      i++;
      continue;
    }
    // Magic e: vowel + one consonant + final e -> long vowel ("late", "mine").
    if (vowelLetter(c) && !vowelLetter(next) && next !== undefined && i + 2 === word.length - 1 && word[i + 2] === 'e' && !vowelLetter(word[i - 1])) {
      out.push(LONG[c]!);
      i++;
      continue;
    }
    let matched = false;
    for (const [g, p] of GRAPHEMES) {
      if (word.startsWith(g, i)) {
        out.push(...p.split(' '));
        i += g.length;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  let stressed = false;
  return out.map((tok) => {
    const m = /^([A-Z]+)([012])?$/.exec(tok)!;
    const sym = m[1]!;
    if (!VOWEL_SYMBOLS.has(sym)) return { symbol: sym };
    if (m[2] !== undefined) return { symbol: sym, stress: Number(m[2]) };
    const stress = stressed ? 0 : 1;
    stressed = true;
    return { symbol: sym, stress };
  });
}
