/**
 * D4C band aperiodicity (Morise, "D4C, a band-aperiodicity estimator for high-quality speech synthesis",
 * Speech Communication 84, 2016).
 *
 * Per voiced frame:
 *   - "LoveTrain" voicing check: with a 3-period Blackman window, the share of 100..7900 Hz power lying below
 *     4 kHz; at or under `threshold` the frame is treated as unvoiced (aperiodicity 1 everywhere).
 *   - Static group delay: the power-weighted group delay ("centroid", Re(X* . FFT(n x))) of two 4-period
 *     Blackman windows a quarter period before and after the frame centre, summed (which cancels the
 *     F0-periodic ripple of the group delay), divided by a Hanning power spectrum smoothed over F0, smoothed over
 *     F0/2, and minus its own smoothing over F0.
 *   - Per band centred every 3 kHz: the Nuttall-windowed group delay over +-3 kHz is transformed; the share of its
 *     power outside the strongest few bins (a "flatness" of the group delay) is the band aperiodicity in dB.
 *     Periodic components leave a smooth group delay (low share); noise makes it erratic (share near 1).
 *   - The coarse values (-60 dB at 0 Hz, ~0 dB at Nyquist) are interpolated linearly in dB over all bins.
 *
 * Speed (WORLD's C++ D4C runs ~8x real time at 44.1 kHz; this one must run > 50x): the FFT length follows each
 * frame's F0 (the smallest power of two holding the 4-period window, instead of one size for the lowest F0), the
 * band transforms use the smallest power of two holding the band window instead of the full FFT length, real
 * transforms are paired into complex ones (two real signals in the real and imaginary lanes; the voicing check
 * shares its transform with the smoothed power spectrum), the sort over all bins becomes a quickselect of the
 * strongest ones, no FFT-sized buffer is allocated per frame, and at frame periods up to 5 ms every other voiced
 * frame is interpolated from its neighbours when F0 is steady (`stride`). `exact: true` runs the WORLD sizes on
 * every frame instead; test/analysis/aperiodicity-voice.test.ts compares both on real voices (mean difference
 * about 1 dB per frame and band, 2 dB with the interpolation; bias under 0.5 dB).
 */
import type { F0Track } from './types.js';
import type { Audio } from '../audio/types.js';
import { getFft, nextPow2 } from '../audio/fft.js';
import { SmoothingScratch, dcCorrection, linearSmoothing } from './envelope-smoothing.js';
import { sumOfLargest } from './aperiodicity-select.js';
import { defaultFftSize } from './cheaptrick.js';
import { allocateRows } from './envelope-rows.js';

/** Spacing and upper limit of the band centres (Hz). */
export const BAND_INTERVAL = 3000;
const UPPER_LIMIT = 15000;
/** Lowest F0 the group-delay analysis uses (WORLD's kFloorF0D4C). */
const FLOOR_F0_D4C = 47;
/** Lowest F0 of the voicing check. */
const FLOOR_F0_LOVE_TRAIN = 40;
/** Smallest and largest aperiodicity returned (linear amplitude ratio). */
export const MIN_APERIODICITY = 0.001;
export const MAX_APERIODICITY = 0.999999;
/** Coarse aperiodicity at 0 Hz (dB), as in WORLD. */
const DC_APERIODICITY_DB = -60;
export const DEFAULT_THRESHOLD = 0.85;

export interface D4cOptions {
  /** FFT length of the output rows (fftSize / 2 + 1 bins); CheapTrick's default for the sample rate if omitted. */
  fftSize?: number;
  /** LoveTrain voicing threshold (default 0.85); 0 disables the check. */
  threshold?: number;
  /** Use WORLD's fixed analysis sizes and analyse every frame (slower; for comparison). */
  exact?: boolean;
  /**
   * 2 (default at frame periods <= 5 ms): analyse every other voiced frame and interpolate the ones between when
   * the F0 around them is steady; 1: analyse every voiced frame.
   */
  stride?: 1 | 2;
}

export interface CoarseAperiodicity {
  /** Band centres in Hz (3 kHz, 6 kHz, ...). */
  bandsHz: number[];
  /** Per frame, the band aperiodicity in dB (<= 0), or null for frames treated as unvoiced (0 dB everywhere). */
  frames: (Float64Array | null)[];
}

/** Number of 3 kHz bands D4C estimates at this sample rate (5 at 44.1 kHz, 1 at 16 kHz, 0 below 12 kHz). */
export function bandCount(sampleRate: number): number {
  return Math.max(0, Math.floor(Math.min(UPPER_LIMIT, sampleRate / 2 - BAND_INTERVAL) / BAND_INTERVAL));
}

/** Band aperiodicity in dB at the band centres, per frame. */
export function d4cCoarse(audio: Audio, f0: F0Track, opts: D4cOptions = {}): CoarseAperiodicity {
  const fs = audio.sampleRate;
  const nb = bandCount(fs);
  const bandsHz = Array.from({ length: nb }, (_, i) => (i + 1) * BAND_INTERVAL);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const frames: (Float64Array | null)[] = new Array(f0.f0.length).fill(null);
  // Empty audio: every frame aperiodic. (Below 12 kHz no 3 kHz band fits: voiced frames that pass the voicing
  // check get the plain -60 dB (DC) to 0 dB (Nyquist) ramp.)
  if (audio.samples.length === 0) return { bandsHz, frames };
  const st = new D4cState(fs, nb, !!opts.exact);
  const x = audio.samples;
  const fp = f0.framePeriod;
  const f = f0.f0;
  const voiced = (i: number) => f[i] > 0 && Number.isFinite(f[i]);
  const compute = (i: number) => {
    const out = new Float64Array(nb);
    if (st.frame(x, i * fp, f[i], threshold, out)) frames[i] = out;
  };
  // Aperiodicity moves slowly: at frame periods up to 5 ms, a frame between two analysed voiced frames with a
  // steady F0 (within 5 %) gets the mean of their dB values, i.e. an analysis every 10 ms; every other voiced
  // frame is analysed.
  const stride = opts.stride ?? (opts.exact || fp > 0.0055 ? 1 : 2);
  for (let i = 0; i < frames.length; i += stride) if (voiced(i)) compute(i);
  if (stride === 2) {
    for (let i = 1; i < frames.length; i += 2) {
      if (!voiced(i)) continue;
      const a = frames[i - 1];
      const b = i + 1 < frames.length ? frames[i + 1] : null;
      if (a && b && Math.abs(f[i + 1] - f[i - 1]) < 0.05 * f[i] && Math.abs(f[i] - 0.5 * (f[i - 1] + f[i + 1])) < 0.05 * f[i]) {
        const out = new Float64Array(nb);
        for (let k = 0; k < nb; k++) out[k] = 0.5 * (a[k] + b[k]);
        frames[i] = out;
      } else compute(i);
    }
  }
  return { bandsHz, frames };
}

/**
 * Aperiodicity per frame over fftSize / 2 + 1 bins, in [0.001, 0.999999]: the coarse band values interpolated
 * linearly in dB between -60 dB at 0 Hz and 0 dB at Nyquist; unvoiced frames are 0.999999 everywhere.
 */
export function d4c(audio: Audio, f0: F0Track, opts: D4cOptions = {}): Float64Array[] {
  const fs = audio.sampleRate;
  const fftSize = opts.fftSize ?? defaultFftSize(fs);
  const bins = fftSize / 2 + 1;
  const coarse = d4cCoarse(audio, f0, opts);
  const nb = coarse.bandsHz.length;
  const axis = new Float64Array(nb + 2);
  const values = new Float64Array(nb + 2);
  for (let i = 0; i <= nb; i++) axis[i] = i * BAND_INTERVAL;
  axis[nb + 1] = fs / 2;
  values[0] = DC_APERIODICITY_DB;
  values[nb + 1] = 0;
  const rows = allocateRows(coarse.frames.length, bins);
  coarse.frames.forEach((c, i) => {
    const row = rows[i];
    if (!c) {
      row.fill(MAX_APERIODICITY);
      return;
    }
    for (let b = 0; b < nb; b++) values[b + 1] = c[b];
    interpolateDb(axis, values, fs / fftSize, row);
  });
  return rows;
}

/**
 * Linear interpolation in dB of (axis, values) at bins k * df, converted to amplitude ratios and clamped. Within a
 * segment the dB slope is constant, so the linear value is a geometric sequence: one pow() per segment.
 */
function interpolateDb(axis: Float64Array, values: Float64Array, df: number, row: Float64Array): void {
  const bins = row.length;
  let seg = 0;
  let k = 0;
  while (k < bins) {
    const f = k * df;
    while (seg < axis.length - 2 && f > axis[seg + 1]) seg++;
    const f1 = axis[seg + 1];
    const slope = (values[seg + 1] - values[seg]) / (f1 - axis[seg]); // dB per Hz
    let v = 10 ** ((values[seg] + slope * (f - axis[seg])) / 20);
    const ratio = 10 ** ((slope * df) / 20);
    // Bins of this segment: f <= f1 (the last segment runs to the end).
    const last = seg === axis.length - 2 ? bins - 1 : Math.min(bins - 1, Math.floor(f1 / df));
    for (; k <= last; k++) {
      row[k] = v < MIN_APERIODICITY ? MIN_APERIODICITY : v > MAX_APERIODICITY ? MAX_APERIODICITY : v;
      v *= ratio;
    }
  }
}

/** Nuttall window (4-term, continuous first derivative), length n. */
function nuttall(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = n > 1 ? i / (n - 1) : 0;
    w[i] =
      0.355768 - 0.487396 * Math.cos(2 * Math.PI * x) + 0.144232 * Math.cos(4 * Math.PI * x) - 0.012604 * Math.cos(6 * Math.PI * x);
  }
  return w;
}

const enum Win {
  Hanning,
  Blackman,
}

/** Per-analysis buffers and cached windows; every per-frame array is preallocated at the largest size. */
class D4cState {
  readonly fs: number;
  readonly nb: number;
  readonly exact: boolean;
  readonly maxN: number;
  readonly z: Float64Array;
  readonly zOut: Float64Array;
  readonly win: Float64Array;
  readonly centroid: Float64Array;
  readonly power: Float64Array;
  readonly gd: Float64Array;
  readonly gdSmooth: Float64Array;
  readonly bandPow: Float64Array;
  readonly seg: Float64Array;
  lastEnergy = 0;
  readonly scratch = new SmoothingScratch();
  private readonly nuttallCache = new Map<number, Float64Array>();

  constructor(fs: number, nb: number, exact: boolean) {
    this.fs = fs;
    this.nb = nb;
    this.exact = exact;
    // Largest FFT: the 4-period window at the D4C floor (WORLD's size), or the LoveTrain one if larger.
    this.maxN = Math.max(worldD4cSize(fs), worldLoveTrainSize(fs));
    // Band transforms can be up to twice the frame FFT length at low sample rates.
    this.z = new Float64Array(4 * this.maxN);
    this.zOut = new Float64Array(4 * this.maxN);
    this.win = new Float64Array(this.maxN);
    this.centroid = new Float64Array(this.maxN / 2 + 1);
    this.power = new Float64Array(this.maxN / 2 + 1);
    this.gd = new Float64Array(this.maxN / 2 + 1);
    this.gdSmooth = new Float64Array(this.maxN / 2 + 1);
    this.bandPow = new Float64Array(2 * this.maxN + 1);
    this.seg = new Float64Array(this.maxN + 1);
  }

  /** FFT length for a frame of this F0 (already floored). */
  private sizeFor(f0: number): number {
    if (this.exact) return worldD4cSize(this.fs);
    // At least 16 bins per 3 kHz band half-width, so the band transforms stay meaningful at very high F0s.
    return Math.max(nextPow2(2 * Math.round((2 * this.fs) / f0) + 1), nextPow2(Math.ceil((16 * this.fs) / BAND_INTERVAL)));
  }

  /**
   * Band aperiodicity (dB) of the frame at `t` into `out`. False when the frame counts as unvoiced: the voicing
   * check (at or below `threshold`) or silence.
   */
  frame(x: Float32Array, t: number, rawF0: number, threshold: number, out: Float64Array): boolean {
    const fs = this.fs;
    // F0 above fs / 4 is not a voice (estimateF0 never returns one); capping keeps the windows a few samples long.
    const capped = Math.min(rawF0, fs / 4);
    const f0 = Math.max(capped, FLOOR_F0_D4C);
    const fLove = Math.max(capped, FLOOR_F0_LOVE_TRAIN);
    const n = this.sizeFor(f0);
    const half = n / 2;
    const fft = getFft(n);
    const z = this.z;
    const zo = this.zOut;
    const c = this.centroid;
    const p = this.power;
    // One complex FFT for two real windows: the 4-period Hanning frame for the smoothed power spectrum in the
    // real lane, the 3-period Blackman frame of the voicing check in the imaginary lane.
    const nLove = this.exact ? worldLoveTrainSize(fs) : n;
    const check = threshold > 0;
    const shared = check && nLove === n;
    z.fill(0, 0, 2 * n);
    if (this.windowed(x, t, f0, Win.Hanning, 4, 0) === 0) return false;
    if (shared) this.windowed(x, t, fLove, Win.Blackman, 3, 1);
    fft.forward(z, zo);
    for (let k = 0; k <= half; k++) {
      const m = k === 0 ? 0 : n - k;
      const xr = 0.5 * (zo[2 * k] + zo[2 * m]);
      const xi = 0.5 * (zo[2 * k + 1] - zo[2 * m + 1]);
      p[k] = xr * xr + xi * xi;
    }
    if (check) {
      const ratio = shared ? this.loveTrainRatio(n, 1) : this.loveTrainSeparate(x, t, fLove, nLove);
      if (ratio <= threshold) return false;
    }
    dcCorrection(p, f0, fs, n, this.scratch);
    linearSmoothing(p, f0, fs, n, p, this.scratch);
    // Static centroid: sum of the centroids a quarter period either side of t.
    c.fill(0, 0, half + 1);
    for (let side = -1; side <= 1; side += 2) {
      const shift = (0.25 * side) / f0;
      z.fill(0, 0, 2 * n);
      const len = this.windowed(x, t + shift, f0, Win.Blackman, 4, 0);
      const energy = len > 0 ? this.lastEnergy : 0;
      if (!(energy > 0)) return false;
      const g = 1 / Math.sqrt(energy);
      for (let j = 0; j < len; j++) {
        const v = z[2 * j] * g;
        z[2 * j] = v;
        z[2 * j + 1] = (j + 1) * v; // time-weighted copy in the imaginary lane
      }
      fft.forward(z, zo);
      for (let k = 0; k <= half; k++) {
        const m = k === 0 ? 0 : n - k;
        const zr = zo[2 * k];
        const zi = zo[2 * k + 1];
        const wr = zo[2 * m];
        const wi = zo[2 * m + 1];
        // X = FFT(v), Y = FFT((j+1) v); centroid = Re(X) Re(Y) + Im(X) Im(Y).
        const xr = 0.5 * (zr + wr);
        const xi = 0.5 * (zi - wi);
        const yr = 0.5 * (zi + wi);
        const yi = -0.5 * (zr - wr);
        c[k] += xr * yr + xi * yi;
      }
    }
    dcCorrection(c, f0, fs, n, this.scratch);
    // Static group delay, minus its smooth trend.
    const gd = this.gd;
    const gs = this.gdSmooth;
    for (let k = 0; k <= half; k++) gd[k] = p[k] > 0 ? c[k] / p[k] : 0;
    linearSmoothing(gd, f0 / 2, fs, n, gd, this.scratch);
    linearSmoothing(gd, f0, fs, n, gs, this.scratch);
    for (let k = 0; k <= half; k++) gd[k] -= gs[k];
    this.coarse(n, f0, out);
    return true;
  }

  /**
   * LoveTrain voicing check on the spectrum in lane `lane` of zOut (length n): the share of the 100..7900 Hz power
   * that lies below 4 kHz.
   */
  private loveTrainRatio(n: number, lane: 0 | 1): number {
    const fs = this.fs;
    const zo = this.zOut;
    const half = n / 2;
    const b0 = Math.ceil((100 * n) / fs);
    const b1 = Math.min(half, Math.ceil((4000 * n) / fs));
    const b2 = Math.min(half, Math.ceil((7900 * n) / fs));
    let low = 0;
    let all = 0;
    for (let k = b0 + 1; k <= b2; k++) {
      const m = n - k;
      const zr = zo[2 * k];
      const zi = zo[2 * k + 1];
      const wr = zo[2 * m];
      const wi = zo[2 * m + 1];
      const re = lane === 0 ? 0.5 * (zr + wr) : 0.5 * (zi + wi);
      const im = lane === 0 ? 0.5 * (zi - wi) : -0.5 * (zr - wr);
      const pw = re * re + im * im;
      all += pw;
      if (k <= b1) low += pw;
    }
    return all > 0 ? low / all : 0;
  }

  /** The voicing check with its own FFT length (exact mode, when WORLD's two lengths differ). */
  private loveTrainSeparate(x: Float32Array, t: number, f0: number, n: number): number {
    const z = this.z;
    z.fill(0, 0, 2 * n);
    if (this.windowed(x, t, f0, Win.Blackman, 3, 0) === 0) return 0;
    getFft(n).forward(z, this.zOut);
    return this.loveTrainRatio(n, 0);
  }

  /** Band values from the group delay in `gd` (length n/2+1), two bands per complex FFT. */
  private coarse(n: number, f0: number, out: Float64Array): void {
    const fs = this.fs;
    const halfWin = Math.floor((BAND_INTERVAL * n) / fs);
    const winLen = 2 * halfWin + 1;
    const w = this.nuttallFor(winLen);
    const nBand = this.exact ? n : nextPow2(winLen);
    const boundary = Math.round((nBand * 8) / winLen);
    const halfBand = nBand / 2;
    const fft = getFft(nBand);
    const z = this.z;
    const zo = this.zOut;
    const gd = this.gd;
    const bp = this.bandPow;
    for (let b = 0; b < this.nb; b += 2) {
      z.fill(0, 0, 2 * nBand);
      const two = b + 1 < this.nb;
      for (let lane = 0; lane < (two ? 2 : 1); lane++) {
        const center = Math.floor((BAND_INTERVAL * (b + lane + 1) * n) / fs);
        const start = center - halfWin;
        for (let j = 0; j < winLen; j++) z[2 * j + lane] = gd[start + j] * w[j];
      }
      fft.forward(z, zo);
      for (let lane = 0; lane < (two ? 2 : 1); lane++) {
        let total = 0;
        for (let k = 0; k <= halfBand; k++) {
          const m = k === 0 ? 0 : nBand - k;
          const zr = zo[2 * k];
          const zi = zo[2 * k + 1];
          const wr = zo[2 * m];
          const wi = zo[2 * m + 1];
          let re: number;
          let im: number;
          if (lane === 0) {
            re = 0.5 * (zr + wr);
            im = 0.5 * (zi - wi);
          } else {
            re = 0.5 * (zi + wi);
            im = -0.5 * (zr - wr);
          }
          const v = re * re + im * im;
          bp[k] = v;
          total += v;
        }
        // WORLD: sort ascending, cumulate, read the cumulative at halfBand - boundary - 1: the power outside the
        // boundary + 1 strongest bins.
        const top = sumOfLargest(bp, halfBand + 1, boundary + 1);
        const rest = total - top;
        let db = total > 0 && rest > 0 ? 10 * Math.log10(rest / total) : DC_APERIODICITY_DB;
        // WORLD's revision by F0 (higher voices get a less periodic estimate), capped at 0 dB.
        db = Math.min(0, db + (f0 - 100) / 50);
        out[b + lane] = db;
      }
    }
  }

  private nuttallFor(len: number): Float64Array {
    let w = this.nuttallCache.get(len);
    if (!w) {
      w = nuttall(len);
      this.nuttallCache.set(len, w);
    }
    return w;
  }

  /**
   * Writes the windowed, DC-removed segment around t (window `ratio` periods long) into lane `lane` of z from
   * index 0. Returns its length, or 0 if the segment is all zeros; `lastEnergy` is then its energy.
   */
  private windowed(x: Float32Array, t: number, f0: number, type: Win, ratio: number, lane: 0 | 1): number {
    const fs = this.fs;
    const z = this.z;
    const w = this.win;
    const xLen = x.length;
    const halfLen = Math.round((ratio * fs) / f0 / 2);
    const len = 2 * halfLen + 1;
    const origin = Math.round(t * fs + 0.001);
    // Window phase a_j = pi f0 (2 (j - halfLen) / ratio) / fs, cosines by the Chebyshev recurrence.
    const theta = (2 * Math.PI * f0) / (ratio * fs);
    const c1 = Math.cos(theta);
    let cPrev = Math.cos(-(halfLen + 1) * theta);
    let cCur = Math.cos(-halfLen * theta);
    let sumX = 0;
    let sumW = 0;
    let energy = 0;
    const first = origin - halfLen;
    const inside = first >= 0 && first + len <= xLen;
    const seg = this.seg;
    for (let j = 0; j < len; j++) {
      const wj = type === Win.Hanning ? 0.5 * cCur + 0.5 : 0.42 + 0.5 * cCur + 0.08 * (2 * cCur * cCur - 1);
      w[j] = wj;
      let idx = first + j;
      if (!inside) idx = idx < 0 ? 0 : idx >= xLen ? xLen - 1 : idx;
      const xv = x[idx];
      seg[j] = xv;
      const v = xv * wj;
      sumX += v;
      sumW += wj;
      energy += v * v;
      const cNext = 2 * c1 * cCur - cPrev;
      cPrev = cCur;
      cCur = cNext;
    }
    if (energy === 0) return 0;
    // Remove the window-weighted mean: (x - coef) w; keep the energy of the result for the caller.
    const coef = sumX / sumW;
    let e = 0;
    for (let j = 0; j < len; j++) {
      const v = (seg[j] - coef) * w[j];
      z[2 * j + lane] = v;
      e += v * v;
    }
    this.lastEnergy = e;
    return len;
  }
}

/** WORLD's D4C FFT length: room for a 4-period window at 47 Hz. */
function worldD4cSize(fs: number): number {
  return 2 ** (1 + Math.floor(Math.log2((4 * fs) / FLOOR_F0_D4C + 1)));
}

/** WORLD's LoveTrain FFT length: room for a 3-period window at 40 Hz. */
function worldLoveTrainSize(fs: number): number {
  return 2 ** (1 + Math.floor(Math.log2((3 * fs) / FLOOR_F0_LOVE_TRAIN + 1)));
}
