/**
 * Kana to mora phonemes. Katakana is folded to hiragana; small ya/yu/yo palatalise the preceding i-row mora
 * (き+ゃ -> ky a), small vowels make loanword morae (ふぁ f a, てぃ t i), っ -> cl, ん -> N, ー repeats the
 * previous vowel (sung as a second vowel unit of the same quality).
 */

const ROWS: [string, string, string][] = [
  // [kana of the a/i/u/e/o columns, consonant per column separated by ',', ...]
  ['あいうえお', ',,,,', ''],
  ['かきくけこ', 'k,k,k,k,k', ''],
  ['がぎぐげご', 'g,g,g,g,g', ''],
  ['さしすせそ', 's,sh,s,s,s', ''],
  ['ざじずぜぞ', 'z,j,z,z,z', ''],
  ['たちつてと', 't,ch,ts,t,t', ''],
  ['だぢづでど', 'd,j,z,d,d', ''],
  ['なにぬねの', 'n,n,n,n,n', ''],
  ['はひふへほ', 'h,h,f,h,h', ''],
  ['ばびぶべぼ', 'b,b,b,b,b', ''],
  ['ぱぴぷぺぽ', 'p,p,p,p,p', ''],
  ['まみむめも', 'm,m,m,m,m', ''],
  ['らりるれろ', 'r,r,r,r,r', ''],
];
const VOWELS = ['a', 'i', 'u', 'e', 'o'];

/** hiragana -> [consonant or '', vowel] */
const MORA = new Map<string, [string, string]>();
for (const [kana, cons] of ROWS) {
  const cs = cons.split(',');
  [...kana].forEach((k, i) => MORA.set(k, [cs[i]!, VOWELS[i]!]));
}
MORA.set('や', ['y', 'a']);
MORA.set('ゆ', ['y', 'u']);
MORA.set('よ', ['y', 'o']);
MORA.set('わ', ['w', 'a']);
MORA.set('ゎ', ['w', 'a']);
MORA.set('ゐ', ['', 'i']);
MORA.set('ゑ', ['', 'e']);
MORA.set('を', ['', 'o']);
MORA.set('ゔ', ['v', 'u']);

const SMALL_Y: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };
const SMALL_V: Record<string, string> = { ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o' };
/** Palatalised consonant of an i-row mora. */
const PALATAL: Record<string, string> = {
  き: 'ky', ぎ: 'gy', し: 'sh', じ: 'j', ち: 'ch', ぢ: 'j', に: 'ny', ひ: 'hy', び: 'by', ぴ: 'py', み: 'my', り: 'ry',
};
/** Consonant that a small vowel attaches to (loanword morae). */
const BEFORE_SMALL_V: Record<string, string> = {
  う: 'w', ゔ: 'v', ふ: 'f', て: 't', で: 'd', と: 't', ど: 'd', つ: 'ts', し: 'sh', じ: 'j', ち: 'ch', く: 'k', ぐ: 'g',
  す: 's', ず: 'z', い: 'y',
};

export function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export const KANA_RE = /[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff]/;

export interface KanaResult {
  symbols: string[];
  /** Characters that were not kana and were skipped. */
  unknown: number;
}

export function kanaToPhonemes(text: string): KanaResult {
  const s = toHiragana(text.normalize('NFKC'));
  const out: string[] = [];
  let unknown = 0;
  const lastVowel = () => {
    for (let i = out.length - 1; i >= 0; i--) if (VOWELS.includes(out[i]!)) return out[i]!;
    return undefined;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const next = s[i + 1];
    if (c === 'っ') {
      out.push('cl');
      continue;
    }
    if (c === 'ん') {
      out.push('N');
      continue;
    }
    if (c === 'ー' || c === '〜' || c === '～') {
      const v = lastVowel();
      if (v) out.push(v);
      continue;
    }
    if (next !== undefined && SMALL_Y[next] && PALATAL[c]) {
      out.push(PALATAL[c]!, SMALL_Y[next]!);
      i++;
      continue;
    }
    if (next !== undefined && SMALL_V[next] && BEFORE_SMALL_V[c]) {
      out.push(BEFORE_SMALL_V[c]!, SMALL_V[next]!);
      i++;
      continue;
    }
    const m = MORA.get(c) ?? (SMALL_V[c] ? (['', SMALL_V[c]!] as [string, string]) : undefined) ?? (SMALL_Y[c] ? (['y', SMALL_Y[c]!] as [string, string]) : undefined);
    if (m) {
      if (m[0] !== '') out.push(m[0]);
      out.push(m[1]);
      continue;
    }
    if (!/[\s\p{P}\p{S}]/u.test(c)) unknown++;
  }
  return { symbols: out, unknown };
}
