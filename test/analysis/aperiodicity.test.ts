/**
 * D4C-like band aperiodicity on signals whose periodic/noise make-up is known.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandCount, d4c, d4cCoarse, MAX_APERIODICITY, MIN_APERIODICITY } from '../../src/analysis/d4c.js';
import { sumOfLargest } from '../../src/analysis/aperiodicity-select.js';
import { getFft } from '../../src/audio/fft.js';
import { gaussianNoise, harmonicSignal, seededRandom } from '../helpers/signals.js';
import type { Audio } from '../../src/audio/types.js';

const framePeriod = 0.005;

function track(f0: number, seconds: number) {
  return { framePeriod, f0: new Float64Array(Math.floor(seconds / framePeriod) + 1).fill(f0) };
}

/** Mean over the frames away from the edges of each band's coarse value (dB); counts frames called unvoiced. */
function meanBands(frames: (Float64Array | null)[]): { mean: number[]; unvoiced: number } {
  const inner = frames.slice(20, -20);
  let unvoiced = 0;
  let mean: number[] = [];
  let n = 0;
  for (const r of inner) {
    if (!r) {
      unvoiced++;
      continue;
    }
    if (mean.length === 0) mean = new Array(r.length).fill(0);
    r.forEach((v, i) => (mean[i] += v));
    n++;
  }
  return { mean: mean.map((v) => v / n), unvoiced };
}

/** White noise band-limited to frequencies above `cutHz` (brick wall in the frequency domain). */
function highPassNoise(n: number, fs: number, cutHz: number, std: number, seed: number): Float32Array {
  const size = 1 << Math.ceil(Math.log2(n));
  const fft = getFft(size);
  const noise = gaussianNoise(size, std, seed);
  const z = new Float64Array(2 * size);
  for (let i = 0; i < size; i++) z[2 * i] = noise[i];
  const spec = new Float64Array(2 * size);
  fft.forward(z, spec);
  for (let k = 0; k < size; k++) {
    const f = (Math.min(k, size - k) * fs) / size;
    if (f < cutHz) spec[2 * k] = spec[2 * k + 1] = 0;
  }
  fft.inverse(spec, z);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = z[2 * i];
  return out;
}

test('band layout follows the sample rate', () => {
  assert.equal(bandCount(44100), 5);
  assert.equal(bandCount(48000), 5);
  assert.equal(bandCount(32000), 4);
  assert.equal(bandCount(22050), 2);
  assert.equal(bandCount(16000), 1);
  assert.equal(bandCount(8000), 0);
});

test('sumOfLargest equals the sum of the top values of a sorted copy', () => {
  const rnd = seededRandom(7);
  for (const n of [1, 2, 5, 64, 257, 1025]) {
    for (const k of [1, 3, 30, n]) {
      const a = new Float64Array(n).map(() => (rnd() < 0.2 ? 0.5 : rnd())); // with many ties
      const sorted = Array.from(a).sort((x, y) => x - y);
      const expect = sorted.slice(n - Math.min(k, n)).reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(sumOfLargest(a, n, k) - expect) < 1e-9, `n ${n} k ${k}`);
    }
  }
});

for (const fs of [16000, 44100]) {
  test(`a pure harmonic signal is periodic: every band < -20 dB (fs ${fs})`, (t) => {
    for (const f0 of [110, 220, 440]) {
      // Enough harmonics to fill the spectrum up to 0.4 fs.
      const { audio } = harmonicSignal({ sampleRate: fs, f0: () => f0, duration: 0.5, harmonics: Math.floor((0.4 * fs) / f0), tilt: 1 });
      const { mean, unvoiced } = meanBands(d4cCoarse(audio, track(f0, 0.5)).frames);
      t.diagnostic(`f0 ${f0}: bands ${mean.map((v) => v.toFixed(1)).join(' ')} dB`);
      assert.equal(unvoiced, 0);
      for (const v of mean) assert.ok(v < -20, `f0 ${f0}: ${v.toFixed(1)} dB`);
      // Over the full spectrum, below 4 kHz the aperiodicity stays under -20 dB on average.
      const rows = d4c(audio, track(f0, 0.5));
      const fftSize = (rows[0].length - 1) * 2;
      let sum = 0;
      let cnt = 0;
      for (const row of rows.slice(20, -20))
        for (let k = 1; (k * fs) / fftSize < 4000; k++) {
          sum += 20 * Math.log10(row[k]);
          cnt++;
        }
      assert.ok(sum / cnt < -20, `f0 ${f0}: mean below 4 kHz ${(sum / cnt).toFixed(1)} dB`);
    }
  });
}

test('white noise is aperiodic: ~0 dB in every band', (t) => {
  const fs = 44100;
  const noise: Audio = { sampleRate: fs, samples: gaussianNoise(fs / 2, 0.1, 5) };
  for (const f0 of [110, 220, 440]) {
    // Without the voicing check, the group-delay estimate itself must say "noise".
    const { mean } = meanBands(d4cCoarse(noise, track(f0, 0.5), { threshold: 0 }).frames);
    t.diagnostic(`f0 ${f0}: bands ${mean.map((v) => v.toFixed(1)).join(' ')} dB`);
    for (const v of mean) assert.ok(v > -4 && v <= 0, `f0 ${f0}: ${v.toFixed(1)} dB`);
    // With the voicing check (default threshold), white noise is declared unvoiced: aperiodicity 1 everywhere.
    const rows = d4c(noise, track(f0, 0.5));
    for (const row of rows) for (const v of row) assert.equal(v, MAX_APERIODICITY);
  }
});

test('harmonics plus noise above 4.5 kHz: periodic below, aperiodic above', (t) => {
  const fs = 44100;
  const f0 = 200;
  const { audio } = harmonicSignal({ sampleRate: fs, f0: () => f0, duration: 0.5, harmonics: 88, tilt: 1, amplitude: 0.5 });
  const noise = highPassNoise(audio.samples.length, fs, 4500, 0.05, 9);
  const mix = audio.samples.map((v, i) => v + noise[i]);
  const { mean } = meanBands(d4cCoarse({ sampleRate: fs, samples: mix }, track(f0, 0.5), { threshold: 0 }).frames);
  t.diagnostic(`bands (3, 6, 9, 12, 15 kHz): ${mean.map((v) => v.toFixed(1)).join(' ')} dB`);
  assert.ok(mean[0] < -15, `3 kHz band ${mean[0].toFixed(1)} dB`);
  // The 6 kHz band spans 3..9 kHz, a third of it periodic: in between.
  assert.ok(mean[1] > mean[0] + 10 && mean[1] < mean[2], `6 kHz band ${mean[1].toFixed(1)} dB`);
  for (let b = 2; b < mean.length; b++) assert.ok(mean[b] > -6, `${3 * (b + 1)} kHz band ${mean[b].toFixed(1)} dB`);
  // The full-resolution rows follow: low aperiodicity around 1-2 kHz, high around 10 kHz.
  const rows = d4c({ sampleRate: fs, samples: mix }, track(f0, 0.5), { threshold: 0 });
  const fftSize = (rows[0].length - 1) * 2;
  const at = (hz: number) => rows[50][Math.round((hz * fftSize) / fs)];
  assert.ok(20 * Math.log10(at(1500)) < -20, `1.5 kHz ${(20 * Math.log10(at(1500))).toFixed(1)} dB`);
  assert.ok(20 * Math.log10(at(10000)) > -6, `10 kHz ${(20 * Math.log10(at(10000))).toFixed(1)} dB`);
});

test('rows: shape, range, unvoiced frames, silence and degenerate inputs', () => {
  const fs = 22050;
  const { audio } = harmonicSignal({ sampleRate: fs, f0: () => 180, duration: 0.3 });
  const samples = audio.samples.slice();
  samples.fill(0, 0, fs / 10); // 100 ms of digital silence
  const f0 = track(180, 0.3);
  f0.f0[30] = 0; // one unvoiced frame
  const rows = d4c({ sampleRate: fs, samples }, f0, { fftSize: 1024 });
  assert.equal(rows.length, f0.f0.length);
  for (const row of rows) {
    assert.equal(row.length, 513);
    for (const v of row) assert.ok(v >= MIN_APERIODICITY && v <= MAX_APERIODICITY);
  }
  assert.ok(rows[30].every((v) => v === MAX_APERIODICITY), 'unvoiced frame');
  assert.ok(rows[5].every((v) => v === MAX_APERIODICITY), 'silent frame');
  // Voiced rows rise from -60 dB at DC to ~0 dB at Nyquist.
  assert.equal(rows[40][0], MIN_APERIODICITY);
  assert.ok(rows[40][512] > 0.99);
  // Empty audio, empty track, a sample rate with no 3 kHz band.
  assert.equal(d4c({ sampleRate: fs, samples: new Float32Array(0) }, f0).length, f0.f0.length);
  assert.equal(d4c({ sampleRate: fs, samples }, { framePeriod, f0: new Float64Array(0) }).length, 0);
  // Absurd F0 values (a hand-made track) still give rows in range.
  for (const f of [0.6 * fs, 5 * fs, 1e-3]) {
    const odd = d4c({ sampleRate: fs, samples }, { framePeriod, f0: new Float64Array(40).fill(f) }, { threshold: 0 });
    for (const row of odd) for (const v of row) assert.ok(v >= MIN_APERIODICITY && v <= MAX_APERIODICITY, `f0 ${f}`);
  }
  const low = d4c({ sampleRate: 8000, samples: new Float32Array(4000).map((_, i) => Math.sin(i * 0.2)) }, track(255, 0.5));
  for (const row of low) for (const v of row) assert.ok(v >= MIN_APERIODICITY && v <= MAX_APERIODICITY);
});
