/**
 * analyze(): F0 + CheapTrick + D4C on the same frames, with consistent shapes, on synthetic and real voices.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze.js';
import { defaultFftSize } from '../../src/analysis/cheaptrick.js';
import { MAX_APERIODICITY, MIN_APERIODICITY } from '../../src/analysis/d4c.js';
import { readWavFile } from '../../src/audio/wav.js';
import { UserError } from '../../src/errors.js';
import type { VocoderParams } from '../../src/analysis/types.js';
import { harmonicSignal } from '../helpers/signals.js';
import { voicesDir } from '../helpers/paths.js';

function checkShapes(p: VocoderParams, durationS: number): void {
  const frames = Math.floor(durationS / p.framePeriod) + 1;
  assert.ok(Math.abs(p.f0.length - frames) <= 1, `${p.f0.length} frames for ${durationS} s`);
  assert.equal(p.spectrogram.length, p.f0.length);
  assert.equal(p.aperiodicity.length, p.f0.length);
  const bins = p.fftSize / 2 + 1;
  let badEnvelope = -1;
  let badAperiodicity = -1;
  let badUnvoiced = -1;
  for (let i = 0; i < p.f0.length; i++) {
    assert.ok(Number.isFinite(p.f0[i]) && p.f0[i] >= 0);
    const s = p.spectrogram[i];
    const a = p.aperiodicity[i];
    assert.equal(s.length, bins);
    assert.equal(a.length, bins);
    for (let k = 0; k < bins; k++) {
      if (!(Number.isFinite(s[k]) && s[k] > 0)) badEnvelope = i;
      if (!(a[k] >= MIN_APERIODICITY && a[k] <= MAX_APERIODICITY)) badAperiodicity = i;
      if (p.f0[i] === 0 && a[k] !== MAX_APERIODICITY) badUnvoiced = i;
    }
  }
  assert.equal(badEnvelope, -1, `envelope not finite and positive in frame ${badEnvelope}`);
  assert.equal(badAperiodicity, -1, `aperiodicity outside [0.001, 0.999999] in frame ${badAperiodicity}`);
  assert.equal(badUnvoiced, -1, `unvoiced frame ${badUnvoiced} is not fully aperiodic`);
}

test('synthetic voice with a given F0 track: shapes, periodic harmonics, envelope level', () => {
  const fs = 44100;
  const { audio } = harmonicSignal({ sampleRate: fs, f0: () => 220, duration: 0.6, harmonics: 60, tilt: 1.5 });
  const f0 = { framePeriod: 0.005, f0: new Float64Array(121).fill(220) };
  const p = analyze(audio, { f0 });
  assert.equal(p.sampleRate, fs);
  assert.equal(p.fftSize, 2048);
  assert.equal(p.framePeriod, 0.005);
  checkShapes(p, 0.6);
  // Mid-file frame: below 3 kHz the harmonic signal is periodic (< -20 dB).
  const row = p.aperiodicity[60];
  for (let k = 10; (k * fs) / p.fftSize < 3000; k++) assert.ok(20 * Math.log10(row[k]) < -20, `bin ${k}`);
});

test('synthetic vibrato through the F0 estimator (dio path)', () => {
  const fs = 22050;
  const truth = (t: number) => 200 * 2 ** ((50 * Math.sin(2 * Math.PI * 5.5 * t)) / 1200);
  const { audio } = harmonicSignal({ sampleRate: fs, f0: truth, duration: 1.0 });
  const p = analyze(audio, { f0Method: 'dio' });
  assert.equal(p.fftSize, defaultFftSize(fs));
  checkShapes(p, 1.0);
  const errs: number[] = [];
  for (let i = 20; i < p.f0.length - 20; i++) if (p.f0[i] > 0) errs.push(Math.abs(1200 * Math.log2(p.f0[i] / truth(i * p.framePeriod))));
  errs.sort((a, b) => a - b);
  assert.ok(errs.length > 0.9 * (p.f0.length - 40), `voiced ${errs.length} of ${p.f0.length - 40}`);
  assert.ok(errs[Math.floor(errs.length / 2)] < 10, `median F0 error ${errs[Math.floor(errs.length / 2)].toFixed(1)} cents`);
});

test('a reference voice (slt, 32 kHz) analyses into consistent parameters', (t) => {
  const audio = readWavFile(join(voicesDir, 'slt', 'reference.wav'));
  const duration = audio.samples.length / audio.sampleRate;
  const started = performance.now();
  const p = analyze(audio);
  const elapsed = (performance.now() - started) / 1000;
  t.diagnostic(`slt ${duration.toFixed(1)} s analysed in ${elapsed.toFixed(2)} s (${(duration / elapsed).toFixed(0)}x real time, loaded machine)`);
  assert.equal(p.sampleRate, 32000);
  assert.equal(p.fftSize, defaultFftSize(32000));
  checkShapes(p, duration);
  const voiced = p.f0.filter((f) => f > 0).length / p.f0.length;
  assert.ok(voiced > 0.3 && voiced < 0.9, `voiced fraction ${voiced.toFixed(2)}`);
  // Voiced frames are more periodic at low frequencies than unvoiced ones (1 kHz bin).
  const k1 = Math.round((1000 * p.fftSize) / p.sampleRate);
  let sumV = 0;
  let nV = 0;
  for (let i = 0; i < p.f0.length; i++)
    if (p.f0[i] > 0) {
      sumV += 20 * Math.log10(p.aperiodicity[i][k1]);
      nV++;
    }
  assert.ok(sumV / nV < -10, `mean voiced aperiodicity at 1 kHz ${(sumV / nV).toFixed(1)} dB`);
});

test('bad input is a UserError, not a crash', () => {
  const ok = new Float32Array(1600).map((_, i) => Math.sin(i * 0.1));
  assert.throws(() => analyze({ sampleRate: 16000, samples: new Float32Array(0) }), UserError);
  assert.throws(() => analyze({ sampleRate: 0, samples: ok }), UserError);
  assert.throws(() => analyze({ sampleRate: 16000, samples: ok.map((v, i) => (i === 7 ? NaN : v)) }), UserError);
  assert.throws(() => analyze({ sampleRate: 16000, samples: ok }, { fftSize: 1000 }), UserError);
  assert.throws(() => analyze({ sampleRate: 16000, samples: ok }, { framePeriod: 0 }), UserError);
  assert.throws(() => analyze({ sampleRate: 16000, samples: ok }, { f0: { framePeriod: 0.005, f0: new Float64Array([100, -3]) } }), UserError);
  // A very short clip still analyses.
  const p = analyze({ sampleRate: 16000, samples: ok.subarray(0, 200) });
  checkShapes(p, 200 / 16000);
});
