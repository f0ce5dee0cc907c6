import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initLyrics, inventory, phonemizeLyrics, phonemizeLyricsAsync, phonemizeText } from '../../src/lyrics/index.js';
import type { SyllablePhonemes } from '../../src/lyrics/types.js';
import { UserError } from '../../src/errors.js';
import { ipaToArpabet } from '../../src/lyrics/espeak/ipa-to-arpabet.js';

const sym = (s: SyllablePhonemes) => s.phonemes.map((p) => p.symbol).join(' ');

test('eSpeak IPA to ARPAbet with stress', () => {
  const r = ipaToArpabet('z_ˈɔːɹ_b_əl_f_ˌæ_k_s');
  assert.equal(r.map((p) => p.symbol + (p.stress ?? '')).join(' '), 'Z AO1 R B AH0 L F AE2 K S');
});

test('other languages need eSpeak-NG: clear error before init, phonemes after', async () => {
  assert.throws(() => phonemizeLyrics([{ text: 'hola' }], 'es'), /initLyrics/);
  const r = await phonemizeLyricsAsync(
    [{ text: 'can', syllabic: 'begin' }, { text: 'tan', syllabic: 'middle' }, { text: 'do', syllabic: 'end' }, { text: '-' }],
    'es',
  );
  assert.deepEqual(r.map(sym), ['k a n', 't a n', 'd o', '']);
  assert.ok(r.slice(0, 3).every((s) => s.approximate === true && s.language === 'es'));
  const fr = phonemizeLyrics([{ text: 'chanson' }], 'fr');
  assert.equal(sym(fr[0]!), 'ʃ ɑ̃ s ɔ̃');
  assert.equal(fr[0]!.phonemes[1]!.cls, 'vowel');
  const de = phonemizeText('Guten Morgen, Welt.', 'de');
  assert.deepEqual(de.map((w) => w.word), ['Guten', 'Morgen', ',', 'Welt', '.']);
  assert.equal(de[2]!.phonemes[0]!.symbol, 'pau');
  assert.throws(() => phonemizeLyrics([{ text: 'x' }], 'qq'), UserError);
});

test('after initLyrics, English OOV words come from eSpeak-NG mapped to ARPAbet', async () => {
  await initLyrics();
  const [r] = phonemizeLyrics([{ text: 'Zorblefax' }], 'en');
  assert.equal(r!.approximate, true);
  assert.equal(r!.phonemes.map((p) => p.symbol + (p.stress ?? '')).join(' '), 'Z AO1 R B AH0 L F AE2 K S');
  const inv = new Set(inventory('en').map((p) => p.symbol));
  assert.ok(r!.phonemes.every((p) => inv.has(p.symbol)));
});
