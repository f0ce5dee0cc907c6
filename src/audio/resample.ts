/**
 * Sample-rate conversion by band-limited interpolation (J. O. Smith, "Digital Audio Resampling Home Page", 2002):
 * each output sample is the input convolved with a Kaiser-windowed sinc centred on the output instant, the sinc's
 * cutoff set below the lower of the two Nyquist frequencies. Zero delay: output sample k is the signal at input time
 * k * inRate / outRate.
 *
 * Why not @alexanderolsen/libsamplerate-js: its `simple()` silently truncates inputs over ~1M samples (23 s at
 * 44.1 kHz), it accepts rates only up to 192 kHz, its creation is async, and its wasm2js build ran at ~33x real time
 * (44.1 -> 16 kHz, medium quality) here; this one is synchronous and has none of those limits.
 *
 * Design (Kaiser 1974 formulas): 100 dB stopband attenuation (beta = 0.1102 (A - 8.7)), a half width of 64 samples
 * of the lower rate, which gives a transition band of 10% of the lower Nyquist; the cutoff sits at 95% of it, so the
 * passband is flat (< 0.001 dB ripple) to 90% of the lower Nyquist and everything above that Nyquist is >= 100 dB
 * down (libsamplerate's SRC_SINC_MEDIUM_QUALITY: 90% bandwidth, 97 dB).
 */
import type { Audio } from './types.js';

const STOPBAND_DB = 100;
/** Half width of the filter in samples of the lower rate, at STOPBAND_DB (a lower stopband needs proportionally
 * fewer: Kaiser's length formula, N ~ (A - 7.95) / (2.285 * transition)). */
const HALF_WIDTH = 64;

export interface ResampleOptions {
  /** Stopband attenuation in dB, 40..100 (default 100). Lower is faster: 70 dB takes 0.7 of the multiply-adds, and
   * is plenty for analysis (an envelope or F0 read from the copy), not for audio that is listened to. */
  stopbandDb?: number;
}

function halfWidthFor(stopbandDb: number): number {
  return Math.ceil((HALF_WIDTH * (stopbandDb - 7.95)) / (STOPBAND_DB - 7.95));
}
/** Cutoff as a fraction of the lower Nyquist frequency. */
const CUTOFF = 0.95;
/** At most this many precomputed filter phases; beyond it, coefficients are interpolated between two phases. */
const MAX_PHASES = 4096;

function besselI0(x: number): number {
  // Power series of the modified Bessel function of the first kind, order 0; converges fast for x < 30.
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface FilterBank {
  /** Taps per phase (even): output at input time base + f uses input samples base - half + 1 .. base + half. */
  taps: number;
  half: number;
  /** Number of phases; row p holds the filter for fractional offset p / phases; row `phases` is f = 1. */
  phases: number;
  rows: Float32Array;
}

const bankCache = new Map<string, FilterBank>();

function filterBank(inRate: number, outRate: number, phases: number, stopbandDb: number): FilterBank {
  const key = `${inRate}/${outRate}/${phases}/${stopbandDb}`;
  const cached = bankCache.get(key);
  if (cached) return cached;
  const down = Math.max(1, inRate / outRate); // input samples per lower-rate sample
  const fc = (0.5 * CUTOFF) / down; // cutoff in cycles per input sample
  const radius = halfWidthFor(stopbandDb) * down; // window half width in input samples
  const beta = 0.1102 * (stopbandDb - 8.7);
  const half = Math.ceil(radius);
  const taps = 2 * half;
  const rows = new Float32Array((phases + 1) * taps);
  const i0b = besselI0(beta);
  for (let p = 0; p <= phases; p++) {
    const f = p / phases;
    let sum = 0;
    const row = p * taps;
    for (let j = 0; j < taps; j++) {
      const tau = f + half - 1 - j; // output time minus input sample time, in input samples
      const x = tau / radius;
      let h = 0;
      if (Math.abs(x) < 1) {
        const a = 2 * fc * tau;
        const sinc = a === 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a);
        h = 2 * fc * sinc * (besselI0(beta * Math.sqrt(1 - x * x)) / i0b);
      }
      rows[row + j] = h;
      sum += h;
    }
    // Unit gain at DC for every phase, so a constant stays exactly constant.
    for (let j = 0; j < taps; j++) rows[row + j] /= sum;
  }
  const bank = { taps, half, phases, rows };
  if (bankCache.size > 16) bankCache.clear();
  bankCache.set(key, bank);
  return bank;
}

/** Number of output samples for `n` input samples (the duration is kept, rounded to the nearest sample). */
export function resampledLength(n: number, inRate: number, outRate: number): number {
  return Math.round((n * outRate) / inRate);
}

/**
 * Converts `audio` to `targetRate` Hz (band-limited sinc interpolation, 100 dB stopband, flat to 90% of the lower
 * Nyquist). Returns the input itself when the rates are equal. The output has round(n * targetRate / sampleRate)
 * samples and is time-aligned with the input (no delay).
 */
export function resample(audio: Audio, targetRate: number, opts: ResampleOptions = {}): Audio {
  const inRate = audio.sampleRate;
  const stopbandDb = opts.stopbandDb ?? STOPBAND_DB;
  if (!(stopbandDb >= 40 && stopbandDb <= STOPBAND_DB)) throw new RangeError(`resample: stopband ${stopbandDb} dB is out of range (40..${STOPBAND_DB})`);
  if (!(targetRate > 0) || !Number.isFinite(targetRate)) throw new RangeError(`bad target sample rate ${targetRate}`);
  if (!(inRate > 0) || !Number.isFinite(inRate)) throw new RangeError(`bad input sample rate ${inRate}`);
  if (inRate === targetRate) return audio;
  const x = audio.samples;
  const n = x.length;
  const outLen = resampledLength(n, inRate, targetRate);
  const out = new Float32Array(outLen);
  if (n === 0 || outLen === 0) return { sampleRate: targetRate, samples: out };

  // Output k sits at input time k * M / L. With integer rates the fractional offsets are the multiples of 1 / L,
  // so when L is small every phase is precomputed exactly; otherwise (odd rates) two neighbouring phases of a
  // 4096-phase table are interpolated linearly (error about 1e-7 of full scale).
  const integral = Number.isInteger(inRate) && Number.isInteger(targetRate);
  const g = integral ? gcd(inRate, targetRate) : 1;
  const L = integral ? targetRate / g : 0;
  const M = integral ? inRate / g : 0;
  const exact = integral && L <= MAX_PHASES;
  const phases = exact ? L : MAX_PHASES;
  const { taps, half, rows } = filterBank(inRate, targetRate, phases, stopbandDb);

  // Zero padding on both sides so the inner loop needs no bounds checks.
  const padded = new Float32Array(n + 2 * half + 2);
  padded.set(x, half);
  const step = inRate / targetRate;
  for (let k = 0; k < outLen; k++) {
    let base: number;
    let acc = 0;
    if (exact) {
      const num = k * M;
      base = Math.floor(num / L);
      const row = (num - base * L) * taps;
      // padded[i + half] = x[i]; taps cover x[base - half + 1 .. base + half].
      const start = base + 1;
      // Four partial sums: shorter dependency chains (taps is a multiple of 2; the last pair is handled after).
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let j = 0;
      for (; j + 3 < taps; j += 4) {
        a0 += padded[start + j] * rows[row + j];
        a1 += padded[start + j + 1] * rows[row + j + 1];
        a2 += padded[start + j + 2] * rows[row + j + 2];
        a3 += padded[start + j + 3] * rows[row + j + 3];
      }
      for (; j < taps; j++) a0 += padded[start + j] * rows[row + j];
      acc = a0 + a1 + a2 + a3;
    } else {
      const t = integral ? ((k * M) / L) : k * step;
      base = Math.floor(t);
      const phi = (t - base) * phases;
      let p = Math.floor(phi);
      if (p >= phases) p = phases - 1;
      const w = phi - p;
      const r0 = p * taps;
      const r1 = r0 + taps;
      const start = base + 1;
      for (let j = 0; j < taps; j++) {
        acc += padded[start + j] * (rows[r0 + j] + w * (rows[r1 + j] - rows[r0 + j]));
      }
    }
    out[k] = acc;
  }
  return { sampleRate: targetRate, samples: out };
}
