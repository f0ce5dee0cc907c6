import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inventory, phonemizeLyrics, phonemizeText } from '../../src/lyrics/index.js';
import type { SyllablePhonemes } from '../../src/lyrics/types.js';
import { parsePinyin } from '../../src/lyrics/mandarin/pinyin-syllable.js';

const sym = (s: SyllablePhonemes) => s.phonemes.map((p) => p.symbol).join(' ');
const tones = (r: SyllablePhonemes[]) => r.map((s) => s.phonemes.find((p) => p.cls === 'vowel')?.stress);
const perChar = (s: string) => [...s].map((text) => ({ text }));

test('我爱唱歌 -> w uo / ai / ch ang / g e, tones on the finals', () => {
  const r = phonemizeLyrics(perChar('我爱唱歌'), 'zh');
  assert.deepEqual(r.map(sym), ['w uo', 'ai', 'ch ang', 'g e']);
  assert.deepEqual(tones(r), [3, 4, 4, 1]);
  assert.equal(r[0]!.phonemes[0]!.cls, 'glide');
  assert.equal(r[2]!.phonemes[0]!.cls, 'affricate');
  assert.ok(r.every((s) => s.language === 'zh' && !s.approximate));
});

test('y/w syllables: 有 y ou, 月 y ve, 一 y i, 五 w u, 远 y van, 云 y vn', () => {
  const r = phonemizeLyrics(perChar('有月五远云'), 'zh');
  assert.deepEqual(r.map(sym), ['y ou', 'y ve', 'w u', 'y van', 'y vn']);
  assert.deepEqual(phonemizeLyrics(perChar('一'), 'zh').map(sym), ['y i']);
});

test('apical vowels kept distinct: 知 zh ir, 思 s i0, 七 q i', () => {
  assert.deepEqual(phonemizeLyrics(perChar('知思七'), 'zh').map(sym), ['zh ir', 's i0', 'q i']);
});

test('polyphones resolved in line context: 银行 hang, 行走 xing, 长大 zhang vs 长城 chang', () => {
  assert.equal(sym(phonemizeLyrics(perChar('银行'), 'zh')[1]!), 'h ang');
  assert.equal(sym(phonemizeLyrics(perChar('行走'), 'zh')[0]!), 'x ing');
  assert.equal(sym(phonemizeLyrics(perChar('长大'), 'zh')[0]!), 'zh ang');
  assert.equal(sym(phonemizeLyrics(perChar('长城'), 'zh')[0]!), 'ch ang');
});

test('tone sandhi: 你好 2-3, 一个 yi2, 不对 bu2, 我爱你 keeps 3 on 你', () => {
  assert.deepEqual(tones(phonemizeLyrics(perChar('你好'), 'zh')), [2, 3]);
  assert.deepEqual(tones(phonemizeLyrics(perChar('一个'), 'zh')), [2, 4]);
  assert.deepEqual(tones(phonemizeLyrics(perChar('不对'), 'zh')), [2, 4]);
  assert.deepEqual(tones(phonemizeLyrics(perChar('我爱你'), 'zh')), [3, 4, 3]);
});

test('erhua: 花儿 on one note -> h ua r; 儿 on its own note stays er; 女儿 is not erhua', () => {
  const one = phonemizeLyrics([{ text: '花儿' }], 'zh');
  assert.equal(sym(one[0]!), 'h ua r');
  assert.equal(one[0]!.phonemes[2]!.cls, 'liquid');
  assert.deepEqual(phonemizeLyrics(perChar('花儿'), 'zh').map(sym), ['h ua', 'er']);
  assert.equal(sym(phonemizeLyrics([{ text: '女儿' }], 'zh')[0]!), 'n v er');
});

test('typed pinyin with tone numbers and tone marks; English words in a Chinese lyric', () => {
  const r = phonemizeLyrics([{ text: 'wo3' }, { text: 'ài' }, { text: 'nǚ' }, { text: 'lve4' }, { text: '-' }, { text: 'love' }], 'zh');
  assert.deepEqual(r.map(sym), ['w uo', 'ai', 'n v', 'l ve', '', 'L AH V']);
  assert.deepEqual(tones(r).slice(0, 4), [3, 4, 3, 4]);
  assert.equal(r[5]!.language, 'en');
  assert.deepEqual(parsePinyin('zhuang1'), { initial: 'zh', final: 'uang', tone: 1 });
  assert.deepEqual(parsePinyin('jun'), { initial: 'j', final: 'vn', tone: 5 });
  assert.deepEqual(parsePinyin('liu2'), { initial: 'l', final: 'iu', tone: 2 });
  assert.equal(parsePinyin('hello'), null);
});

test('phonemizeText: characters as words, punctuation as pau', () => {
  const r = phonemizeText('我爱你，中国！', 'zh');
  assert.deepEqual(
    r.map((w) => [w.word, w.phonemes.map((p) => p.symbol).join(' ')]),
    [['我', 'w uo'], ['爱', 'ai'], ['你', 'n i'], ['，', 'pau'], ['中', 'zh ong'], ['国', 'g uo'], ['！', 'pau']],
  );
});

test('Mandarin inventory: 23 initials + 37 finals + pau', () => {
  const inv = inventory('zh');
  assert.equal(inv.length, 61);
  assert.equal(inv.filter((p) => p.cls === 'vowel').length, 37);
});
