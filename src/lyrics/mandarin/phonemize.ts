import { pinyin } from 'pinyin-pro';
import { phonemizeEnglishUnit } from '../english/phonemize.js';
import type { Phoneme } from '../types.js';
import { MANDARIN } from './phones.js';
import { parsePinyin, type PinyinSyllable } from './pinyin-syllable.js';
import { applyThirdToneSandhi } from './tone-sandhi.js';

/** One sung unit found in a Mandarin lyric: a syllable, an English word, or punctuation. */
export interface MandarinUnit {
  text: string;
  syllable?: PinyinSyllable;
  /** Syllable came from a Han character (pinyin-pro), so third-tone sandhi applies. */
  fromHan?: boolean;
  /** Erhua: the following 儿 was merged into this syllable as a coda r. */
  erhua?: boolean;
  english?: Phoneme[];
  approximate?: boolean;
  punctuation?: boolean;
}

const PUNCT_RE = /^[\p{P}\p{S}]+$/u;
/** 儿 after these characters is a syllable of its own (女儿 daughter, 婴儿 baby...), not erhua. */
const NOT_ERHUA_BEFORE = new Set([...'女婴孤幼健男宠胎孙侄妻']);
const LATIN_TOKEN = /[A-Za-z\u00c0-\u024f\u0300-\u036f':]+[0-5]?|[\p{P}\p{S}]+/gu;

function latinUnits(text: string): MandarinUnit[] {
  const out: MandarinUnit[] = [];
  for (const m of text.matchAll(LATIN_TOKEN)) {
    const tok = m[0];
    if (PUNCT_RE.test(tok)) {
      out.push({ text: tok, punctuation: true });
      continue;
    }
    const syl = parsePinyin(tok);
    if (syl) out.push({ text: tok, syllable: syl });
    else {
      const en = phonemizeEnglishUnit(tok);
      out.push({ text: tok, english: en.phonemes, ...(en.approximate ? { approximate: true } : {}) });
    }
  }
  return out;
}

/**
 * Converts the lyric texts of a line (one entry per note, continuation items passed as '') into units per item.
 * The whole line goes through pinyin-pro at once so that polyphones (银行 hang / 行走 xing) and 一/不 sandhi are
 * resolved in context; typed pinyin and English words are recognised in the non-Han parts.
 */
export function mandarinUnits(texts: string[]): MandarinUnit[][] {
  const line = texts.join('');
  const entries = line.length > 0 ? pinyin(line, { toneType: 'num', type: 'all' }) : [];
  const result: MandarinUnit[][] = texts.map(() => []);
  let item = 0;
  let itemEnd = texts[0]?.length ?? 0;
  let pos = 0;
  let pendingLatin = '';
  const flushLatin = () => {
    if (pendingLatin !== '') result[item]!.push(...latinUnits(pendingLatin));
    pendingLatin = '';
  };
  for (const e of entries) {
    while (pos >= itemEnd && item < texts.length - 1) {
      flushLatin();
      item++;
      itemEnd += texts[item]!.length;
    }
    pos += e.origin.length;
    if (!e.isZh) {
      pendingLatin += e.origin;
      continue;
    }
    flushLatin();
    const units = result[item]!;
    const prev = units[units.length - 1];
    if (e.origin === '儿' && prev?.syllable && prev.fromHan && !prev.erhua && !NOT_ERHUA_BEFORE.has(prev.text)) {
      prev.erhua = true;
      prev.text += e.origin;
      continue;
    }
    const syl = parsePinyin(e.pinyin);
    if (syl) units.push({ text: e.origin, syllable: syl, fromHan: true });
    else units.push({ text: e.origin, approximate: true });
  }
  flushLatin();
  applyThirdToneSandhi(result.flat());
  return result;
}

export function unitPhonemes(u: MandarinUnit): Phoneme[] {
  if (u.english) return u.english;
  if (!u.syllable) return [];
  const out: Phoneme[] = [];
  if (u.syllable.initial !== '') out.push(MANDARIN.phoneme(u.syllable.initial));
  out.push(MANDARIN.phoneme(u.syllable.final, u.syllable.tone));
  if (u.erhua) out.push(MANDARIN.phoneme('r'));
  return out;
}
