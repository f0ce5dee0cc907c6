import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { resample, resampledLength } from '../../src/audio/resample.js';
import { readWavFile } from '../../src/audio/wav.js';
import { tempDir, voicesDir } from '../helpers/paths.js';
import { errorDb, sine } from './wav-builder.js';

function audio(x: Float64Array, sampleRate: number) {
  return { sampleRate, samples: Float32Array.from(x) };
}

/** Level (dB re. full-scale sine) and frequency of a sine, by least-squares fit over a grid around `guess`. */
function measureSine(x: Float32Array, rate: number, guess: number, skip: number): { db: number; hz: number } {
  const fit = (f: number) => {
    let ss = 0;
    let cc = 0;
    let sc = 0;
    let xs = 0;
    let xc = 0;
    for (let i = skip; i < x.length - skip; i++) {
      const s = Math.sin((2 * Math.PI * f * i) / rate);
      const c = Math.cos((2 * Math.PI * f * i) / rate);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += x[i] * s;
      xc += x[i] * c;
    }
    const det = ss * cc - sc * sc;
    const a = (xs * cc - xc * sc) / det;
    const b = (xc * ss - xs * sc) / det;
    return Math.hypot(a, b);
  };
  let best = guess;
  let bestAmp = 0;
  for (let step = 1; step >= 0.001; step /= 10) {
    const centre = best;
    for (let k = -10; k <= 10; k++) {
      const f = centre + k * step;
      const a = fit(f);
      if (a > bestAmp) {
        bestAmp = a;
        best = f;
      }
    }
  }
  return { db: 20 * Math.log10(bestAmp), hz: best };
}

test('1 kHz sine 44.1 kHz -> 16 kHz -> 44.1 kHz keeps frequency, level (0.1 dB) and length (1 sample)', () => {
  const n = 44100;
  const x = audio(sine(n, 44100, 1000, 0.5), 44100);
  const down = resample(x, 16000);
  assert.equal(down.sampleRate, 16000);
  assert.ok(Math.abs(down.samples.length - (n * 16000) / 44100) <= 1, `length ${down.samples.length}`);
  const back = resample(down, 44100);
  assert.ok(Math.abs(back.samples.length - n) <= 1, `length ${back.samples.length}`);
  const ref = 20 * Math.log10(0.5);
  for (const [a, rate] of [[down, 16000], [back, 44100]] as const) {
    const m = measureSine(a.samples, rate, 1000, Math.round(rate * 0.01));
    assert.ok(Math.abs(m.hz - 1000) < 0.01, `${rate} Hz: ${m.hz} Hz`);
    assert.ok(Math.abs(m.db - ref) < 0.1, `${rate} Hz: level ${(m.db - ref).toFixed(4)} dB`);
  }
  // Zero delay: sample by sample, the round trip matches the original (away from the ends).
  const skip = 441;
  const err = errorDb(x.samples.subarray(skip, n - skip), back.samples.subarray(skip, n - skip));
  assert.ok(err < -90, `round-trip error ${err.toFixed(1)} dB`);
});

test('passband is flat to 90% of the lower Nyquist and aliases are >= 95 dB down', () => {
  const rate = 44100;
  const n = 22050;
  const level = (hz: number) => {
    const y = resample(audio(sine(n, rate, hz, 0.5), rate), 16000).samples;
    let e = 0;
    for (let i = 200; i < y.length - 200; i++) e += y[i] * y[i];
    return 10 * Math.log10(e / (y.length - 400) / 0.125);
  };
  for (const hz of [100, 3000, 7000, 7200]) assert.ok(Math.abs(level(hz)) < 0.01, `${hz} Hz: ${level(hz).toFixed(4)} dB`);
  // Above the new Nyquist (8 kHz): would alias to 16000 - f; must be gone.
  for (const hz of [8400, 10000, 15000, 20000]) assert.ok(level(hz) < -95, `${hz} Hz: ${level(hz).toFixed(1)} dB`);
});

test('a lower stopband (for analysis copies) keeps the passband and is still that far down above Nyquist', () => {
  const rate = 44100;
  const n = 22050;
  const level = (hz: number, stopbandDb: number) => {
    const y = resample(audio(sine(n, rate, hz, 0.5), rate), 32000, { stopbandDb }).samples;
    let e = 0;
    for (let i = 200; i < y.length - 200; i++) e += y[i] * y[i];
    return 10 * Math.log10(e / (y.length - 400) / 0.125);
  };
  for (const db of [70, 60]) {
    for (const hz of [100, 5000, 14000]) assert.ok(Math.abs(level(hz, db)) < 0.05, `${db} dB filter, ${hz} Hz: ${level(hz, db).toFixed(4)} dB`);
    for (const hz of [16800, 19000, 21000]) assert.ok(level(hz, db) < -(db - 5), `${db} dB filter, ${hz} Hz: ${level(hz, db).toFixed(1)} dB`);
  }
  assert.throws(() => resample(audio(sine(100, rate, 100, 0.5), rate), 32000, { stopbandDb: 20 }), /stopband/);
});

test('upsampling creates no images and keeps a constant exactly constant', () => {
  const y = resample(audio(sine(16000, 16000, 5000, 0.5), 16000), 48000).samples;
  // Exactly a 5 kHz sine at 48 kHz, nothing at its images (11 kHz, 21 kHz ...).
  const want = sine(y.length, 48000, 5000, 0.5);
  assert.ok(errorDb(want.subarray(600, -600), y.subarray(600, -600)) < -90);
  const dc = resample({ sampleRate: 22050, samples: new Float32Array(5000).fill(0.25) }, 32000).samples;
  for (let i = 300; i < dc.length - 300; i++) assert.ok(Math.abs(dc[i] - 0.25) < 1e-6, `sample ${i}: ${dc[i]}`);
});

test('odd and non-integer rates, lengths, identity and tiny inputs', () => {
  for (const [from, to] of [[44101, 16000], [22050.5, 44100], [8000, 7999], [1000, 768000]] as const) {
    const n = Math.max(Math.round(from * 0.2), 400);
    const f = Math.min(from, to) / 10;
    const y = resample(audio(sine(n, from, f, 0.5), from), to);
    assert.equal(y.samples.length, resampledLength(n, from, to));
    assert.ok(Math.abs(y.samples.length - (n * to) / from) <= 0.5 + 1e-9);
    // The filter reaches 64 samples of the lower rate either side: skip the edges it smears.
    const skip = Math.ceil(70 * Math.max(1, to / from));
    const want = sine(y.samples.length, to, f, 0.5);
    const err = errorDb(want.subarray(skip, -skip), y.samples.subarray(skip, -skip));
    assert.ok(err < -80, `${from} -> ${to}: ${err.toFixed(1)} dB`);
  }
  const a = audio(sine(100, 16000, 100), 16000);
  assert.equal(resample(a, 16000), a);
  assert.equal(resample({ sampleRate: 16000, samples: new Float32Array(0) }, 44100).samples.length, 0);
  assert.equal(resample({ sampleRate: 16000, samples: new Float32Array(1).fill(1) }, 48000).samples.length, 3);
  assert.throws(() => resample(a, 0), RangeError);
  assert.throws(() => resample(a, NaN), RangeError);
});

test('long inputs are not truncated (3 minutes at 44.1 kHz -> 16 kHz)', () => {
  const n = 44100 * 180;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100);
  const y = resample({ sampleRate: 44100, samples: x }, 16000).samples;
  assert.equal(y.length, 16000 * 180);
  // The last second is still the sine.
  let e = 0;
  let s = 0;
  for (let i = y.length - 16000; i < y.length - 200; i++) {
    const w = 0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000);
    e += (y[i] - w) ** 2;
    s += w * w;
  }
  assert.ok(10 * Math.log10(e / s) < -90);
});

test('agrees with sox (rate -v -L -b 94) on the real reference voices', () => {
  const dir = tempDir('cantor-resample-sox-');
  // Downsampling differs most near the new Nyquist, where the two filters' transition bands differ; measured
  // -53.9 dB (slt) and -72.3 dB (kal); a one-sample misalignment alone would give about -10 dB.
  for (const [voice, to, bound] of [['slt', 16000, -48], ['kal', 44100, -65]] as const) {
    const src = join(voicesDir, voice, 'reference.wav');
    const refPath = join(dir, `${voice}.wav`);
    execFileSync('sox', [src, '-b', '32', '-e', 'floating-point', refPath, 'rate', '-v', '-L', '-b', '94', String(to)], {
      stdio: 'ignore',
    });
    const ref = readWavFile(refPath).samples;
    const got = resample(readWavFile(src), to).samples;
    assert.equal(got.length, ref.length, `${voice}: length`);
    const err = errorDb(ref, got);
    assert.ok(err < bound, `${voice} -> ${to} Hz: ${err.toFixed(1)} dB from sox, want < ${bound} dB`);
  }
});
