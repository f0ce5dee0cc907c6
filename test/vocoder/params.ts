/** Synthetic vocoder parameters and measurements shared by the vocoder tests. */
import type { VocoderParams } from '../../src/analysis/types.js';
import { getFft, nextPow2 } from '../../src/audio/fft.js';

/** A smooth envelope with resonances (Hz, bandwidth Hz) and a -6 dB/octave tilt above 500 Hz, in linear power. */
export function formantEnvelope(fs: number, fftSize: number, formants: [number, number][] = [[700, 90], [1200, 110], [2600, 160]], level = 1e-4): Float64Array {
  const bins = fftSize / 2 + 1;
  const sp = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const f = (k * fs) / fftSize;
    let g = 1;
    for (const [fc, bw] of formants) g /= (1 - (f / fc) ** 2) ** 2 + ((f * bw) / (fc * fc)) ** 2;
    sp[k] = (level * g) / (1 + (f / 500) ** 2);
  }
  return sp;
}

export interface SyntheticParamsOptions {
  sampleRate: number;
  fftSize: number;
  frames: number;
  /** F0 per frame (Hz, 0 = unvoiced). */
  f0: (i: number) => number;
  /** Aperiodicity ratio (constant over frequency) per frame. */
  ap?: (i: number) => number;
  envelope?: Float64Array;
  framePeriod?: number;
}

export function syntheticParams(o: SyntheticParamsOptions): VocoderParams {
  const env = o.envelope ?? formantEnvelope(o.sampleRate, o.fftSize);
  const f0 = new Float64Array(o.frames);
  const spectrogram: Float64Array[] = [];
  const aperiodicity: Float64Array[] = [];
  for (let i = 0; i < o.frames; i++) {
    f0[i] = o.f0(i);
    spectrogram.push(env.slice());
    aperiodicity.push(new Float64Array(env.length).fill(o.ap ? o.ap(i) : 0.001));
  }
  return { sampleRate: o.sampleRate, framePeriod: o.framePeriod ?? 0.005, fftSize: o.fftSize, f0, spectrogram, aperiodicity };
}

/** Hann-windowed magnitude spectrum (power) of x[start, start + len), zero-padded to `size` (a power of two). */
export function powerSpectrum(x: Float32Array, start: number, len: number, size = nextPow2(len)): Float64Array {
  const fft = getFft(size);
  const buf = new Float64Array(size);
  for (let i = 0; i < len; i++) buf[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / len));
  const spec = new Float64Array(size + 2);
  fft.realForwardHalf(buf, spec);
  const out = new Float64Array(size / 2 + 1);
  for (let k = 0; k <= size / 2; k++) out[k] = spec[2 * k] ** 2 + spec[2 * k + 1] ** 2;
  return out;
}

/**
 * F0 of a steady stretch, from the spectral peak near `guess` refined by parabolic interpolation on the log power
 * (Hann window, 64k-point FFT: well under 1 cent of error for steady tones).
 */
export function measureF0(x: Float32Array, fs: number, start: number, len: number, guess: number): number {
  const size = Math.max(65536, nextPow2(len));
  const p = powerSpectrum(x, start, len, size);
  const df = fs / size;
  const lo = Math.max(1, Math.floor((guess * 0.8) / df));
  const hi = Math.ceil((guess * 1.2) / df);
  let k = lo;
  for (let i = lo; i <= hi; i++) if (p[i] > p[k]) k = i;
  const a = Math.log(p[k - 1]);
  const b = Math.log(p[k]);
  const c = Math.log(p[k + 1]);
  const delta = (0.5 * (a - c)) / (a - 2 * b + c);
  return (k + delta) * df;
}

export function cents(a: number, b: number): number {
  return 1200 * Math.log2(a / b);
}

export function meanSquare(x: Float32Array, start = 0, end = x.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += x[i] * x[i];
  return s / (end - start);
}

/** Mean of the power spectrum over the full circle (bins 1..N/2-1 counted twice): the power a signal with it has. */
export function fullCircleMean(sp: Float64Array): number {
  const n = 2 * (sp.length - 1);
  let s = sp[0] + sp[sp.length - 1];
  for (let k = 1; k < sp.length - 1; k++) s += 2 * sp[k];
  return s / n;
}

/** Normalised autocorrelation of x[start, start + len) at `lag`. */
export function autocorrelation(x: Float32Array, start: number, len: number, lag: number): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = start; i < start + len; i++) {
    xy += x[i] * x[i + lag];
    xx += x[i] * x[i];
    yy += x[i + lag] * x[i + lag];
  }
  return xy / Math.sqrt(xx * yy);
}
