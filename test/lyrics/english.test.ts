import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inventory, phonemizeLyrics, phonemizeText } from '../../src/lyrics/index.js';
import type { SyllablePhonemes } from '../../src/lyrics/types.js';
import { syllabify } from '../../src/lyrics/english/syllabify.js';
import { parseArpabet } from '../../src/lyrics/english/arpabet.js';

/** "S IH1 NG" form: symbol plus stress digit on vowels. */
const arpa = (s: SyllablePhonemes) => s.phonemes.map((p) => p.symbol + (p.stress ?? '')).join(' ');

test('singing -> S IH1 NG IH0 NG (upper-case ARPAbet, stress in Phoneme.stress)', () => {
  const [r] = phonemizeLyrics([{ text: 'singing' }], 'en');
  assert.equal(arpa(r!), 'S IH1 NG IH0 NG');
  assert.deepEqual(r!.phonemes.map((p) => p.symbol), ['S', 'IH', 'NG', 'IH', 'NG']);
  assert.equal(r!.phonemes[1]!.cls, 'vowel');
  assert.equal(r!.phonemes[2]!.cls, 'nasal');
  assert.equal(r!.approximate, undefined);
});

test('beau-ti-ful over three notes -> B Y UW1 / T AH0 / F AH0 L', () => {
  const r = phonemizeLyrics(
    [
      { text: 'beau', syllabic: 'begin' },
      { text: 'ti', syllabic: 'middle' },
      { text: 'ful', syllabic: 'end' },
    ],
    'en',
  );
  assert.deepEqual(r.map(arpa), ['B Y UW1', 'T AH0', 'F AH0 L']);
});

test('melisma items continue the vowel and do not break the word', () => {
  const r = phonemizeLyrics(
    [
      { text: 'hap', syllabic: 'begin' },
      { text: '' },
      { text: 'py', syllabic: 'end' },
      { text: '-' },
      { text: '+' },
      { text: 'la' },
    ],
    'en',
  );
  assert.deepEqual(r.map(arpa), ['HH AE1', '', 'P IY0', '', '', 'L AA1']);
  assert.deepEqual(r.map((x) => x.text), ['hap', '', 'py', '-', '+', 'la']);
});

test('maximal onset: consonant clusters go to the following syllable when legal', () => {
  const s = (pron: string) => syllabify(parseArpabet(pron)).map((x) => x.map((p) => p.symbol).join(' '));
  assert.deepEqual(s('M AA1 N S T R AH0 S'), ['M AA N', 'S T R AH S']); // monstrous
  assert.deepEqual(s('AE1 T L AE0 S'), ['AE T', 'L AE S']); // atlas: TL is no English onset
  assert.deepEqual(s('S IH1 NG IH0 NG'), ['S IH NG', 'IH NG']); // NG never begins a syllable
  assert.deepEqual(s('EH1 K S T R AH0'), ['EH K', 'S T R AH']); // extra
});

test('out-of-vocabulary word gets a letter-to-sound guess flagged approximate', () => {
  const [r] = phonemizeLyrics([{ text: 'Zorblefax' }], 'en');
  assert.equal(r!.approximate, true);
  assert.deepEqual(r!.phonemes.map((p) => p.symbol), ['Z', 'AO', 'R', 'B', 'L', 'EH', 'F', 'AE', 'K', 'S']);
});

test('hyphenated word with more syllables than parts is grouped by spelling', () => {
  const r = phonemizeLyrics(
    [
      { text: 'ev', syllabic: 'begin' },
      { text: 'ery', syllabic: 'end' },
    ],
    'en',
  );
  assert.equal(arpa(r[0]!), 'EH1');
  assert.match(arpa(r[1]!), /^V /);
  assert.equal(r[1]!.phonemes.filter((p) => p.cls === 'vowel').length, 2);
});

test('phonemizeText: punctuation becomes pau, apostrophes kept', () => {
  const r = phonemizeText("Hello, world! Don't stop.", 'en');
  assert.deepEqual(
    r.map((w) => [w.word, w.phonemes.map((p) => p.symbol).join(' ')]),
    [
      ['Hello', 'HH AH L OW'],
      [',', 'pau'],
      ['world', 'W ER L D'],
      ['!', 'pau'],
      ["Don't", 'D OW N T'],
      ['stop', 'S T AA P'],
      ['.', 'pau'],
    ],
  );
  assert.equal(r[1]!.phonemes[0]!.cls, 'silence');
});

test('English inventory: 39 ARPAbet phones plus pau, with classes', () => {
  const inv = inventory('en');
  assert.equal(inv.length, 40);
  const cls = (s: string) => inv.find((p) => p.symbol === s)?.cls;
  assert.equal(cls('AA'), 'vowel');
  assert.equal(cls('CH'), 'affricate');
  assert.equal(cls('W'), 'glide');
  assert.equal(cls('pau'), 'silence');
  assert.equal(inv.find((p) => p.symbol === 'B')!.voiced, true);
  assert.equal(inv.find((p) => p.symbol === 'P')!.voiced, false);
});
