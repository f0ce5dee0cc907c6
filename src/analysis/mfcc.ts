/**
 * Mel-frequency cepstral coefficients (Davis & Mermelstein, 1980; the HTK book's MFCC recipe, Young et al.):
 * pre-emphasis, Hamming window, power spectrum, triangular filters equally spaced on the mel scale, log, DCT-II.
 * Frame i is centred at i * hop seconds (the same convention as F0Track); samples outside the signal count as zero.
 */
import type { Audio } from '../audio/types.js';
import { getFft, nextPow2 } from '../audio/fft.js';

export interface MfccOptions {
  /** Seconds between frames (default 0.005). */
  hopSeconds?: number;
  /** Analysis window length in seconds (default 0.025). */
  windowSeconds?: number;
  /** Number of mel filters (default 26). */
  numFilters?: number;
  /** Number of cepstral coefficients c0..c(n-1) (default 13); c0 is the log-energy term. */
  numCoeffs?: number;
  /** Filterbank band in Hz (default 60 .. min(7600, Nyquist)): the same band at every sample rate keeps features comparable. */
  lowHz?: number;
  highHz?: number;
  /** Pre-emphasis coefficient (default 0.97; 0 disables). */
  preemphasis?: number;
}

export interface Mfcc {
  /** Seconds between frames. */
  hop: number;
  /** One vector of numCoeffs coefficients per frame. */
  frames: Float32Array[];
}

const mel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melInv = (m: number): number => 700 * (Math.pow(10, m / 2595) - 1);

/** Triangular mel filters as [firstBin, weights[]] over power-spectrum bins 0..fftSize/2. */
export function melFilterbank(
  sampleRate: number,
  fftSize: number,
  numFilters: number,
  lowHz: number,
  highHz: number,
): { first: number; weights: Float64Array }[] {
  const lo = mel(lowHz);
  const hi = mel(highHz);
  const edges: number[] = [];
  for (let i = 0; i < numFilters + 2; i++) edges.push(melInv(lo + ((hi - lo) * i) / (numFilters + 1)));
  const binHz = sampleRate / fftSize;
  const filters: { first: number; weights: Float64Array }[] = [];
  for (let f = 0; f < numFilters; f++) {
    const [a, b, c] = [edges[f], edges[f + 1], edges[f + 2]];
    const first = Math.max(0, Math.ceil(a / binHz));
    const last = Math.min(fftSize / 2, Math.floor(c / binHz));
    const w = new Float64Array(Math.max(0, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      w[k - first] = hz <= b ? (hz - a) / (b - a) : (c - hz) / (c - b);
      if (w[k - first] < 0) w[k - first] = 0;
    }
    // A filter narrower than one bin would be empty: give it the nearest bin so its log stays finite.
    if (w.length === 0 || w.every((x) => x === 0)) {
      const k = Math.min(fftSize / 2, Math.round(b / binHz));
      filters.push({ first: k, weights: Float64Array.of(1) });
    } else filters.push({ first, weights: w });
  }
  return filters;
}

export function mfcc(audio: Audio, opts: MfccOptions = {}): Mfcc {
  const sr = audio.sampleRate;
  const hop = opts.hopSeconds ?? 0.005;
  const winLen = Math.max(2, Math.round((opts.windowSeconds ?? 0.025) * sr));
  const numFilters = opts.numFilters ?? 26;
  const numCoeffs = opts.numCoeffs ?? 13;
  const lowHz = opts.lowHz ?? 60;
  const highHz = Math.min(opts.highHz ?? 7600, sr / 2);
  const pre = opts.preemphasis ?? 0.97;
  if (!(hop > 0) || !(sr > 0)) throw new Error(`mfcc: bad hop ${hop} or sample rate ${sr}`);

  const fftSize = nextPow2(winLen);
  const fft = getFft(fftSize);
  const filters = melFilterbank(sr, fftSize, numFilters, lowHz, highHz);
  const window = new Float64Array(winLen);
  for (let i = 0; i < winLen; i++) window[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (winLen - 1));
  // Orthonormal DCT-II basis.
  const dct: Float64Array[] = [];
  for (let c = 0; c < numCoeffs; c++) {
    const row = new Float64Array(numFilters);
    const scale = Math.sqrt((c === 0 ? 1 : 2) / numFilters);
    for (let m = 0; m < numFilters; m++) row[m] = scale * Math.cos((Math.PI * c * (m + 0.5)) / numFilters);
    dct.push(row);
  }

  const x = audio.samples;
  const n = x.length;
  const numFrames = Math.max(1, Math.floor(n / sr / hop) + 1);
  const buf = new Float64Array(fftSize);
  const spec = new Float64Array(fftSize + 2);
  const logMel = new Float64Array(numFilters);
  const frames: Float32Array[] = [];
  // Floor relative to full scale keeps digital silence from giving -Infinity.
  const floor = 1e-10 * fftSize;
  for (let f = 0; f < numFrames; f++) {
    const start = Math.round(f * hop * sr) - (winLen >> 1);
    buf.fill(0);
    for (let i = 0; i < winLen; i++) {
      const j = start + i;
      if (j < 0 || j >= n) continue;
      const prev = j - 1 >= 0 ? x[j - 1] : 0;
      buf[i] = (x[j] - pre * prev) * window[i];
    }
    fft.realForwardHalf(buf, spec);
    for (let m = 0; m < numFilters; m++) {
      const { first, weights } = filters[m];
      let e = 0;
      for (let k = 0; k < weights.length; k++) {
        const re = spec[2 * (first + k)];
        const im = spec[2 * (first + k) + 1];
        e += weights[k] * (re * re + im * im);
      }
      logMel[m] = Math.log(e + floor);
    }
    const out = new Float32Array(numCoeffs);
    for (let c = 0; c < numCoeffs; c++) {
      const row = dct[c];
      let s = 0;
      for (let m = 0; m < numFilters; m++) s += row[m] * logMel[m];
      out[c] = s;
    }
    frames.push(out);
  }
  return { hop, frames };
}
