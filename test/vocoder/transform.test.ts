import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formantShift, pitchShift, setF0, timeStretch } from '../../src/vocoder/transform.js';
import { synthesize } from '../../src/vocoder/synthesis.js';
import { cents, formantEnvelope, measureF0, syntheticParams } from './params.js';

const fs = 16000;
const n = 1024;

test('pitchShift scales voiced F0 only and leaves the input alone', () => {
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 50, f0: (i) => (i % 10 < 6 ? 200 + i : 0) });
  const before = p.f0.slice();
  const up = pitchShift(p, 7);
  for (let i = 0; i < 50; i++) {
    if (before[i] === 0) assert.equal(up.f0[i], 0);
    else assert.ok(Math.abs(cents(up.f0[i], before[i]) - 700) < 1e-9);
  }
  assert.deepEqual(p.f0, before);
  assert.notEqual(up.spectrogram[0], p.spectrogram[0], 'rows are copies');
  assert.deepEqual(up.spectrogram[0], p.spectrogram[0]);
  // Synthesized: -5 semitones from 220 Hz measures within 5 cents of the request.
  const q = syntheticParams({ sampleRate: fs, fftSize: n, frames: 201, f0: () => 220 });
  const y = synthesize(pitchShift(q, -5)).samples;
  const got = measureF0(y, fs, 1600, 12800, 220 * Math.pow(2, -5 / 12));
  assert.ok(Math.abs(cents(got, 220) + 500) < 5, `measured ${got} Hz`);
});

test('setF0 replaces the track and checks it', () => {
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 5, f0: () => 100 });
  const q = setF0(p, new Float64Array([0, 110, 120, 0, 130]));
  assert.deepEqual(Array.from(q.f0), [0, 110, 120, 0, 130]);
  assert.throws(() => setF0(p, new Float64Array(4)), /4 values for 5 frames/);
  assert.throws(() => setF0(p, new Float64Array([1, 2, -3, 4, 5])), /bad F0/);
});

test('timeStretch resamples frames, keeps voicing crisp and F0 values, and scales the duration', () => {
  // Voiced 200 Hz, unvoiced, voiced 300 Hz gliding to 330 Hz.
  const f0 = (i: number) => (i < 40 ? 200 : i < 60 ? 0 : 300 + (i - 60));
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 91, f0 });
  for (const ratio of [1.5, 0.7, 2]) {
    const q = timeStretch(p, ratio);
    assert.equal(q.f0.length, Math.round(90 * ratio) + 1);
    assert.equal(q.spectrogram.length, q.f0.length);
    for (let j = 0; j < q.f0.length; j++) {
      const x = Math.min(90, j / ratio);
      const nearest = Math.round(x);
      assert.equal(q.f0[j] > 0, f0(nearest) > 0, `ratio ${ratio} frame ${j}: voicing follows the nearest input frame`);
      // No F0 between voiced and unvoiced values: a voiced output frame is 200 or in 300..330.
      if (q.f0[j] > 0) assert.ok(q.f0[j] === 200 || (q.f0[j] >= 300 && q.f0[j] <= 330), `F0 ${q.f0[j]}`);
    }
    const inLen = synthesize(p).samples.length;
    const outLen = synthesize(q).samples.length;
    const framesOff = Math.abs(outLen - inLen * ratio) / (0.005 * fs);
    assert.ok(framesOff <= 1, `ratio ${ratio}: ${outLen} samples vs ${inLen * ratio} (${framesOff.toFixed(2)} frames)`);
  }
  assert.throws(() => timeStretch(p, 0), /ratio/);
});

test('formantShift moves the envelope peaks by the ratio, F0 unchanged', () => {
  const env = formantEnvelope(fs, n, [[1000, 80]]);
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 3, f0: () => 150, envelope: env });
  const peakHz = (row: Float64Array) => {
    let k = 1;
    for (let i = 1; i < row.length; i++) if (row[i] > row[k]) k = i;
    return (k * fs) / n;
  };
  assert.ok(Math.abs(peakHz(p.spectrogram[1]) - 1000) <= fs / n);
  for (const ratio of [1.2, 0.8]) {
    const q = formantShift(p, ratio);
    assert.ok(Math.abs(peakHz(q.spectrogram[1]) - 1000 * ratio) <= fs / n, `ratio ${ratio}: peak at ${peakHz(q.spectrogram[1])}`);
    assert.deepEqual(q.f0, p.f0);
    assert.equal(q.spectrogram[1].length, env.length);
  }
  assert.throws(() => formantShift(p, -1), /ratio/);
});
