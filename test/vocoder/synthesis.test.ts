import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { synthesisFftSize, synthesize, synthesizeBlocks, synthesisLength } from '../../src/vocoder/synthesis.js';
import { writeWavFile } from '../../src/audio/wav.js';
import { praatPitch } from '../helpers/praat.js';
import { tempDir } from '../helpers/paths.js';
import {
  autocorrelation,
  cents,
  formantEnvelope,
  fullCircleMean,
  meanSquare,
  measureF0,
  powerSpectrum,
  syntheticParams,
} from './params.js';

const rates: [number, number][] = [
  [16000, 1024],
  [44100, 2048],
];

test('output length is (frames - 1) * framePeriod * fs + 1', () => {
  for (const [fs, n] of rates) {
    const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 101, f0: () => 200 });
    const y = synthesize(p);
    assert.equal(y.sampleRate, fs);
    assert.equal(y.samples.length, Math.round(100 * 0.005 * fs) + 1);
    assert.equal(y.samples.length, synthesisLength(101, 0.005, fs));
  }
  const empty = syntheticParams({ sampleRate: 16000, fftSize: 1024, frames: 0, f0: () => 0 });
  assert.equal(synthesize(empty).samples.length, 0);
});

test('steady F0 comes out within 5 cents (several F0s and rates)', () => {
  for (const [fs, n] of rates) {
    for (const hz of [98, 220, 440.5]) {
      const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 201, f0: () => hz });
      const y = synthesize(p).samples;
      const got = measureF0(y, fs, Math.round(0.1 * fs), Math.round(0.8 * fs), hz);
      const err = cents(got, hz);
      assert.ok(Math.abs(err) < 5, `${fs} Hz, F0 ${hz}: measured ${got.toFixed(3)} Hz (${err.toFixed(2)} cents)`);
    }
  }
});

test('F0 follows a step between frames within 5 cents on each side', () => {
  const fs = 22050;
  const p = syntheticParams({ sampleRate: fs, fftSize: 1024, frames: 401, f0: (i) => (i < 200 ? 180 : 270) });
  const y = synthesize(p).samples;
  const a = measureF0(y, fs, Math.round(0.1 * fs), Math.round(0.8 * fs), 180);
  const b = measureF0(y, fs, Math.round(1.1 * fs), Math.round(0.8 * fs), 270);
  assert.ok(Math.abs(cents(a, 180)) < 5, `first half ${a}`);
  assert.ok(Math.abs(cents(b, 270)) < 5, `second half ${b}`);
});

test('a vibrato and glide contour comes out within 5 cents (median) by Praat', (t) => {
  const fs = 44100;
  const fp = 0.005;
  // 1 s of 5.5 Hz, +-50 cent vibrato around 220 Hz, then a 1 s glide 220 -> 330 Hz.
  const contour = (t: number) =>
    t < 1 ? 220 * Math.pow(2, (50 / 1200) * Math.sin(2 * Math.PI * 5.5 * t)) : 220 * Math.pow(1.5, Math.min(1, t - 1));
  const p = syntheticParams({ sampleRate: fs, fftSize: 2048, frames: 401, f0: (i) => contour(i * fp) });
  const y = synthesize(p);
  const dir = tempDir('cantor-vocoder-');
  try {
    const path = join(dir, 'vibrato.wav');
    writeWavFile(path, y, { bitDepth: 32, float: true });
    const { time, f0 } = praatPitch(path, { timeStep: 0.005, floor: 100, ceiling: 500 });
    const errs: number[] = [];
    for (let i = 0; i < f0.length; i++) {
      if (f0[i] > 0 && time[i] > 0.05 && time[i] < 1.95) errs.push(Math.abs(cents(f0[i], contour(time[i]))));
    }
    errs.sort((a, b) => a - b);
    assert.ok(errs.length > 300, `${errs.length} voiced frames`);
    const med = errs[errs.length >> 1];
    assert.ok(med < 5, `median |error| ${med.toFixed(2)} cents`);
    t.diagnostic(`median |error| ${med.toFixed(2)} cents, 90th percentile ${errs[Math.floor(0.9 * errs.length)].toFixed(2)} cents`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('harmonic amplitudes follow the envelope within 1 dB RMS', () => {
  const fs = 16000;
  const n = 1024;
  const env = formantEnvelope(fs, n);
  const hz = 125;
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 201, f0: () => hz, envelope: env });
  const y = synthesize(p).samples;
  const size = 65536;
  const spec = powerSpectrum(y, Math.round(0.1 * fs), Math.round(0.8 * fs), size);
  const diffs: number[] = [];
  for (let h = 1; h * hz < 6000; h++) {
    const k = Math.round((h * hz * size) / fs);
    let peak = 0;
    for (let j = k - 3; j <= k + 3; j++) peak = Math.max(peak, spec[j]);
    const ek = (h * hz * n) / fs;
    const i = Math.floor(ek);
    const e = env[i] + (ek - i) * (env[i + 1] - env[i]);
    diffs.push(10 * Math.log10(peak / e));
  }
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const rms = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / diffs.length);
  assert.ok(rms < 1, `harmonics vs envelope: ${rms.toFixed(2)} dB RMS`);
});

test('power of the periodic and of the noise part both equal the envelope power (within 0.5 dB)', () => {
  for (const [fs, n] of rates) {
    const env = formantEnvelope(fs, n);
    const hz = 150;
    // Noise has the power of the envelope's mean over the full circle; a pulse train samples the envelope at the
    // harmonics (the DC line is removed), each of the two-sided lines carrying sp(h F0) * F0 / fs.
    const noisePower = fullCircleMean(env);
    let pulsePower = 0;
    for (let h = 1; h * hz < fs / 2; h++) {
      const x = (h * hz * n) / fs;
      const i = Math.floor(x);
      pulsePower += (2 * (env[i] + (x - i) * (env[i + 1] - env[i])) * hz) / fs;
    }
    const frames = 201;
    const mid = [Math.round(0.1 * fs), Math.round(0.9 * fs)] as const;
    const voiced = synthesize(syntheticParams({ sampleRate: fs, fftSize: n, frames, f0: () => hz, ap: () => 0.001, envelope: env })).samples;
    const noisy = synthesize(syntheticParams({ sampleRate: fs, fftSize: n, frames, f0: () => hz, ap: () => 1, envelope: env })).samples;
    const unvoiced = synthesize(syntheticParams({ sampleRate: fs, fftSize: n, frames, f0: () => 0, envelope: env })).samples;
    const cases = [
      ['periodic', voiced, pulsePower],
      ['ap = 1', noisy, noisePower],
      ['unvoiced', unvoiced, noisePower],
    ] as const;
    for (const [name, y, expected] of cases) {
      const db = 10 * Math.log10(meanSquare(y, mid[0], mid[1]) / expected);
      assert.ok(Math.abs(db) < 0.5, `${fs} Hz ${name}: power ${db.toFixed(2)} dB from the envelope's`);
    }
  }
});

test('ap = 1 gives noise only: no periodicity at the pitch period, a flat-topped spectrum between harmonics', () => {
  const fs = 16000;
  const hz = 200;
  const lag = fs / hz;
  // No formants (their ringing would correlate any noise at a 5 ms lag): only the spectral tilt.
  const env = formantEnvelope(fs, 1024, []);
  const mk = (ap: number) =>
    synthesize(syntheticParams({ sampleRate: fs, fftSize: 1024, frames: 201, f0: () => hz, ap: () => ap, envelope: env })).samples;
  const periodic = mk(0.001);
  const noise = mk(1);
  const rPeriodic = autocorrelation(periodic, 1600, 8000, lag);
  const rNoise = autocorrelation(noise, 1600, 8000, lag);
  assert.ok(rPeriodic > 0.95, `periodic: r(T0) = ${rPeriodic.toFixed(3)}`);
  assert.ok(Math.abs(rNoise) < 0.15, `ap = 1: r(T0) = ${rNoise.toFixed(3)}`);
  // Harmonic-to-between-harmonic ratio at 400..2000 Hz: large for periodic, ~0 dB for noise.
  const ratio = (y: Float32Array) => {
    const size = 65536;
    const s = powerSpectrum(y, 1600, 12800, size);
    let on = 0;
    let off = 0;
    for (let h = 2; h <= 10; h++) {
      for (let j = -2; j <= 2; j++) on += s[Math.round(((h * hz) * size) / fs) + j];
      for (let j = -2; j <= 2; j++) off += s[Math.round((((h + 0.5) * hz) * size) / fs) + j];
    }
    return 10 * Math.log10(on / off);
  };
  assert.ok(ratio(periodic) > 30, `periodic: harmonic/inter-harmonic ${ratio(periodic).toFixed(1)} dB`);
  assert.ok(Math.abs(ratio(noise)) < 4, `noise: harmonic/inter-harmonic ${ratio(noise).toFixed(1)} dB`);
});

test('unvoiced noise has no periodicity at the noise-event rate, even when the envelope is all low frequencies', () => {
  // Noise-only events come at a fixed 200 Hz. Making each event's noise segment zero-mean (right for a pulse's segment)
  // imposed a 5 ms structure on low-pass noise: r(5 ms) 0.3-0.6 under what its spectrum gives, read as voicing near
  // 200 Hz by pitch trackers (the quiet start of a rendered 's' after a vowel).
  for (const [fs, n] of rates) {
    const lag = Math.round(fs / 200);
    for (const cutoff of [60, 100]) {
      const env = new Float64Array(n / 2 + 1);
      for (let k = 0; k < env.length; k++) env[k] = 1e-4 / (1 + ((k * fs) / n / cutoff) ** 4);
      // The autocorrelation noise with this power spectrum has at the lag (Wiener-Khinchin, over the full circle).
      let num = 0;
      let den = 0;
      for (let k = 0; k < n; k++) {
        const p = env[k <= n / 2 ? k : n - k];
        num += p * Math.cos((2 * Math.PI * k * lag) / n);
        den += p;
      }
      const expected = num / den;
      // Mean over three seeds: a 1.6 s estimate of such narrow-band noise's autocorrelation varies by about +-0.1.
      let r = 0;
      for (const seed of [1, 2, 3]) {
        const y = synthesize(syntheticParams({ sampleRate: fs, fftSize: n, frames: 401, f0: () => 0, envelope: env }), { seed }).samples;
        r += autocorrelation(y, Math.round(0.1 * fs), Math.round(1.6 * fs), lag) / 3;
      }
      assert.ok(Math.abs(r - expected) < 0.1, `${fs} Hz, low-pass at ${cutoff} Hz: r(5 ms) = ${r.toFixed(3)}, its spectrum's ${expected.toFixed(3)}`);
    }
  }
});

test('deterministic for a seed, different for another seed', () => {
  const p = syntheticParams({ sampleRate: 16000, fftSize: 1024, frames: 101, f0: (i) => (i % 40 < 25 ? 170 + i : 0), ap: () => 0.3 });
  const a = synthesize(p, { seed: 7 }).samples;
  const b = synthesize(p, { seed: 7 }).samples;
  const c = synthesize(p, { seed: 8 }).samples;
  assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - c[i]);
  assert.ok(diff > 0, 'another seed changes the noise');
  // The default seed is also reproducible.
  assert.deepEqual(Buffer.from(synthesize(p).samples.buffer), Buffer.from(synthesize(p).samples.buffer));
});

test('unvoiced frames are silent in the periodic sense and voicing boundaries are sharp', () => {
  const fs = 16000;
  // 0.3 s voiced, 0.3 s unvoiced with a near-silent envelope, 0.3 s voiced.
  const quiet = formantEnvelope(fs, 1024, undefined, 1e-12);
  const loud = formantEnvelope(fs, 1024);
  const p = syntheticParams({ sampleRate: fs, fftSize: 1024, frames: 181, f0: (i) => (i >= 60 && i < 120 ? 0 : 200) });
  for (let i = 60; i < 120; i++) p.spectrogram[i] = quiet.slice();
  for (let i = 0; i < 181; i++) if (i < 60 || i >= 120) p.spectrogram[i] = loud.slice();
  const y = synthesize(p).samples;
  const loudPower = meanSquare(y, 1600, 4000);
  // From 20 ms into the gap to 20 ms before its end, the output is > 60 dB down.
  const gapPower = meanSquare(y, Math.round(0.32 * fs), Math.round(0.58 * fs));
  assert.ok(10 * Math.log10(gapPower / loudPower) < -60, `gap at ${(10 * Math.log10(gapPower / loudPower)).toFixed(1)} dB`);
});

test('the shorter default synthesis FFT matches the analysis-size one at the harmonics (within 0.3 dB RMS)', () => {
  const fs = 44100;
  const n = 2048;
  const hz = 140;
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 201, f0: () => hz, ap: () => 0.05 });
  assert.equal(synthesisFftSize(p), 1024);
  // A 40 Hz voice needs the full length for its noise segments.
  assert.equal(synthesisFftSize(syntheticParams({ sampleRate: fs, fftSize: n, frames: 3, f0: () => 40 })), 2048);
  const size = 131072;
  const a = powerSpectrum(synthesize(p).samples, 4410, 35280, size);
  const b = powerSpectrum(synthesize(p, { fftSize: n }).samples, 4410, 35280, size);
  // Harmonics within 50 dB of the strongest (this envelope spans 120 dB; far below the peak both versions meet
  // their own floors: leakage, aliasing of the long cepstrum).
  const peaks: [number, number][] = [];
  for (let h = 1; h * hz < 8000; h++) {
    const k = Math.round((h * hz * size) / fs);
    let pa = 0;
    let pb = 0;
    for (let j = k - 4; j <= k + 4; j++) {
      pa = Math.max(pa, a[j]);
      pb = Math.max(pb, b[j]);
    }
    peaks.push([pa, pb]);
  }
  const top = Math.max(...peaks.map(([, pb]) => pb));
  let s = 0;
  let c = 0;
  for (const [pa, pb] of peaks) {
    if (pb < top * 1e-5) continue;
    s += (10 * Math.log10(pa / pb)) ** 2;
    c++;
  }
  assert.ok(c >= 10, `${c} harmonics compared`);
  assert.ok(Math.sqrt(s / c) < 0.3, `${Math.sqrt(s / c).toFixed(3)} dB RMS`);
  assert.throws(() => synthesize(p, { fftSize: 4096 }), /synthesis fftSize/);
});

test('noise segments longer than the synthesis buffer continue: noise power holds at low F0 and small FFTs', () => {
  const fs = 44100;
  const env = formantEnvelope(fs, 2048);
  const expected = fullCircleMean(env);
  for (const [hz, fftSize] of [
    [30, undefined],
    [100, 512],
    [60, 256],
  ] as const) {
    const p = syntheticParams({ sampleRate: fs, fftSize: 2048, frames: 201, f0: () => hz, ap: () => 1, envelope: env });
    const y = synthesize(p, { fftSize }).samples;
    const db = 10 * Math.log10(meanSquare(y, 4410, 39690) / expected);
    assert.ok(Math.abs(db) < 0.5, `F0 ${hz} Hz, fft ${fftSize ?? 'default'}: noise power ${db.toFixed(2)} dB from the envelope's`);
  }
});

test('rejects malformed parameters', () => {
  const p = syntheticParams({ sampleRate: 16000, fftSize: 1024, frames: 10, f0: () => 100 });
  assert.throws(() => synthesize({ ...p, fftSize: 1000 }), /power of two/);
  assert.throws(() => synthesize({ ...p, f0: new Float64Array(9) }), /frames/);
  assert.throws(() => synthesize({ ...p, f0: new Float64Array(10).fill(NaN) }), /bad F0/);
  assert.throws(() => synthesize({ ...p, framePeriod: 0 }), /framePeriod/);
});

test('synthesized in blocks, the output is the one-piece synthesis sample for sample (no seam at any block edge)', () => {
  // 3 s of a voiced glide with vibrato and some breathiness, cut into blocks of 1 ms to 0.5 s: every cut lands inside
  // voiced sound, where restarting the synthesis (pulse phase, pulse tails) would click.
  const fs = 16000;
  const p = syntheticParams({ sampleRate: fs, fftSize: 1024, frames: 601, f0: (i) => 180 + 60 * (i / 600) + 6 * Math.sin(i / 8), ap: () => 0.2 });
  const whole = synthesize(p, { seed: 3 }).samples;
  const src = { sampleRate: fs, framePeriod: p.framePeriod, fftSize: p.fftSize, f0: p.f0, rows: (j: number) => ({ sp: p.spectrogram[j], ap: p.aperiodicity[j] }) };
  for (const block of [16, 1000, 8000]) {
    const parts = [...synthesizeBlocks(src, { seed: 3, fftSize: synthesisFftSize(p) }, block)];
    // A block goes out once no pending pulse can reach it, so tiny blocks come one pulse at a time.
    assert.ok(parts.length >= Math.min(whole.length / block, 100) / 2, `${parts.length} blocks of ${block}`);
    const y = new Float32Array(parts.reduce((a, b) => a + b.length, 0));
    let o = 0;
    for (const b of parts) {
      y.set(b, o);
      o += b.length;
    }
    assert.equal(y.length, whole.length);
    let worst = 0;
    for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(y[i] - whole[i]));
    assert.equal(worst, 0, `blocks of ${block}: differs by up to ${worst}`);
  }
});
