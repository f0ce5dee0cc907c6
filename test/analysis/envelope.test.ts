/**
 * CheapTrick: the envelope of a harmonic signal whose harmonic amplitudes follow a known formant response must
 * match that response, whatever the F0, the sample rate and the frame position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cheapTrick, cheapTrickAt, defaultFftSize } from '../../src/analysis/cheaptrick.js';

const formants: [number, number][] = [
  [600, 150],
  [1400, 200],
  [2600, 250],
  [3500, 300],
];

/**
 * |H(f)|^2 of a cascade of two-pole resonators (unit gain at DC), plus a floor 55 dB below DC so the dynamic range
 * stays within what float32 audio and a Hanning window can carry.
 */
function trueResponse(f: number, fs: number): number {
  let p = 1;
  const w = (2 * Math.PI * f) / fs;
  for (const [F, B] of formants) {
    const r = Math.exp((-Math.PI * B) / fs);
    const th = (2 * Math.PI * F) / fs;
    const re = 1 - 2 * r * Math.cos(th) * Math.cos(w) + r * r * Math.cos(2 * w);
    const im = 2 * r * Math.cos(th) * Math.sin(w) - r * r * Math.sin(2 * w);
    const g = 1 - 2 * r * Math.cos(th) + r * r;
    p *= (g * g) / (re * re + im * im);
  }
  return p + 10 ** -5.5;
}

/**
 * A unit pulse train of period fs / f0 samples filtered by the response above, built from its Fourier series:
 * harmonic k has amplitude 2 |H(k f0)| / T0. Its power spectral density is |H|^2 / T0, which is what a
 * pitch-adaptive, energy-normalised envelope estimate should return.
 */
function filteredPulseTrain(f0: number, fs: number, seconds: number): Float32Array {
  const n = Math.round(fs * seconds);
  const x = new Float64Array(n);
  const t0 = fs / f0;
  for (let k = 1; k * f0 < fs / 2; k++) {
    const a = (2 * Math.sqrt(trueResponse(k * f0, fs))) / t0;
    const ph = 0.7 * k * k; // arbitrary phases: the envelope must not depend on them
    const dw = (2 * Math.PI * k * f0) / fs;
    for (let i = 0; i < n; i++) x[i] += a * Math.cos(dw * i + ph);
  }
  return Float32Array.from(x);
}

interface Lsd {
  rms: number;
  offset: number;
}

/** RMS log-spectral distance in dB over 100 Hz .. 0.9 Nyquist, after removing the mean dB offset. */
function logSpectralDistance(env: Float64Array, fs: number, fftSize: number, t0: number): Lsd {
  const d: number[] = [];
  for (let k = 0; k <= fftSize / 2; k++) {
    const f = (k * fs) / fftSize;
    if (f < 100 || f > 0.45 * fs) continue;
    d.push(10 * Math.log10(env[k]) - 10 * Math.log10(trueResponse(f, fs) / t0));
  }
  const offset = d.reduce((a, b) => a + b, 0) / d.length;
  const rms = Math.sqrt(d.reduce((a, b) => a + (b - offset) ** 2, 0) / d.length);
  return { rms, offset };
}

test('defaultFftSize fits three periods of the F0 floor', () => {
  assert.equal(defaultFftSize(44100), 2048);
  assert.equal(defaultFftSize(16000), 1024);
  assert.equal(defaultFftSize(48000), 2048);
  assert.equal(defaultFftSize(96000), 4096);
  assert.equal(defaultFftSize(16000, 40), 2048);
});

for (const fs of [16000, 44100]) {
  test(`envelope matches a known formant filter at 100, 200, 400 Hz (fs ${fs})`, (t) => {
    const framePeriod = 0.005;
    for (const f0 of [100, 200, 400]) {
      const samples = filteredPulseTrain(f0, fs, 0.5);
      const frames = Math.floor(0.5 / framePeriod) + 1;
      const { fftSize, spectrogram } = cheapTrick(
        { sampleRate: fs, samples },
        { framePeriod, f0: new Float64Array(frames).fill(f0) },
      );
      assert.equal(fftSize, defaultFftSize(fs));
      assert.equal(spectrogram.length, frames);
      let worst = 0;
      // Frames away from the edges, at many positions relative to the pitch pulses.
      for (let i = 20; i < frames - 20; i += 3) {
        const { rms, offset } = logSpectralDistance(spectrogram[i], fs, fftSize, fs / f0);
        worst = Math.max(worst, rms);
        // The absolute level is the PSD |H|^2 / T0 (within 1 dB), so the level does not depend on F0 either.
        assert.ok(Math.abs(offset) < 1, `fs ${fs} f0 ${f0} frame ${i}: level off by ${offset.toFixed(2)} dB`);
      }
      t.diagnostic(`fs ${fs} f0 ${f0}: worst LSD ${worst.toFixed(2)} dB`);
      const limit = f0 >= 400 ? 2.5 : 1.5;
      assert.ok(worst < limit, `fs ${fs} f0 ${f0}: LSD ${worst.toFixed(2)} dB >= ${limit}`);
    }
  });
}

test('envelope does not depend on the window position (frame-to-frame spread < 0.3 dB)', () => {
  const fs = 22050;
  const f0 = 220;
  const samples = filteredPulseTrain(f0, fs, 0.4);
  const frames = 81;
  const { spectrogram, fftSize } = cheapTrick({ sampleRate: fs, samples }, { framePeriod: 0.005, f0: new Float64Array(frames).fill(f0) });
  // Frames every 5 ms fall at 1.1 periods apart: all phases of the pulse train are visited.
  let ss = 0;
  let n = 0;
  for (let k = 5; k < 0.45 * fftSize; k++) {
    let mean = 0;
    for (let i = 20; i < 60; i++) mean += 10 * Math.log10(spectrogram[i][k]);
    mean /= 40;
    for (let i = 20; i < 60; i++) {
      ss += (10 * Math.log10(spectrogram[i][k]) - mean) ** 2;
      n++;
    }
  }
  const spread = Math.sqrt(ss / n);
  assert.ok(spread < 0.3, `spread ${spread.toFixed(3)} dB`);
});

test('unvoiced frames, silence and a custom fftSize give finite positive envelopes', () => {
  const fs = 16000;
  const samples = new Float32Array(fs / 2);
  for (let i = 4000; i < samples.length; i++) samples[i] = Math.sin(i * 0.37) * 0.1 + Math.sin(i * 1.91) * 0.05;
  const f0 = new Float64Array(101); // all unvoiced
  const { spectrogram, fftSize } = cheapTrick({ sampleRate: fs, samples }, { framePeriod: 0.005, f0 }, { fftSize: 2048 });
  assert.equal(fftSize, 2048);
  for (const row of spectrogram) {
    assert.equal(row.length, 1025);
    for (const v of row) assert.ok(Number.isFinite(v) && v > 0);
  }
  // Silent start: envelope far below the tones' level.
  const silent = 10 * Math.log10(spectrogram[10][100]);
  const loud = 10 * Math.log10(Math.max(...spectrogram[80]));
  assert.ok(loud - silent > 100, `silence ${silent.toFixed(1)} dB vs ${loud.toFixed(1)} dB`);
  // Absurd F0 values (a hand-made track) still give finite positive envelopes.
  for (const f of [0.6 * fs, 5 * fs, 1e-3]) {
    const odd = cheapTrick({ sampleRate: fs, samples }, { framePeriod: 0.005, f0: new Float64Array(40).fill(f) });
    for (const row of odd.spectrogram) for (const v of row) assert.ok(Number.isFinite(v) && v > 0, `f0 ${f}`);
  }
  // Empty track and empty audio do not throw.
  assert.equal(cheapTrick({ sampleRate: fs, samples }, { framePeriod: 0.005, f0: new Float64Array(0) }).spectrogram.length, 0);
  const empty = cheapTrick({ sampleRate: fs, samples: new Float32Array(0) }, { framePeriod: 0.005, f0: new Float64Array(3).fill(150) });
  assert.equal(empty.spectrogram.length, 3);
  for (const v of empty.spectrogram[1]) assert.ok(Number.isFinite(v));
});

test('cheapTrickAt: any list of times gives, frame for frame, the envelopes of the uniform grid at those times', () => {
  const fs = 16000;
  const samples = filteredPulseTrain(180, fs, 0.3);
  for (let i = 2400; i < samples.length; i++) samples[i] = 0.3 * Math.sin(i * 1.3) + 0.2 * Math.sin(i * 0.11 * (1 + i / 1e5));
  const f0 = new Float64Array(61).map((_, i) => (i < 30 ? 180 : 0));
  const grid = cheapTrick({ sampleRate: fs, samples }, { framePeriod: 0.005, f0 });
  // Odd counts and frames out of pairing order: each row must still be its own time's.
  const picks = [3, 7, 8, 29, 30, 31, 45];
  const at = cheapTrickAt({ sampleRate: fs, samples }, picks.map((i) => i * 0.005), picks.map((i) => f0[i]));
  assert.equal(at.spectrogram.length, picks.length);
  let worst = 0;
  picks.forEach((i, j) => {
    for (let k = 0; k < at.spectrogram[j].length; k++) worst = Math.max(worst, Math.abs(10 * Math.log10(at.spectrogram[j][k] / grid.spectrogram[i][k])));
  });
  assert.ok(worst < 1e-6, `largest difference ${worst} dB`);
});

test('unvoiced frames: an FFT of 512 at 32 kHz gives the envelope of 2048 within 0.3 dB (convert analyses noise with it)', () => {
  const fs = 32000;
  const n = fs / 2;
  // Noise through a two-pole resonance at 3 kHz (a fricative-like spectrum), from a fixed LCG.
  let seed = 12345;
  const samples = new Float32Array(n);
  let y1 = 0;
  let y2 = 0;
  const r = 0.97;
  const c = 2 * r * Math.cos((2 * Math.PI * 3000) / fs);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const e = seed / 2 ** 32 - 0.5;
    const y = e + c * y1 - r * r * y2;
    y2 = y1;
    y1 = y;
    samples[i] = 0.05 * y;
  }
  const times = Array.from({ length: 40 }, (_, i) => 0.05 + i * 0.01);
  const f0 = times.map(() => 0);
  const big = cheapTrickAt({ sampleRate: fs, samples }, times, f0, { fftSize: 2048 });
  const small = cheapTrickAt({ sampleRate: fs, samples }, times, f0, { fftSize: 512 });
  let sum = 0;
  let count = 0;
  for (let j = 0; j < times.length; j++) {
    for (let k = 1; k < 256; k++) {
      sum += Math.abs(10 * Math.log10(small.spectrogram[j][k] / big.spectrogram[j][4 * k]));
      count++;
    }
  }
  const mean = sum / count;
  console.log(`512 vs 2048: mean |difference| ${mean.toFixed(3)} dB`);
  assert.ok(mean < 0.3, `mean |difference| ${mean.toFixed(3)} dB`);
});
