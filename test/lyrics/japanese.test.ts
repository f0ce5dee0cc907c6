import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, inventory, phonemizeLyrics, phonemizeText } from '../../src/lyrics/index.js';
import type { SyllablePhonemes } from '../../src/lyrics/types.js';
import { kanaToPhonemes } from '../../src/lyrics/japanese/kana.js';
import { romajiToPhonemes } from '../../src/lyrics/japanese/romaji.js';

const sym = (s: SyllablePhonemes) => s.phonemes.map((p) => p.symbol).join(' ');
const perChar = (s: string) => [...s].map((text) => ({ text }));
const kana = (s: string) => kanaToPhonemes(s).symbols.join(' ');
const romaji = (s: string) => romajiToPhonemes(s).symbols.join(' ');

test('桜が咲く (kanji via kuromoji) -> s a k u r a g a s a k u', () => {
  const [r] = phonemizeLyrics([{ text: '桜が咲く' }], 'ja');
  assert.equal(sym(r!), 's a k u r a g a s a k u');
  assert.equal(r!.approximate, undefined);
  // One note per character: the okurigana く stays on its own note.
  assert.deepEqual(phonemizeLyrics(perChar('桜が咲く'), 'ja').map(sym), ['s a k u r a', 'g a', 's a', 'k u']);
});

test('kanji compounds are shared out per kanji; particles は/へ are sung wa/e', () => {
  assert.deepEqual(phonemizeLyrics(perChar('東京へ'), 'ja').map(sym), ['t o u', 'ky o u', 'e']);
  assert.deepEqual(phonemizeLyrics(perChar('日本語'), 'ja').map(sym), ['n i', 'h o N', 'g o']);
  assert.deepEqual(phonemizeLyrics(perChar('私は'), 'ja').map(sym), ['w a t a sh i', 'w a']);
});

test('kana: small ya/yu/yo, sokuon, long vowel mark, moraic n, loanword morae', () => {
  assert.equal(kana('きょう'), 'ky o u');
  assert.equal(kana('ちょっと'), 'ch o cl t o');
  assert.equal(kana('ラーメン'), 'r a a m e N');
  assert.equal(kana('ファンタジー'), 'f a N t a j i i');
  assert.equal(kana('しんぶん'), 'sh i N b u N');
  assert.equal(kana('つづく'), 'ts u z u k u');
  assert.equal(kana('ティー'), 't i i');
});

test('romaji (Hepburn and Kunrei) -> the same morae as kana', () => {
  assert.equal(romaji('sakura ga saku'), kana('さくらがさく'));
  assert.equal(romaji('kitte'), 'k i cl t e');
  assert.equal(romaji('shinbun'), kana('しんぶん'));
  assert.equal(romaji("kon'ya"), 'k o N y a');
  assert.equal(romaji('tyotto'), kana('ちょっと'));
  assert.equal(romaji('matcha'), 'm a cl ch a');
  assert.equal(romaji('tsuki'), 'ts u k i');
  assert.equal(romaji('hune'), 'f u n e');
  const r = phonemizeLyrics([{ text: 'sa' }, { text: 'ku' }, { text: 'ra' }, { text: '-' }], 'ja');
  assert.deepEqual(r.map(sym), ['s a', 'k u', 'r a', '']);
});

test('phonemizeText and detectLanguage', () => {
  const r = phonemizeText('桜が咲く。', 'ja');
  assert.deepEqual(
    r.map((w) => [w.word, w.phonemes.map((p) => p.symbol).join(' ')]),
    [['桜', 's a k u r a'], ['が', 'g a'], ['咲く', 's a k u'], ['。', 'pau']],
  );
  assert.equal(detectLanguage('桜が咲く'), 'ja');
  assert.equal(detectLanguage('我爱唱歌'), 'zh');
  assert.equal(detectLanguage('Happy birthday'), 'en');
});

test('Japanese inventory classes', () => {
  const inv = inventory('ja');
  const get = (s: string) => inv.find((p) => p.symbol === s);
  assert.equal(get('N')!.cls, 'nasal');
  assert.equal(get('cl')!.cls, 'silence');
  assert.equal(get('ch')!.cls, 'affricate');
  assert.equal(inv.filter((p) => p.cls === 'vowel').length, 5);
});
