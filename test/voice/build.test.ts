import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWavFile } from '../../src/audio/wav.js';
import { phonemizeText } from '../../src/lyrics/index.js';
import { buildVoice } from '../../src/voice/build.js';
import { phoneBoundaryErrors, readPhonesFile } from '../../src/voice/align/evaluate.js';
import { formatCloneReport } from '../../src/voice/report.js';
import { decodeVoice, encodeVoice } from '../../src/voice/voice-file.js';
import type { Voice } from '../../src/voice/types.js';
import { median } from '../../src/voice/stats.js';
import { praatPitch } from '../helpers/praat.js';
import { voicesDir } from '../helpers/paths.js';

const transcript = (v: string) => readFileSync(join(voicesDir, v, 'transcript.txt'), 'utf8');
const built = new Map<string, ReturnType<typeof buildVoice>>();
function build(v: string) {
  let r = built.get(v);
  if (!r) {
    const file = join(voicesDir, v, 'reference.wav');
    const t0 = performance.now();
    r = buildVoice(readWavFile(file), transcript(v), 'en', { file, name: v, fileBytes: readFileSync(file) });
    console.log(`${v}: built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n${formatCloneReport(r.report)}`);
    built.set(v, r);
  }
  return r;
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

for (const v of ['slt', 'kal']) {
  test(`${v}: one unit per transcript phoneme, in order, with contexts, frames and boundaries near phones.txt`, () => {
    const { voice, report } = build(v);
    const expected = phonemizeText(transcript(v), 'en').flatMap((w) => w.phonemes).filter((p) => p.cls !== 'silence');
    assert.deepEqual(voice.units.map((u) => u.phoneme), expected.map((p) => p.symbol));
    const dim = voice.mcepOrder + 1;
    assert.equal(voice.frames.mcep.length, voice.frameCount * dim);
    assert.equal(voice.frames.ap.length, voice.frameCount * voice.apBands);
    for (let i = 0; i < voice.units.length; i++) {
      const u = voice.units[i]!;
      assert.ok(u.end > u.start && u.frameCount >= 1 && u.frameStart + u.frameCount <= voice.frameCount);
      assert.ok(Math.abs(u.frameStart * voice.framePeriod - u.start) <= voice.framePeriod);
      if (i > 0) {
        assert.ok(u.start >= voice.units[i - 1]!.end - 1e-9);
        if (u.left !== 'pau') assert.equal(u.left, voice.units[i - 1]!.phoneme);
      }
      assert.ok(Number.isFinite(u.energy));
    }
    // Vowels are voiced with an F0 in the speaker's range; plosive bursts are quieter than vowels on average.
    const vowels = voice.units.filter((u) => u.cls === 'vowel');
    assert.ok(vowels.filter((u) => u.f0 > 0).length >= 0.95 * vowels.length);
    const meanEnergy = (cls: string) => {
      const us = voice.units.filter((u) => u.cls === cls);
      return us.reduce((s, u) => s + u.energy, 0) / us.length;
    };
    console.log(`${v}: mean unit energy vowel ${meanEnergy('vowel').toFixed(1)} dB, plosive ${meanEnergy('plosive').toFixed(1)} dB`);
    assert.ok(meanEnergy('vowel') > meanEnergy('plosive') + 3);
    // Loose check of the boundaries (the aligner's own test is strict): unit times are relative to the trimmed audio.
    const truth = readPhonesFile(join(voicesDir, v, 'phones.txt'));
    const e = phoneBoundaryErrors(
      voice.units.map((u) => ({ start: u.start + report.trimStart, end: u.end + report.trimStart, symbol: u.phoneme })),
      truth,
    );
    console.log(`${v}: unit boundaries vs phones.txt: median ${(e.median * 1000).toFixed(1)} ms, within 50 ms ${(e.within50 * 100).toFixed(1)} %`);
    assert.ok(e.median < 0.04 && e.within50 > 0.8);
  });

  test(`${v}: the voice file round trip is bit-identical`, () => {
    const { voice } = build(v);
    const bytes = encodeVoice(voice);
    console.log(`${v}: voice file ${(bytes.length / 1024).toFixed(0)} KiB for ${voice.frameCount} frames, order ${voice.mcepOrder}, ${voice.apBands} ap bands, ${voice.units.length} units`);
    const back: Voice = decodeVoice(bytes, `${v}.voice`);
    assert.ok(sameBits(back.frames.f0, voice.frames.f0));
    assert.ok(sameBits(back.frames.mcep, voice.frames.mcep));
    assert.ok(sameBits(back.frames.ap, voice.frames.ap));
    assert.deepEqual(back.units, voice.units);
    assert.deepEqual(back.stats, voice.stats);
    assert.deepEqual(back.provenance, voice.provenance);
    // Float32 frames, 4 bytes a number: the header is a small part.
    const body = 4 * (voice.frames.f0.length + voice.frames.mcep.length + voice.frames.ap.length);
    assert.ok(bytes.length < body * 1.1);
  });
}

test('speaker statistics: slt F0 median within 10 % of Praat, kal lower; durations, tilt and breathiness plausible', () => {
  const slt = build('slt').voice;
  const kal = build('kal').voice;
  const praat = praatPitch(join(voicesDir, 'slt', 'reference.wav'), { floor: 75, ceiling: 600 });
  const praatMedian = median(Array.from(praat.f0).filter((f) => f > 0));
  const err = Math.abs(slt.stats.f0Median / praatMedian - 1);
  console.log(
    `F0 median: slt ${slt.stats.f0Median.toFixed(1)} Hz (Praat ${praatMedian.toFixed(1)} Hz, ${(err * 100).toFixed(1)} % off), ` +
      `kal ${kal.stats.f0Median.toFixed(1)} Hz; slt 5-95 % ${slt.stats.f0P5.toFixed(0)}-${slt.stats.f0P95.toFixed(0)} Hz`,
  );
  assert.ok(err < 0.1);
  assert.ok(kal.stats.f0Median < 0.8 * slt.stats.f0Median);
  for (const voice of [slt, kal]) {
    const s = voice.stats;
    assert.ok(s.f0P5 < s.f0Median && s.f0Median < s.f0P95);
    // Consonants of connected speech: tens of milliseconds each.
    for (const ph of ['S', 'T', 'N', 'K', 'DH']) {
      const d = s.consonantDurations[ph]!;
      assert.ok(d > 0.015 && d < 0.2, `${ph} ${d}`);
    }
    assert.equal(s.consonantDurations['AH'], undefined);
    assert.equal(s.phonemeCounts['AH'], voice.units.filter((u) => u.phoneme === 'AH').length);
    // The mean vowel envelope has more low-frequency energy (c0) than the mean fricative... and every class has a full row.
    for (const cls of ['vowel', 'fricative', 'plosive', 'nasal'] as const) assert.equal(s.meanMcepByClass[cls]!.length, voice.mcepOrder + 1);
    console.log(`${voice.name}: spectral tilt ${s.spectralTilt.toFixed(1)} dB/octave, breathiness ${s.breathiness.toFixed(1)} dB`);
    assert.ok(s.spectralTilt < -3 && s.spectralTilt > -25);
    assert.ok(s.breathiness < -10 && s.breathiness > -60);
    // Harvard lists 1-2 have no ZH: it gets a fricative stand-in.
    assert.ok(['Z', 'SH', 'JH'].includes(voice.substitutes['ZH']!), voice.substitutes['ZH']);
    assert.equal(voice.provenance.sha256.length, 64);
  }
});

test("the speaker's pause length: the median silence between aligned phonemes, near the true pauses of phones.txt", () => {
  for (const v of ['slt', 'kal']) {
    const voice = build(v).voice;
    // The truth: runs of 'pau' between two spoken phones (the leading silence is no pause).
    const truth: number[] = [];
    let run = 0;
    let spoken = false;
    for (const p of readPhonesFile(join(voicesDir, v, 'phones.txt'))) {
      if (p.symbol === 'pau') run += p.end - p.start;
      else {
        if (spoken && run >= 0.1) truth.push(run);
        run = 0;
        spoken = true;
      }
    }
    const want = median(truth);
    const got = voice.stats.pauseDuration!;
    console.log(`${v}: pause ${got.toFixed(3)} s, phones.txt ${want.toFixed(3)} s over ${truth.length} pauses`);
    assert.ok(Math.abs(got / want - 1) < 0.15, `${v}: pause ${got} s vs ${want} s`);
  }
  // Measured: slt 0.29 s, kal 0.64-0.69 s: speakers differ by more than a factor of two.
  assert.ok(build('kal').voice.stats.pauseDuration! > 1.8 * build('slt').voice.stats.pauseDuration!);
});
