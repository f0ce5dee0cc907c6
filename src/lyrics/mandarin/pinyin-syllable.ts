import { FINAL_SET } from './phones.js';

export interface PinyinSyllable {
  initial: string; // '' for zero-initial syllables
  final: string; // Opencpop-style final (see phones.ts)
  tone: number; // 1-4, 5 = neutral
}

const MARKS: Record<string, [string, number]> = {};
for (const [base, marked] of [
  ['a', 'āáǎà'], ['e', 'ēéěè'], ['i', 'īíǐì'], ['o', 'ōóǒò'], ['u', 'ūúǔù'], ['ü', 'ǖǘǚǜ'],
] as const) {
  [...marked].forEach((m, k) => (MARKS[m] = [base, k + 1]));
}
MARKS['ḿ'] = ['m', 2];
MARKS['ń'] = ['n', 2];
MARKS['ň'] = ['n', 3];
MARKS['ǹ'] = ['n', 4];

const ZERO_INITIAL: Record<string, string> = {
  // y-syllables: y is the glide initial, the rest is the final as spoken after it.
  yi: 'i', yin: 'in', ying: 'ing', yu: 'v', yue: 've', yuan: 'van', yun: 'vn',
  // w-syllables
  wu: 'u', wo: 'uo',
};

/**
 * Parses one typed pinyin syllable ("wo3", "wǒ", "nv3", "lü4", "er2", "hao") into initial, final and tone.
 * Returns null when the text is not a Mandarin syllable. Without a tone mark or digit the tone is 5 (neutral).
 */
export function parsePinyin(raw: string): PinyinSyllable | null {
  let s = raw.normalize('NFC').toLowerCase().trim();
  let tone = 0;
  let out = '';
  for (const ch of s) {
    const m = MARKS[ch];
    if (m) {
      out += m[0];
      tone = m[1];
    } else out += ch;
  }
  s = out;
  const digit = /([0-5])$/.exec(s);
  if (digit) {
    if (tone === 0) tone = Number(digit[1]) || 5;
    s = s.slice(0, -1);
  }
  if (tone === 0) tone = 5;
  s = s.replace(/u:|ü/g, 'v');
  if (!/^[a-z]+$/.test(s)) return null;
  // Interjections written as bare nasals (嗯 ng, n; 呣 m).
  if (s === 'ng' || s === 'n' || s === 'hng') return { initial: '', final: 'eng', tone };
  if (s === 'm' || s === 'hm') return { initial: 'm', final: 'u', tone };
  if (s === 'ê') return { initial: '', final: 'ie', tone };

  const ini = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])/.exec(s)?.[1] ?? '';
  let fin = s.slice(ini.length);
  if (ini === 'y' || ini === 'w') {
    fin = ZERO_INITIAL[s] ?? fin;
    if (ini === 'y' && fin.startsWith('u')) fin = 'v' + fin.slice(1); // yu-e/-an/-n spelled with u
    if (ini === 'y' && fin.startsWith('i') && fin.length > 1 && !['in', 'ing'].includes(fin)) return null;
  } else if (ini === 'j' || ini === 'q' || ini === 'x') {
    if (fin.startsWith('u')) fin = 'v' + fin.slice(1); // ju = j ü
  } else if ((ini === 'zh' || ini === 'ch' || ini === 'sh' || ini === 'r') && fin === 'i') {
    fin = 'ir';
  } else if ((ini === 'z' || ini === 'c' || ini === 's') && fin === 'i') {
    fin = 'i0';
  }
  // Long spellings that some typists use.
  if (fin === 'iou') fin = 'iu';
  if (fin === 'uei') fin = 'ui';
  if (fin === 'uen') fin = 'un';
  if (fin === '' || !FINAL_SET.has(fin)) return null;
  if (ini === '' && !/^(a|ai|an|ang|ao|e|ei|en|eng|er|o|ou)$/.test(fin)) return null;
  return { initial: ini, final: fin, tone };
}
