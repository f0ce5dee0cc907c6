import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allPassConstant,
  defaultMelCepstrumOrder,
  melCepstrumToSpectrum,
  spectrumToMelCepstrum,
  warpFrequency,
} from '../../src/vocoder/mel-cepstrum.js';
import { melCepstralDistance, melCepstralDistortion } from '../../src/vocoder/mcd.js';
import { aperiodicityBandCount, codeAperiodicity, decodeAperiodicity } from '../../src/vocoder/aperiodicity-coding.js';
import { fromCompactFeatures, toCompactFeatures } from '../../src/vocoder/features.js';
import { synthesize } from '../../src/vocoder/synthesis.js';
import { formantEnvelope, meanSquare, syntheticParams } from './params.js';

function rmsDb(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (10 * Math.log10(a[k] / b[k])) ** 2;
  return Math.sqrt(s / a.length);
}

test('all-pass constant fits the mel scale like the usual tables', () => {
  // SPTK / pysptk values (mcepalpha): 0.31 at 8 kHz, 0.41-0.42 at 16 kHz, 0.455 at 22.05 kHz, 0.544 at 44.1 kHz.
  const table: [number, number][] = [
    [8000, 0.31],
    [16000, 0.415],
    [22050, 0.455],
    [44100, 0.544],
    [48000, 0.554],
  ];
  for (const [fs, alpha] of table) {
    const got = allPassConstant(fs);
    assert.ok(Math.abs(got - alpha) <= 0.006, `${fs} Hz: alpha ${got}, table ${alpha}`);
  }
  // The warp is monotonic, fixes 0 and pi, and stretches the low frequencies.
  const a = allPassConstant(44100);
  assert.equal(warpFrequency(0, a), 0);
  assert.ok(Math.abs(warpFrequency(Math.PI, a) - Math.PI) < 1e-12);
  assert.ok(warpFrequency(0.1, a) > 0.3);
  assert.ok(Math.abs(warpFrequency(warpFrequency(1.2, a), -a) - 1.2) < 1e-12, 'the inverse warp is beta with -alpha');
});

test('envelope -> mel-cepstrum -> envelope within 1 dB RMS at the default orders', () => {
  for (const [fs, n] of [
    [16000, 1024],
    [22050, 1024],
    [32000, 2048],
    [44100, 2048],
  ] as const) {
    for (const formants of [
      [[700, 90], [1200, 110], [2600, 160]],
      [[300, 60], [2300, 120], [3000, 200], [3600, 250]],
    ] as [number, number][][]) {
      const sp = formantEnvelope(fs, n, formants);
      const order = defaultMelCepstrumOrder(fs);
      const mc = spectrumToMelCepstrum(sp, fs, order);
      assert.equal(mc.length, order + 1);
      const back = melCepstrumToSpectrum(mc, fs, n);
      const d = rmsDb(back, sp);
      assert.ok(d < 1, `${fs} Hz order ${order}: ${d.toFixed(2)} dB RMS`);
    }
  }
});

test('a higher order fits better; alpha = 0 is the plain cepstrum', () => {
  const fs = 44100;
  const sp = formantEnvelope(fs, 2048);
  const err = (order: number) => rmsDb(melCepstrumToSpectrum(spectrumToMelCepstrum(sp, fs, order), fs, 2048), sp);
  assert.ok(err(60) < err(40) && err(40) < err(20), `${err(20)} ${err(40)} ${err(60)}`);
  // A log spectrum that is exactly c0 + 2 c3 cos(3w) has exactly that plain cepstrum.
  const bins = 1025;
  const s = new Float64Array(bins);
  for (let k = 0; k < bins; k++) s[k] = Math.exp(2 * (0.5 + 2 * 0.2 * Math.cos((3 * Math.PI * k) / (bins - 1))));
  const c = spectrumToMelCepstrum(s, fs, 8, 0);
  assert.ok(Math.abs(c[0] - 0.5) < 1e-4 && Math.abs(c[3] - 0.2) < 1e-4 && Math.abs(c[1]) < 1e-4, Array.from(c).join(' '));
});

test('mel-cepstral distance is Kubichek\'s formula and excludes c0', () => {
  const a = new Float64Array([1, 0.5, 0.1, 0]);
  const b = new Float64Array([3, 0.4, 0.1, 0.2]);
  const expected = (10 / Math.LN10) * Math.sqrt(2 * (0.1 ** 2 + 0.2 ** 2));
  assert.ok(Math.abs(melCepstralDistance(a, b) - expected) < 1e-12);
  assert.equal(melCepstralDistance(a, a), 0);
  // An overall gain changes only c0: zero distortion.
  const fs = 16000;
  const sp = formantEnvelope(fs, 1024);
  const louder = sp.map((v) => v * 10);
  assert.ok(melCepstralDistortion([sp, sp], [louder, louder], fs) < 1e-9);
  // A ripple of r nepers in ln|H|, r cos(5 w~) on the warped axis, is c_5 = r / 2 (ln|H| = c0 + 2 sum c_m cos(m w~)),
  // so MCD = 10/ln10 * sqrt(2) * r / 2; here r = 0.1 (the power spectrum gets exp(2 r cos)).
  const alpha = allPassConstant(fs);
  const rippled = sp.map((v, k) => v * Math.exp(2 * 0.1 * Math.cos(5 * warpFrequency((Math.PI * k) / 512, alpha))));
  const mcd = melCepstralDistortion([sp], [rippled], fs);
  const want = (10 / Math.LN10) * Math.sqrt(2) * 0.05;
  assert.ok(Math.abs(mcd - want) < 0.02, `MCD ${mcd.toFixed(3)} dB, expected ${want.toFixed(3)} dB`);
  // The mask keeps only the chosen frames.
  assert.ok(melCepstralDistortion([sp, sp], [sp, rippled], fs, { mask: [true, false] }) < 1e-9);
});

test('aperiodicity coding: WORLD band layout, exact for D4C-style rows, close for others', () => {
  assert.equal(aperiodicityBandCount(16000), 1);
  assert.equal(aperiodicityBandCount(22050), 2);
  assert.equal(aperiodicityBandCount(32000), 4);
  assert.equal(aperiodicityBandCount(44100), 5);
  const fs = 44100;
  const n = 2048;
  const bins = n / 2 + 1;
  // A row interpolated in dB through (0, -60), (3k, -30), (6k, -12), (9k, -20), (12k, -5), (15k, -3), (Nyquist, 0).
  const kn = [0, 3000, 6000, 9000, 12000, 15000, fs / 2];
  const vals = [-60, -30, -12, -20, -5, -3, 0];
  const row = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const f = (k * fs) / n;
    let s = 0;
    while (s < kn.length - 2 && f > kn[s + 1]) s++;
    const w = (f - kn[s]) / (kn[s + 1] - kn[s]);
    row[k] = Math.pow(10, (vals[s] + w * (vals[s + 1] - vals[s])) / 20);
  }
  const [coded] = codeAperiodicity([row], fs);
  assert.deepEqual(Array.from(coded, (v) => Math.round(v * 1000) / 1000), [-30, -12, -20, -5, -3]);
  const [decoded] = decodeAperiodicity([coded], fs, n);
  let maxErr = 0;
  for (let k = 0; k < bins; k++) maxErr = Math.max(maxErr, Math.abs(20 * Math.log10(decoded[k] / row[k])));
  assert.ok(maxErr < 0.01, `max error ${maxErr} dB`);
  // Unvoiced (all ~1) stays all ~1, DC included.
  const [u] = decodeAperiodicity(codeAperiodicity([new Float64Array(bins).fill(0.999999)], fs), fs, n);
  assert.ok(u.every((v) => v > 0.99));
  // A smooth non-linear row: within 1.5 dB RMS over 3..15 kHz (below 3 kHz the layout forces -60 dB at DC).
  const smooth = new Float64Array(bins);
  for (let k = 0; k < bins; k++) smooth[k] = Math.pow(10, (-40 + 35 * Math.sqrt((k * fs) / n / (fs / 2))) / 20);
  const [sd] = decodeAperiodicity(codeAperiodicity([smooth], fs), fs, n);
  let s = 0;
  let c = 0;
  for (let k = Math.round((3000 * n) / fs); k < Math.round((15000 * n) / fs); k++) {
    s += (20 * Math.log10(sd[k] / smooth[k])) ** 2;
    c++;
  }
  assert.ok(Math.sqrt(s / c) < 1.5, `smooth row: ${Math.sqrt(s / c).toFixed(2)} dB RMS`);
});

test('compact features: 41 + 5 numbers a frame at 44.1 kHz, decoding back within 1 dB RMS and 1 dB of loudness', () => {
  const fs = 44100;
  const n = 2048;
  const p = syntheticParams({ sampleRate: fs, fftSize: n, frames: 101, f0: (i) => (i < 70 ? 180 : 0), ap: () => 0.999999 });
  // Voiced frames get a WORLD-style aperiodicity row: -60 dB at DC rising linearly in dB to 0 dB at Nyquist.
  for (let i = 0; i < 70; i++) p.aperiodicity[i] = p.aperiodicity[i].map((_, k) => Math.pow(10, (-60 + (60 * k) / (n / 2)) / 20));
  const c = toCompactFeatures(p);
  assert.equal(c.melCepstrum[0].length, 41);
  assert.equal(c.bandAperiodicity[0].length, 5);
  const back = fromCompactFeatures(c);
  assert.equal(back.spectrogram.length, 101);
  assert.ok(rmsDb(back.spectrogram[10], p.spectrogram[10]) < 1);
  let apErr = 0;
  for (let k = 0; k <= n / 2; k++) apErr = Math.max(apErr, Math.abs(20 * Math.log10(back.aperiodicity[10][k] / p.aperiodicity[10][k])));
  assert.ok(apErr < 0.01, `aperiodicity ${apErr} dB`);
  assert.ok(back.aperiodicity[90].every((v) => v > 0.99), 'unvoiced rows stay noise');
  const a = synthesize(p).samples;
  const b = synthesize(back).samples;
  // The order-40 fit flattens the narrow (90-110 Hz) formant peaks a little, and the peaks carry most of the power.
  const db = 10 * Math.log10(meanSquare(b) / meanSquare(a));
  assert.ok(Math.abs(db) < 1, `level ${db.toFixed(2)} dB`);
});
