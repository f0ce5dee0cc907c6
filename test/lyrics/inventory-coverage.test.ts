import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { inventory, phonemizeLyrics } from '../../src/lyrics/index.js';
import type { Language } from '../../src/lyrics/types.js';
import { letterToSound } from '../../src/lyrics/english/letter-to-sound.js';

/** Asserts every emitted phoneme is in the language's inventory with the same class and voicing. */
function checkCovered(language: Language, results: ReturnType<typeof phonemizeLyrics>): Set<string> {
  const inv = new Map(inventory(language).map((p) => [p.symbol, p]));
  const seen = new Set<string>();
  for (const r of results) {
    for (const p of r.phonemes) {
      const info = inv.get(p.symbol);
      assert.ok(info, `${language}: '${p.symbol}' (from '${r.text}') missing from inventory`);
      assert.equal(p.cls, info.cls);
      assert.equal(p.voiced, info.voiced);
      seen.add(p.symbol);
    }
  }
  return seen;
}

test('English: 30,000 dictionary words and their letter-to-sound guesses stay inside the inventory', () => {
  const words = Object.keys(dictionary).filter((w) => /^[a-z]+$/.test(w)).filter((_, i) => i % 4 === 0).slice(0, 30000);
  const r = phonemizeLyrics(words.map((text) => ({ text })), 'en');
  const seen = checkCovered('en', r);
  assert.equal(seen.size, 39, 'every ARPAbet phone occurs in a large word list');
  // The fallback must also stay inside the phone set, on real words.
  const inv = new Set(inventory('en').map((p) => p.symbol));
  for (const w of words.slice(0, 5000)) for (const p of letterToSound(w)) assert.ok(inv.has(p.symbol), `${w}: ${p.symbol}`);
});

test('Mandarin: the 20,902 CJK unified ideographs, 40 per line, all map to the inventory', () => {
  const chars: string[] = [];
  for (let c = 0x4e00; c <= 0x9fa5; c++) chars.push(String.fromCharCode(c));
  const results = [];
  let approximate = 0;
  for (let i = 0; i < chars.length; i += 40) {
    const r = phonemizeLyrics(chars.slice(i, i + 40).map((text) => ({ text })), 'zh');
    approximate += r.filter((s) => s.approximate || s.phonemes.length === 0).length;
    results.push(...r);
  }
  const seen = checkCovered('zh', results);
  assert.ok(approximate / chars.length < 0.01, `unreadable characters: ${approximate}`);
  const inv = inventory('zh').filter((p) => p.symbol !== 'pau');
  const never = inv.filter((p) => !seen.has(p.symbol)).map((p) => p.symbol);
  assert.deepEqual(never, [], 'every initial and final occurs');
});

test('Japanese: every kana, every kana + small kana pair, and 3,000 kanji stay inside the inventory', () => {
  const kana: string[] = [];
  for (let c = 0x3041; c <= 0x3096; c++) kana.push(String.fromCharCode(c));
  for (let c = 0x30a1; c <= 0x30fa; c++) kana.push(String.fromCharCode(c));
  const small = ['ゃ', 'ゅ', 'ょ', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'ャ', 'ュ', 'ョ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'っ', 'ー', 'ん'];
  const items = [...kana, ...kana.flatMap((k) => small.map((s) => k + s))].map((text) => ({ text }));
  const seen = checkCovered('ja', phonemizeLyrics(items, 'ja'));
  const kanji: string[] = [];
  for (let c = 0x4e00; kanji.length < 3000; c += 7) kanji.push(String.fromCharCode(c));
  const r = [];
  for (let i = 0; i < kanji.length; i += 30) r.push(...phonemizeLyrics([{ text: kanji.slice(i, i + 30).join('') }], 'ja'));
  for (const s of checkCovered('ja', r)) seen.add(s);
  const never = inventory('ja').filter((p) => p.symbol !== 'pau' && !seen.has(p.symbol)).map((p) => p.symbol);
  assert.deepEqual(never, []);
});
