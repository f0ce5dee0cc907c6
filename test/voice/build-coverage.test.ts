import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../../src/audio/types.js';
import { readWavFile } from '../../src/audio/wav.js';
import { inventory } from '../../src/lyrics/index.js';
import { buildVoice } from '../../src/voice/build.js';
import { readPhonesFile } from '../../src/voice/align/evaluate.js';
import { formatCloneReport, LOW_CONFIDENCE } from '../../src/voice/report.js';
import { silenceAudio, whiteNoiseAudio } from '../helpers/signals.js';
import { voicesDir } from '../helpers/paths.js';
import { expectUserError } from '../helpers/assertions.js';

const transcript = (v: string) => readFileSync(join(voicesDir, v, 'transcript.txt'), 'utf8');
const reference = (v: string) => readWavFile(join(voicesDir, v, 'reference.wav'));

test('espeak-en and espeak-cmn (zh): voices in their own phone sets', () => {
  for (const [v, lang] of [['espeak-en', 'en'], ['espeak-cmn', 'zh']] as const) {
    const t0 = performance.now();
    const { voice, report } = buildVoice(reference(v), transcript(v), lang, { file: v, name: v });
    console.log(`${v}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n${formatCloneReport(report)}`);
    const inv = new Map(inventory(lang).map((p) => [p.symbol, p]));
    assert.equal(voice.language, lang);
    assert.ok(voice.units.length > 150);
    for (const u of voice.units) {
      assert.equal(inv.get(u.phoneme)?.cls, u.cls, u.phoneme);
    }
    // Every phoneme of the language is either in the voice or has a stand-in that is.
    for (const p of inv.values()) {
      if (p.cls === 'silence') continue;
      const have = (voice.stats.phonemeCounts[p.symbol] ?? 0) > 0;
      const sub = voice.substitutes[p.symbol];
      assert.ok(have !== (sub !== undefined), `${p.symbol}: present ${have}, substitute ${sub}`);
      if (sub) assert.ok(voice.stats.phonemeCounts[sub]! > 0);
    }
    // eSpeak speaks at a low, fairly flat pitch: 60-200 Hz.
    assert.ok(voice.stats.f0Median > 60 && voice.stats.f0Median < 200, String(voice.stats.f0Median));
    if (lang === 'zh') assert.ok(voice.units.some((u) => u.stress !== undefined && u.stress >= 1 && u.stress <= 5));
  }
});

/** The first `n` sentences of a reference: cut in the middle of the n-th long pause of phones.txt. */
function firstSentences(v: string, n: number): { audio: Audio; text: string } {
  const audio = reference(v);
  const long = readPhonesFile(join(voicesDir, v, 'phones.txt')).filter((p) => p.symbol === 'pau' && p.end - p.start > 0.35 && p.start > 0);
  const cut = (long[n - 1]!.start + long[n - 1]!.end) / 2;
  const text = transcript(v).trim().split(/\r?\n/).slice(0, n).join('\n');
  return { audio: { sampleRate: audio.sampleRate, samples: audio.samples.slice(0, Math.round(cut * audio.sampleRate)) }, text };
}

test('a short transcript: the phonemes it lacks are listed with stand-ins of the same class', () => {
  const { audio, text } = firstSentences('kal', 2);
  const { voice, report } = buildVoice(audio, text, 'en', { file: 'kal-2.wav' });
  console.log(formatCloneReport(report));
  const missing = new Map(report.missing.map((m) => [m.phoneme, m.substitute]));
  // "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background." has none of these:
  for (const ph of ['ZH', 'OY', 'TH', 'V', 'Z', 'JH', 'EH', 'OW', 'Y', 'HH']) assert.ok(missing.has(ph), `${ph} not listed as missing`);
  for (const ph of ['B', 'ER', 'CH', 'K', 'AH', 'N', 'UW', 'S', 'L', 'IH', 'D', 'M', 'DH']) assert.ok(!missing.has(ph), `${ph} listed as missing`);
  const inv = new Map(inventory('en').map((p) => [p.symbol, p]));
  for (const [ph, sub] of missing) {
    assert.ok(voice.stats.phonemeCounts[sub]! > 0);
    const a = inv.get(ph)!;
    const b = inv.get(sub)!;
    // Vowels stand in for vowels; consonants for sonorant or obstruent consonants alike.
    const sonorant = (c: string) => ['vowel'].includes(c) ? 2 : ['nasal', 'liquid', 'glide'].includes(c) ? 1 : 0;
    assert.ok(Math.abs(sonorant(a.cls) - sonorant(b.cls)) <= 1, `${ph} -> ${sub}`);
    if (a.cls === 'vowel') assert.equal(b.cls, 'vowel', `${ph} -> ${sub}`);
  }
  assert.equal(missing.get('ZH'), 'SH');
  assert.equal(missing.get('Z'), 'S');
  assert.equal(missing.get('V'), 'DH');
  assert.equal(missing.get('W'), 'UW');
  assert.equal(missing.get('Y'), 'IY');
  assert.ok(report.warnings.some((w) => /only \d+\.\d s of speech/.test(w)));
  assert.match(formatCloneReport(report), /missing phonemes \(\d+\), with stand-ins: .*ZH -> SH/);
});

test('a transcript of other audio gets a low-confidence warning', () => {
  const { report } = buildVoice(reference('kal'), 'The quick brown fox jumps over the lazy dog. '.repeat(12), 'en', { file: 'kal.wav' });
  const right = 1.0; // kal with its own transcript (build.test.ts prints it)
  console.log(`confidence with another text: ${report.alignmentConfidence.toFixed(2)} (own transcript about ${right})`);
  assert.ok(report.alignmentConfidence < LOW_CONFIDENCE);
  assert.ok(report.warnings.some((w) => /transcript does not seem to fit the audio/.test(w)));
});

test('bad references and transcripts are UserErrors naming the file', () => {
  const text = transcript('kal');
  expectUserError(() => buildVoice(silenceAudio(16000, 20), text, 'en', { file: 's.wav' }), 's.wav', /no voiced speech found/);
  expectUserError(() => buildVoice(whiteNoiseAudio(16000, 20, 0.1), text, 'en', { file: 'n.wav' }), 'n.wav', /no voiced speech found/);
  // Very quiet noise is still noise.
  expectUserError(() => buildVoice(whiteNoiseAudio(22050, 20, 0.001), text, 'en', { file: 'q.wav' }), 'q.wav', /no voiced speech found/);
  const kal = reference('kal');
  const short = { sampleRate: kal.sampleRate, samples: kal.samples.slice(0, 2.5 * kal.sampleRate) };
  expectUserError(() => buildVoice(short, 'The birch canoe', 'en', { file: 'short.wav' }), 'short.wav', /2\.50 s long, too short: use 10 s to 10 min/);
  const long = { sampleRate: 8000, samples: new Float32Array(8000 * 601) };
  expectUserError(() => buildVoice(long, text, 'en', { file: 'long.wav' }), 'long.wav', /too long: use 10 s to 10 min/);
  expectUserError(() => buildVoice(kal, '   ', 'en', { file: 'k.wav', transcriptFile: 't.txt' }), 't.txt', /empty/);
  expectUserError(() => buildVoice(kal, '我们一起唱歌吧。', 'en', { file: 'k.wav', transcriptFile: 't.txt' }), 't.txt', /looks like 'zh'.*--lang/);
  expectUserError(() => buildVoice(kal, text, 'zh', { file: 'k.wav', transcriptFile: 't.txt' }), 't.txt', /looks like 'en'.*not 'zh'/);
  expectUserError(() => buildVoice(short, text + text + text, 'en', { file: 'k.wav', transcriptFile: 't.txt' }), 'k.wav', /too short/);
  const six = { sampleRate: kal.sampleRate, samples: kal.samples.slice(0, 6 * kal.sampleRate) };
  expectUserError(() => buildVoice(six, text.repeat(3), 'en', { file: 'k.wav', transcriptFile: 't.txt' }), 't.txt', /too long for/);
});
