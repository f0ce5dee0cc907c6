/** The renderer's parts on their own: time warps, join smoothing, decoders (against the vocoder's reference code). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AperiodicityDecoder, EnvelopeDecoder } from '../../src/render/decode.js';
import { smoothJoins } from '../../src/render/join.js';
import { EDGE, fitUnit, STEADY_DB, steadyRegion, warpTime } from '../../src/render/unit-fitting.js';
import { BAND_SPACING_HZ, aperiodicityBandCount, decodeAperiodicity } from '../../src/vocoder/aperiodicity-coding.js';
import { allPassConstant, melCepstrumToSpectrum } from '../../src/vocoder/mel-cepstrum.js';
import { formantShift } from '../../src/vocoder/transform.js';

test('sustained units keep their edges at natural rate and stretch the middle', () => {
  const src = 0.2;
  const dst = 0.35; // middle 0.14 -> 0.29: a stretch under 2x
  for (const t of [0, 0.01, 0.029]) assert.ok(Math.abs(warpTime(t, src, dst, 'vowel') - t) < 1e-12);
  for (const t of [dst - 0.029, dst - 0.001]) assert.ok(Math.abs(warpTime(t, src, dst, 'vowel') - (src - (dst - t))) < 1e-12);
  const mid = warpTime(dst / 2, src, dst, 'vowel');
  assert.ok(Math.abs(mid - src / 2) < 1e-9, `middle maps to ${mid}`);
});

test('long notes ping-pong through the steady part: bounded, continuous, never frozen, ending at the far edge', () => {
  const src = 0.3;
  const dst = 3;
  const fp = 0.005;
  let prev = warpTime(0, src, dst, 'vowel');
  let maxStep = 0;
  let held = 0;
  let turns = 0;
  let lastDir = 0;
  for (let t = fp; t < dst; t += fp) {
    const s = warpTime(t, src, dst, 'vowel');
    assert.ok(s >= 0 && s <= src, `source time ${s} out of the unit`);
    const d = s - prev;
    maxStep = Math.max(maxStep, Math.abs(d));
    if (Math.abs(d) < 1e-9) held++;
    const dir = Math.sign(d);
    if (dir !== 0 && lastDir !== 0 && dir !== lastDir) turns++;
    if (dir !== 0) lastDir = dir;
    prev = s;
  }
  assert.ok(maxStep <= fp * 1.0001, `jumps ${maxStep} s in one ${fp} s step`);
  assert.equal(held, 0);
  assert.ok(turns >= 2, `${turns} turns`);
  assert.ok(Math.abs(warpTime(dst - 1e-9, src, dst, 'vowel') - src) < 1e-6);
  const pos = fitUnit(60, 0.005, 600, 0.005, 'vowel');
  assert.ok(pos.every((p) => p >= 0 && p <= 59));
  assert.ok(pos[0] < EDGE / 0.005 && pos[599] > 59 - EDGE / 0.005);
});

test('a long note loops the steady region of a syllable that rises and fades, not its fade', () => {
  // A recorded syllable's vowel (5 ms frames): rises 12 dB over 50 ms, holds 100 ms, fades 20 dB over 150 ms, as
  // espeak-cmn's vowels do into the next syllable. Sung for 1.5 s.
  const level: number[] = [];
  for (let i = 0; i < 10; i++) level.push(-12 + (12 * i) / 10);
  for (let i = 0; i < 20; i++) level.push(0);
  for (let i = 0; i < 30; i++) level.push((-20 * (i + 1)) / 30);
  const steady = steadyRegion(level, 12);
  assert.ok(steady[0] >= 5 && steady[1] <= 40, `steady region ${steady}`);
  for (let i = steady[0]; i < steady[1]; i++) assert.ok(level[i] >= -STEADY_DB);
  const levelAt = (pos: Float64Array, j: number): number => {
    const a = Math.floor(pos[j]);
    const b = Math.min(level.length - 1, a + 1);
    return level[a] + (pos[j] - a) * (level[b] - level[a]);
  };
  const frames = 300;
  const looped = fitUnit(level.length, 0.005, frames, 0.005, 'vowel', steady);
  const whole = fitUnit(level.length, 0.005, frames, 0.005, 'vowel');
  let minLooped = Infinity;
  let minWhole = Infinity;
  // The note's middle, between its onset and its release (the unit's own first and last 150 ms at most).
  for (let j = 30; j < frames - 30; j++) {
    minLooped = Math.min(minLooped, levelAt(looped, j));
    minWhole = Math.min(minWhole, levelAt(whole, j));
  }
  console.log(`lowest level in the note's middle: ${minLooped.toFixed(1)} dB looping the steady region, ${minWhole.toFixed(1)} dB looping the whole middle`);
  // Within the steady region's STEADY_DB, give or take the half frame that frame centres interpolate into its edges.
  assert.ok(minLooped >= -STEADY_DB - 1, `the note sinks to ${minLooped.toFixed(1)} dB`);
  assert.ok(minWhole < -10, 'the old warp should dip into the fade');
  // It starts and ends with the unit's own onset and release.
  assert.ok(looped[0] < 1 && looped[frames - 1] > level.length - 2);
  // Without the stretch (a short slot) the steady region changes nothing.
  assert.deepEqual(fitUnit(level.length, 0.005, 40, 0.005, 'vowel', steady), fitUnit(level.length, 0.005, 40, 0.005, 'vowel'));
});

test('the steady region is widened to the shortest loop towards the louder side', () => {
  assert.deepEqual(steadyRegion([-20, -10, -3, 0, -12, -30], 4), [1, 5]);
  assert.deepEqual(steadyRegion([0, -1, -2], 10), [0, 3]);
});

test('plosives hold their closure when longer; consonants are warped linearly when shorter', () => {
  assert.equal(warpTime(0.02, 0.05, 0.08, 'plosive'), 0);
  assert.ok(Math.abs(warpTime(0.07, 0.05, 0.08, 'plosive') - 0.04) < 1e-12);
  assert.ok(Math.abs(warpTime(0.02, 0.08, 0.04, 'affricate') - 0.04) < 1e-12);
});

test('join smoothing makes the two sides meet and leaves frames beyond the window alone', () => {
  const dim = 2;
  const frames = 40;
  const d = new Float64Array(frames * dim);
  for (let i = 0; i < frames; i++) {
    d[i * dim] = i < 20 ? 1 : 3;
    d[i * dim + 1] = i < 20 ? -2 : -2;
  }
  smoothJoins(d, dim, [{ frame: 20, leftFrames: 20, rightFrames: 20 }], 5);
  assert.ok(Math.abs(d[19 * dim] - d[20 * dim]) < 0.5, `${d[19 * dim]} vs ${d[20 * dim]}`);
  assert.equal(d[14 * dim], 1);
  assert.equal(d[25 * dim], 3);
  for (let i = 0; i < frames; i++) assert.equal(d[i * dim + 1], -2);
  // Monotonic ramp across the join.
  for (let i = 15; i < 25; i++) assert.ok(d[(i + 1) * dim] >= d[i * dim]);
});

test('envelope decoder equals the vocoder mel-cepstrum decoding, and a formant ratio moves the envelope in frequency', () => {
  const fs = 32000;
  const alpha = allPassConstant(fs);
  const order = 60;
  const mc = new Float64Array(order + 1);
  // A resonance-like envelope: a few decaying cosine terms.
  for (let m = 0; m <= order; m++) mc[m] = (m === 0 ? -3 : 0.6 * Math.cos(0.9 * m) / (1 + 0.3 * m));
  const dec = new EnvelopeDecoder(1024, alpha, order);
  const a = dec.decode(mc, 0, 1);
  const b = melCepstrumToSpectrum(mc, fs, 1024, alpha);
  let err = 0;
  for (let k = 0; k < a.length; k++) err = Math.max(err, Math.abs(10 * Math.log10(a[k] / b[k])));
  assert.ok(err < 0.01, `decoded envelope differs by up to ${err.toFixed(4)} dB`);
  const up = dec.decode(mc, 0, 1.2);
  // Reference: the vocoder's formantShift (linear interpolation between bins) on an 8x finer decoding, read at our bins.
  const fine = melCepstrumToSpectrum(mc, fs, 8192, alpha);
  const shifted = formantShift({ sampleRate: fs, framePeriod: 0.005, fftSize: 8192, f0: new Float64Array(1), spectrogram: [fine], aperiodicity: [fine] }, 1.2).spectrogram[0];
  let worst = 0;
  for (let k = 0; k < up.length; k++) worst = Math.max(worst, Math.abs(10 * Math.log10(up[k] / shifted[8 * k])));
  assert.ok(worst < 0.05, `formant warp differs from formantShift by up to ${worst.toFixed(3)} dB`);
});

test('aperiodicity decoder equals decodeAperiodicity (voiced and unvoiced rows, 16-48 kHz)', () => {
  for (const fs of [16000, 32000, 44100, 48000]) {
    const bands = aperiodicityBandCount(fs);
    const dec = new AperiodicityDecoder(fs, 1024, bands, BAND_SPACING_HZ);
    const rows = [
      Float64Array.from({ length: bands }, (_, i) => -35 + 6 * i),
      Float64Array.from({ length: bands }, () => -0.1),
      Float64Array.from({ length: bands }, (_, i) => -70 + i),
    ];
    const ref = decodeAperiodicity(rows, fs, 1024);
    rows.forEach((r, j) => {
      const got = dec.decode(r, 0);
      for (let k = 0; k < got.length; k++) assert.ok(Math.abs(got[k] - ref[j][k]) < 1e-9 * Math.max(1, ref[j][k]), `${fs} Hz row ${j} bin ${k}: ${got[k]} vs ${ref[j][k]}`);
    });
  }
});
