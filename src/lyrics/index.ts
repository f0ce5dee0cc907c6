/**
 * Lyrics to phonemes. Public entry points:
 *  - phonemizeLyrics(items, language): one SyllablePhonemes per sung note (sync);
 *  - phonemizeLyricsAsync: the same after loading eSpeak-NG (better English OOV words, other languages);
 *  - phonemizeText(text, language): whole sentences for speech mode / alignment, punctuation -> 'pau';
 *  - detectLanguage(text), inventory(language).
 *
 * Phone sets (see each phones file): English = ARPAbet upper case without stress digits (stress 0/1/2 in
 * Phoneme.stress); Mandarin = Opencpop-style initials + finals, tone 1-5 in Phoneme.stress on the final, apical
 * finals 'ir'/'i0', erhua as coda 'r'; Japanese = NNSVS-style morae (k a, ky o, N, cl); other languages = IPA
 * segments from eSpeak-NG, always approximate. Every language also has 'pau' (silence).
 * Loading: CMU dict at import; kuromoji synchronously on first Japanese use in Node (or `initJapanese()`);
 * eSpeak-NG only after `await initLyrics()` (before that English OOV words use letter-to-sound, flagged approximate,
 * and other languages throw).
 */
import { ARPABET } from './english/arpabet.js';
import { englishWords, phonemizeEnglishSplitWord, phonemizeEnglishUnit } from './english/phonemize.js';
import { isContinuation } from './continuation.js';
import { pause } from './phone-table.js';
import { MANDARIN } from './mandarin/phones.js';
import { mandarinUnits, unitPhonemes } from './mandarin/phonemize.js';
import { JAPANESE } from './japanese/phones.js';
import { japaneseItems, japaneseWords } from './japanese/phonemize.js';

import { initJapanese } from './japanese/kuromoji-loader.js';
import { espeakReady, espeakIpa, initEspeak } from './espeak/engine.js';
import { ipaToArpabet } from './espeak/ipa-to-arpabet.js';
import { IPA } from './espeak/ipa-phones.js';
import { espeakWords, ipaSyllables } from './espeak/other-language.js';
import { setEnglishOovResolver } from './english/lexicon.js';
import { groupSyllables } from './english/syllabify.js';

export { initJapanese };

/**
 * Loads eSpeak-NG (English out-of-vocabulary words, other languages) and the Japanese dictionary. After it resolves,
 * the sync functions use them too.
 */
export async function initLyrics(): Promise<void> {
  await Promise.all([initEspeak(), initJapanese()]);
  setEnglishOovResolver((word) => {
    try {
      return ipaToArpabet(espeakIpa(word, 'en'));
    } catch {
      return null;
    }
  });
}

/** phonemizeLyrics after `initLyrics()`: eSpeak-NG for English OOV words and for languages other than zh/en/ja. */
export async function phonemizeLyricsAsync(items: LyricItem[], language: Language): Promise<SyllablePhonemes[]> {
  await initLyrics();
  return phonemizeLyrics(items, language);
}

/** phonemizeText after `initLyrics()`. */
export async function phonemizeTextAsync(text: string, language: Language): Promise<WordPhonemes[]> {
  await initLyrics();
  return phonemizeText(text, language);
}

/** 'zh-CN' -> 'zh', 'cmn' -> 'zh', 'jpn' -> 'ja', 'en-GB' -> 'en'; other codes pass through lower-cased. */
export function baseLanguage(language: Language): Language {
  const l = language.toLowerCase();
  const head = l.split(/[-_]/)[0]!;
  if (head === 'zh' || head === 'cmn') return 'zh';
  if (head === 'ja' || head === 'jpn') return 'ja';
  if (head === 'en' || head === 'eng') return 'en';
  return l;
}

function requireEspeak(language: Language): void {
  if (!espeakReady()) {
    throw new Error(`lyrics in '${language}' need eSpeak-NG: call \`await initLyrics()\` first or use phonemizeLyricsAsync`);
  }
}
import type { Language, Phoneme, PhonemeClass, PhonemeInfo, SyllablePhonemes } from './types.js';

export type { PhonemeInfo } from './types.js';

export type Syllabic = 'single' | 'begin' | 'middle' | 'end';

export interface LyricItem {
  text: string;
  syllabic?: Syllabic;
}

export interface WordPhonemes {
  word: string;
  phonemes: Phoneme[];
}

/** Han characters -> zh, any kana -> ja (Japanese text mixes kanji and kana), else en. */
export function detectLanguage(text: string): Language {
  if (/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/.test(text)) return 'ja';
  if (/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(text)) return 'zh';
  return 'en';
}

/** Every phoneme the converter can emit for `language`, with class, voicing and closest IPA. */
export function inventory(languageIn: Language): PhonemeInfo[] {
  const language = baseLanguage(languageIn);
  if (language === 'en') return ARPABET.list();
  if (language === 'zh') return MANDARIN.list();
  if (language === 'ja') return JAPANESE.list();
  return IPA.list();
}

const INVENTORY_LANGUAGES: Language[] = ['en', 'zh', 'ja', 'ipa'];

/**
 * What is known of a phoneme symbol whose language is not at hand (a plan's segment carries only the symbol, class
 * and voicing): its entry in the first inventory (en, zh, ja, IPA) with the same symbol, class and voicing, else with
 * the same symbol alone. English symbols are upper case and cannot be confused with the others; a lower-case symbol
 * shared by Mandarin and Japanese (s, sh, k...) names nearly the same sound in both.
 */
export function findPhonemeInfo(symbol: string, cls: PhonemeClass, voiced: boolean): PhonemeInfo | undefined {
  let loose: PhonemeInfo | undefined;
  for (const l of INVENTORY_LANGUAGES) {
    for (const p of inventory(l)) {
      if (p.symbol !== symbol) continue;
      if (p.cls === cls && p.voiced === voiced) return p;
      loose ??= p;
    }
  }
  return loose;
}

/** Groups item indices into words: begin..middle..end form one word; continuation items are skipped. */
function wordGroups(items: LyricItem[]): number[][] {
  const groups: number[][] = [];
  let open: number[] | null = null;
  items.forEach((it, i) => {
    if (isContinuation(it.text)) return;
    const s = it.syllabic ?? 'single';
    if (s === 'begin') {
      if (open) groups.push(open);
      open = [i];
    } else if (s === 'middle' || s === 'end') {
      if (open) open.push(i);
      else open = [i];
      if (s === 'end') {
        groups.push(open);
        open = null;
      }
    } else {
      if (open) {
        groups.push(open);
        open = null;
      }
      groups.push([i]);
    }
  });
  if (open) groups.push(open);
  return groups;
}

function phonemizeEnglishItems(items: LyricItem[], out: SyllablePhonemes[]): void {
  for (const g of wordGroups(items)) {
    if (g.length === 1) {
      const r = phonemizeEnglishUnit(items[g[0]!]!.text);
      out[g[0]!] = { text: items[g[0]!]!.text, language: 'en', phonemes: r.phonemes, ...(r.approximate ? { approximate: true } : {}) };
      continue;
    }
    const parts = g.map((i) => items[i]!.text.replace(/[-\s]/g, ''));
    const sylls = phonemizeEnglishSplitWord(parts);
    g.forEach((idx, k) => {
      const s = sylls[k]!;
      out[idx] = { text: items[idx]!.text, language: 'en', phonemes: s.phonemes, ...(s.approximate ? { approximate: true } : {}) };
    });
  }
}

function phonemizeMandarinItems(items: LyricItem[], out: SyllablePhonemes[]): void {
  const texts = items.map((it) => (isContinuation(it.text) ? '' : it.text));
  mandarinUnits(texts).forEach((units, i) => {
    const phonemes = units.flatMap(unitPhonemes);
    const onlyEnglish = units.length > 0 && units.every((u) => u.english || u.punctuation);
    const approximate = units.some((u) => u.approximate);
    out[i] = { text: items[i]!.text, language: onlyEnglish ? 'en' : 'zh', phonemes, ...(approximate ? { approximate: true } : {}) };
  });
}

/** Other languages through eSpeak-NG: words split over notes by a generic onset rule, always approximate. */
function phonemizeOtherItems(items: LyricItem[], language: Language, out: SyllablePhonemes[]): void {
  requireEspeak(language);
  for (const g of wordGroups(items)) {
    const parts = g.map((i) => items[i]!.text.replace(/[-\s]/g, ''));
    const phonemes = espeakWords(g.length === 1 ? items[g[0]!]!.text : parts.join(''), language).words.flat();
    let perItem: Phoneme[][];
    if (g.length === 1) perItem = [phonemes];
    else {
      const sylls = ipaSyllables(phonemes);
      if (sylls.length >= g.length) {
        const counts = groupSyllables(sylls.map((x) => x.length), parts.map((p) => Math.max(1, [...p].length)));
        let k = 0;
        perItem = counts.map((c) => sylls.slice(k, (k += c)).flat());
      } else perItem = g.map((_, i) => sylls[i] ?? []);
    }
    g.forEach((idx, k) => {
      out[idx] = { text: items[idx]!.text, language, phonemes: perItem[k]!, approximate: true };
    });
  }
}

/**
 * One result per item, in order. Consecutive begin/middle/end items form one word whose pronunciation is split per
 * syllable; '-', '+', '_' or '' continue the previous vowel and get an empty phoneme list.
 */
export function phonemizeLyrics(items: LyricItem[], languageIn: Language): SyllablePhonemes[] {
  const language = baseLanguage(languageIn);
  const out: SyllablePhonemes[] = items.map((it) => ({ text: it.text, language, phonemes: [] }));
  if (language === 'en') phonemizeEnglishItems(items, out);
  else if (language === 'zh') phonemizeMandarinItems(items, out);
  else if (language === 'ja') {
    japaneseItems(items.map((it) => (isContinuation(it.text) ? '' : it.text))).forEach((r, i) => {
      out[i] = { text: items[i]!.text, language: 'ja', phonemes: r.phonemes, ...(r.approximate ? { approximate: true } : {}) };
    });
  }
  else phonemizeOtherItems(items, language, out);
  return out;
}

const PUNCT = /([.,;:!?\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a\u2026]+)/;

/** Whole sentences for speech: one entry per word; punctuation becomes a 'pau' silence phoneme. */
export function phonemizeText(text: string, languageIn: Language): WordPhonemes[] {
  const language = baseLanguage(languageIn);
  if (language !== 'en' && language !== 'zh' && language !== 'ja') requireEspeak(language);
  const out: WordPhonemes[] = [];
  for (const chunk of text.split(PUNCT)) {
    if (chunk === '') continue;
    if (PUNCT.test(chunk)) {
      out.push({ word: chunk, phonemes: [pause()] });
      continue;
    }
    if (language === 'en') {
      for (const w of englishWords(chunk)) out.push({ word: w, phonemes: phonemizeEnglishUnit(w).phonemes });
    } else if (language === 'ja') {
      for (const w of japaneseWords(chunk)) if (w.word.trim() !== '') out.push(w);
    } else if (language === 'zh') {
      for (const u of mandarinUnits([chunk])[0]!) {
        if (u.punctuation) out.push({ word: u.text, phonemes: [pause()] });
        else out.push({ word: u.text, phonemes: unitPhonemes(u) });
      }
    } else {
      for (const w of chunk.split(/\s+/)) {
        if (w === '') continue;
        out.push({ word: w, phonemes: espeakWords(w, language).words.flat() });
      }
    }
  }
  return out;
}
