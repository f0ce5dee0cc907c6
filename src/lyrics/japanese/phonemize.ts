import type { Phoneme } from '../types.js';
import { kanaToPhonemes, toHiragana } from './kana.js';
import { getTokenizer } from './kuromoji-loader.js';
import { JAPANESE } from './phones.js';
import { romajiToPhonemes } from './romaji.js';

const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]/; // 々 repeats a kanji
const HAN_G = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+/g;

export interface JapaneseItem {
  phonemes: Phoneme[];
  approximate: boolean;
}

/**
 * Splits a token's reading over its surface characters: kana in the surface are anchors, each run of kanji takes
 * the reading between them (咲く/サク -> 咲=さ, く=く). The whole run's reading goes to its first kanji.
 * Returns null when the kana anchors do not line up with the reading.
 */
export function alignReading(surface: string, reading: string): string[] | null {
  const hira = toHiragana(reading);
  const surf = toHiragana(surface);
  const parts: { text: string; han: boolean }[] = [];
  for (const ch of surf) {
    const han = HAN_RE.test(ch);
    const last = parts[parts.length - 1];
    if (last && last.han === han) last.text += ch;
    else parts.push({ text: ch, han });
  }
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp('^' + parts.map((p) => (p.han ? '(.+?)' : esc(p.text))).join('') + '$', 'u');
  const m = re.exec(hira);
  if (!m) return null;
  const out: string[] = [];
  let g = 1;
  for (const p of parts) {
    const chars = [...p.text];
    if (p.han) out.push(...splitOverKanji(m[g++]!, chars.length));
    else out.push(...chars);
  }
  return out;
}

/**
 * Shares the reading of a run of n kanji out over the kanji (東京 とうきょう -> とう, きょう; 日本語 -> に, ほん, ご):
 * the reading is cut into syllables (a mora plus a following ん, っ, ー, small kana or long-vowel う/い), then the
 * syllables are dealt out as evenly as possible, earlier kanji first. A heuristic: IPADIC has no per-kanji readings.
 */
export function splitOverKanji(reading: string, n: number): string[] {
  if (n === 1) return [reading];
  const sylls: string[] = [];
  for (const ch of reading) {
    const last = sylls[sylls.length - 1];
    const lastV = last ? kanaToPhonemes(last).symbols.at(-1) : undefined;
    const attaches =
      /[んっーゃゅょぁぃぅぇぉ]/.test(ch) || (ch === 'う' && (lastV === 'o' || lastV === 'u')) || (ch === 'い' && lastV === 'e');
    if (last !== undefined && attaches) sylls[sylls.length - 1] = last + ch;
    else sylls.push(ch);
  }
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const take = Math.floor(sylls.length / n) + (i < sylls.length % n ? 1 : 0);
    out.push(sylls.slice(k, k + take).join(''));
    k += take;
  }
  return out;
}

/**
 * Phonemes per lyric item of a Japanese line. The line is tokenized as a whole (kuromoji, IPADIC) so kanji get their
 * reading in context and the particles は/へ are sung わ/え; kana and romaji are converted mora by mora.
 */
export function japaneseItems(texts: string[]): JapaneseItem[] {
  const line = texts.join('');
  // Per UTF-16 code unit: the kana it is sung as ('' for the tail of a kanji run).
  const sung: string[] = [...line.split('')];
  const approxAt: boolean[] = sung.map(() => false);
  const hasHan = HAN_RE.test(line);
  if (hasHan || /[はへハヘ]/.test(line)) {
    const tok = getTokenizer();
    if (!tok && hasHan) {
      throw new Error('Japanese lyrics with kanji need the kuromoji dictionary: call `await initJapanese()` first');
    }
    for (const t of tok ? tok.tokenize(line) : []) {
      const start = t.word_position - 1;
      const surf = t.surface_form;
      if (t.pos === '助詞' && (surf === 'は' || surf === 'へ') && t.pronunciation) {
        sung[start] = toHiragana(t.pronunciation);
        continue;
      }
      if (!HAN_RE.test(surf)) continue;
      const reading = t.reading && t.reading !== '*' ? t.reading : null;
      const aligned = reading ? alignReading(surf, reading) : null;
      const units = surf.split('');
      if (aligned && aligned.length === units.length) {
        aligned.forEach((k, j) => (sung[start + j] = k));
      } else if (reading) {
        units.forEach((_, j) => (sung[start + j] = j === 0 ? toHiragana(reading) : ''));
      } else {
        units.forEach((_, j) => (approxAt[start + j] = true));
      }
    }
  }
  const out: JapaneseItem[] = [];
  let pos = 0;
  for (const text of texts) {
    const end = pos + text.length;
    const s = sung.slice(pos, end).join('');
    let approximate = approxAt.slice(pos, end).some(Boolean) || HAN_RE.test(s);
    const symbols: string[] = [];
    for (const run of s.match(/[A-Za-z\u00c0-\u024f']+|[^A-Za-z\u00c0-\u024f']+/g) ?? []) {
      const r = /[A-Za-z]/.test(run) ? romajiToPhonemes(run) : kanaToPhonemes(run.replace(HAN_G, ''));
      symbols.push(...r.symbols);
      if (r.unknown > 0) approximate = true;
    }
    out.push({ phonemes: symbols.map((x) => JAPANESE.phoneme(x)), approximate });
    pos = end;
  }
  return out;
}

/** Words of a Japanese sentence (kuromoji tokens when available, else the whole run) with their phonemes. */
export function japaneseWords(text: string): { word: string; phonemes: Phoneme[] }[] {
  const tok = getTokenizer();
  const words = tok ? tok.tokenize(text).map((t) => t.surface_form) : [text];
  const items = japaneseItems(words);
  return words.map((w, i) => ({ word: w, phonemes: items[i]!.phonemes }));
}
