/**
 * CheapTrick spectral envelope estimator (Morise, "CheapTrick, a spectral envelope estimator for high-quality
 * speech synthesis", Speech Communication 67, 2015):
 *   1. power spectrum of the frame under a Hanning window three pitch periods long (pitch-adaptive windowing
 *      makes the power spectrum nearly independent of the window position),
 *   2. DC correction and a rectangular smoothing 2/3 F0 wide on the linear frequency axis,
 *   3. liftering of the log spectrum: a sinc lifter (smoothing over F0) times the q1 "recovery" lifter
 *      (1 - 2 q1) + 2 q1 cos(2 pi f0 q), which undoes the over-smoothing of the harmonic peaks.
 *
 * Speed: frames are processed two at a time. Each frame's windowed signal (real) goes into the real or the
 * imaginary part of one complex FFT, and the cepstral liftering of the two (real, even) log spectra is a pair
 * of DCT-Is of half the FFT length computed together (envelope-dct.ts). Windows and lifters are generated
 * with trigonometric recurrences; the per-frame loop allocates nothing.
 */
import type { F0Track } from './types.js';
import type { Audio } from '../audio/types.js';
import { getFft, nextPow2 } from '../audio/fft.js';
import { SmoothingScratch, dcCorrection, linearSmoothing } from './envelope-smoothing.js';
import { DctIPair } from './envelope-dct.js';
import { expAlong, logAlong } from './envelope-fastmath.js';
import { allocateRows } from './envelope-rows.js';

/** F0 assumed for unvoiced frames (WORLD's kDefaultF0). */
export const UNVOICED_F0 = 500;
/** Default lowest F0 the window must fit (Hz). */
export const DEFAULT_F0_FLOOR = 71;
/** Default q1 of the recovery lifter (Morise 2015). */
export const DEFAULT_Q1 = -0.15;
/** Floor added to the smoothed power so the logarithm stays finite in digital silence. */
const POWER_FLOOR = 2.220446049250313e-16;

export interface CheapTrickOptions {
  fftSize?: number;
  q1?: number;
  f0Floor?: number;
}

export interface SpectralEnvelope {
  fftSize: number;
  /** Power spectral envelope per frame (linear power), fftSize / 2 + 1 bins. */
  spectrogram: Float64Array[];
}

/** The smallest power of two >= 3 * sampleRate / f0Floor: a three-period window at f0Floor fits. */
export function defaultFftSize(sampleRate: number, f0Floor = DEFAULT_F0_FLOOR): number {
  return nextPow2(Math.ceil((3 * sampleRate) / f0Floor));
}

/** Lowest F0 whose three-period window (2 * round(1.5 fs / f0) + 1 samples) fits in fftSize. */
export function f0FloorForFftSize(sampleRate: number, fftSize: number): number {
  return (3 * sampleRate) / (fftSize - 3);
}

export function cheapTrick(audio: Audio, f0: F0Track, opts: CheapTrickOptions = {}): SpectralEnvelope {
  const times = new Float64Array(f0.f0.length);
  for (let i = 0; i < times.length; i++) times[i] = i * f0.framePeriod;
  return cheapTrickAt(audio, times, f0.f0, opts);
}

/** CheapTrick at the given times (s), each with its F0 (0: unvoiced): one envelope per time, in order. */
export function cheapTrickAt(audio: Audio, times: ArrayLike<number>, f0: ArrayLike<number>, opts: CheapTrickOptions = {}): SpectralEnvelope {
  const fs = audio.sampleRate;
  const fftSize = opts.fftSize ?? defaultFftSize(fs, opts.f0Floor ?? DEFAULT_F0_FLOOR);
  if (fftSize < 8 || (fftSize & (fftSize - 1)) !== 0) throw new Error(`cheapTrick: fftSize must be a power of two >= 8, got ${fftSize}`);
  const q1 = opts.q1 ?? DEFAULT_Q1;
  const floor = Math.max(opts.f0Floor ?? 0, f0FloorForFftSize(fs, fftSize));
  const ceiling = Math.max(floor, fs / 4);
  const frames = times.length;
  const bins = fftSize / 2 + 1;
  const spectrogram = allocateRows(frames, bins);
  if (frames === 0) return { fftSize, spectrogram };

  const st = new CheapTrickState(fftSize);
  for (let i = 0; i < frames; i += 2) {
    const fa = frameF0(f0[i], floor, ceiling);
    const hasB = i + 1 < frames;
    const fb = hasB ? frameF0(f0[i + 1], floor, ceiling) : fa;
    const tb = hasB ? times[i + 1] : times[i];
    st.pair(audio.samples, fs, times[i], fa, tb, fb, q1, spectrogram[i], hasB ? spectrogram[i + 1] : null);
  }
  return { fftSize, spectrogram };
}

/**
 * Unvoiced frames get WORLD's default F0; voiced frames below the floor are raised to it so the window fits, and
 * F0s above fs / 4 (not a voice; estimateF0 never returns one) are capped so the window keeps a few samples.
 */
function frameF0(f: number, floor: number, ceiling: number): number {
  if (!(f > 0) || !Number.isFinite(f)) return Math.min(UNVOICED_F0, ceiling);
  return f < floor ? floor : f > ceiling ? ceiling : f;
}

/** Buffers reused across frames. */
class CheapTrickState {
  readonly n: number;
  readonly z: Float64Array; // complex input
  readonly zOut: Float64Array; // complex output
  readonly powA: Float64Array;
  readonly powB: Float64Array;
  readonly win: Float64Array;
  readonly logA: Float64Array;
  readonly logB: Float64Array;
  readonly dct: DctIPair;
  readonly scratch = new SmoothingScratch();

  constructor(n: number) {
    this.n = n;
    this.z = new Float64Array(2 * n);
    this.zOut = new Float64Array(2 * n);
    this.powA = new Float64Array(n / 2 + 1);
    this.powB = new Float64Array(n / 2 + 1);
    this.win = new Float64Array(n);
    this.logA = new Float64Array(n / 2 + 1);
    this.logB = new Float64Array(n / 2 + 1);
    this.dct = new DctIPair(n / 2);
  }

  pair(
    x: Float32Array,
    fs: number,
    ta: number,
    fa: number,
    tb: number,
    fb: number,
    q1: number,
    outA: Float64Array,
    outB: Float64Array | null,
  ): void {
    const n = this.n;
    const z = this.z;
    z.fill(0);
    this.windowed(x, fs, ta, fa, 0);
    this.windowed(x, fs, tb, fb, 1);
    const fft = getFft(n);
    fft.forward(z, this.zOut);
    // Separate the two real spectra: A[k] = (Z[k] + conj Z[n-k]) / 2, B[k] = (Z[k] - conj Z[n-k]) / 2i.
    const zo = this.zOut;
    const pa = this.powA;
    const pb = this.powB;
    const half = n / 2;
    for (let k = 0; k <= half; k++) {
      const m = k === 0 ? 0 : n - k;
      const zr = zo[2 * k];
      const zi = zo[2 * k + 1];
      const wr = zo[2 * m];
      const wi = zo[2 * m + 1];
      const ar = 0.5 * (zr + wr);
      const ai = 0.5 * (zi - wi);
      const br = 0.5 * (zi + wi);
      const bi = -0.5 * (zr - wr);
      pa[k] = ar * ar + ai * ai;
      pb[k] = br * br + bi * bi;
    }
    this.smoothPower(pa, fa, fs);
    this.smoothPower(pb, fb, fs);
    // Cepstral liftering of both frames: the log spectra are real and even, so their transforms are DCT-Is of
    // half + 1 points, computed in pairs (envelope-dct.ts); the inverse is the same DCT-I, its 1/n in the lifter.
    const la = this.logA;
    const lb = this.logB;
    logAlong(pa, la, half + 1);
    logAlong(pb, lb, half + 1);
    this.dct.transform(la, lb, la, lb);
    applyLifter(la, n, fa, fs, q1);
    applyLifter(lb, n, fb, fs, q1);
    this.dct.transform(la, lb, la, lb);
    expAlong(la, outA, half + 1);
    if (outB) expAlong(lb, outB, half + 1);
  }

  /** DC correction, smoothing over 2/3 F0, and the floor that keeps log() finite. */
  private smoothPower(p: Float64Array, f0: number, fs: number): void {
    dcCorrection(p, f0, fs, this.n, this.scratch);
    linearSmoothing(p, (2 * f0) / 3, fs, this.n, p, this.scratch);
    for (let k = 0; k < p.length; k++) p[k] += POWER_FLOOR;
  }

  /**
   * Writes the Hanning-windowed (3 periods, energy-normalised), DC-removed frame into the real (part 0) or
   * imaginary (part 1) lane of `z`, starting at index 0 (zero padded after).
   */
  private windowed(x: Float32Array, fs: number, t: number, f0: number, part: 0 | 1): void {
    const z = this.z;
    const w = this.win;
    const xLen = x.length;
    const halfLen = Math.round((1.5 * fs) / f0);
    const len = 2 * halfLen + 1;
    const origin = Math.round(t * fs + 0.001);
    // w[j] = 0.5 + 0.5 cos(pi f0 (j - halfLen) / (1.5 fs)), generated by the Chebyshev recurrence.
    const theta = (Math.PI * f0) / (1.5 * fs);
    const c1 = Math.cos(theta);
    let cPrev = Math.cos(-halfLen * theta - theta);
    let cCur = Math.cos(-halfLen * theta);
    let energy = 0;
    for (let j = 0; j < len; j++) {
      const v = 0.5 * cCur + 0.5;
      w[j] = v;
      energy += v * v;
      const cNext = 2 * c1 * cCur - cPrev;
      cPrev = cCur;
      cCur = cNext;
    }
    const norm = 1 / Math.sqrt(energy);
    let sumX = 0;
    let sumW = 0;
    for (let j = 0; j < len; j++) {
      let idx = origin + j - halfLen;
      if (idx < 0) idx = 0;
      else if (idx >= xLen) idx = xLen - 1;
      const wj = w[j] * norm;
      w[j] = wj;
      const v = xLen > 0 ? x[idx] * wj : 0;
      z[2 * j + part] = v;
      sumX += v;
      sumW += wj;
    }
    // Remove the window-weighted mean so the DC component does not leak into the low bins.
    const coef = sumX / sumW;
    for (let j = 0; j < len; j++) z[2 * j + part] -= w[j] * coef;
  }
}

/**
 * Multiplies the cepstrum `c` (quefrency bins 0..n/2) by the smoothing lifter sin(pi f0 q) / (pi f0 q) and the
 * recovery lifter (1 - 2 q1) + 2 q1 cos(2 pi f0 q), q = k / fs (k = 0: both are 1), and by 1 / n for the inverse
 * transform. sin / cos of k pi f0 / fs come from a rotation recurrence.
 */
function applyLifter(c: Float64Array, n: number, f0: number, fs: number, q1: number): void {
  const half = n / 2;
  const alpha = (Math.PI * f0) / fs;
  const ca = Math.cos(alpha);
  const sa = Math.sin(alpha);
  let cs = 1; // cos(k alpha)
  let sn = 0; // sin(k alpha)
  const a = 1 - 2 * q1;
  const inv = 1 / n;
  c[0] *= inv;
  for (let k = 1; k <= half; k++) {
    const nc = cs * ca - sn * sa;
    sn = sn * ca + cs * sa;
    cs = nc;
    const smooth = sn / (k * alpha);
    const recover = a + 2 * q1 * (2 * cs * cs - 1); // cos(2 k alpha)
    c[k] *= smooth * recover * inv;
  }
}
