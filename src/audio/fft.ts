/**
 * Thin, allocation-free wrapper over fft.js (radix-4 FFT) for the transforms the analysis and the vocoder use.
 * Spectra are interleaved complex arrays [re0, im0, re1, im1, ...] of length 2 * size.
 * Instances are cached per size: FFT objects hold twiddle tables that are costly to build.
 */
import FFTImpl from 'fft.js';

export class Fft {
  readonly size: number;
  private readonly impl: FFTImpl;
  // Scratch buffers are typed arrays like every caller's, so fft.js's inner loops see one array type only.
  private readonly scratch: Float64Array;
  private readonly scratchIn: Float64Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two >= 2, got ${size}`);
    this.size = size;
    this.impl = new FFTImpl(size);
    this.scratch = new Float64Array(2 * size);
    this.scratchIn = new Float64Array(2 * size);
  }

  /** A zeroed complex array of this size (2 * size numbers). */
  createComplex(): Float64Array {
    return new Float64Array(2 * this.size);
  }

  /**
   * Forward transform of a real signal (length `size`). Writes the full (conjugate-symmetric) spectrum into `out`
   * (length 2 * size).
   */
  realForward(input: ArrayLike<number>, out: Float64Array): void {
    if (out.length === 2 * this.size && (input as unknown) !== out) {
      this.impl.realTransform(out, input);
      this.impl.completeSpectrum(out);
      return;
    }
    const s = this.scratch;
    this.impl.realTransform(s, input);
    this.impl.completeSpectrum(s);
    for (let i = 0; i < s.length; i++) out[i] = s[i];
  }

  /**
   * Forward transform of a real signal; writes only bins 0..size/2 (interleaved, length size + 2) into `out`.
   */
  realForwardHalf(input: ArrayLike<number>, out: Float64Array): void {
    const s = this.scratch;
    this.impl.realTransform(s, input);
    const n = this.size + 2;
    for (let i = 0; i < n; i++) out[i] = s[i];
  }

  /**
   * Complex forward transform: `input` and `out` are interleaved complex arrays of length 2 * size.
   * Works in place too (input === out), at the cost of one copy.
   */
  forward(input: Float64Array, out: Float64Array): void {
    const n2 = 2 * this.size;
    if (input !== out && out.length === n2 && input.length === n2) {
      this.impl.transform(out, input);
      return;
    }
    const sIn = this.scratchIn;
    for (let i = 0; i < n2; i++) sIn[i] = input[i];
    this.impl.transform(this.scratch, sIn);
    for (let i = 0; i < n2; i++) out[i] = this.scratch[i];
  }

  /** Complex inverse transform, normalised (divides by size), so inverse(forward(x)) = x. In place allowed. */
  inverse(input: Float64Array, out: Float64Array): void {
    const n2 = 2 * this.size;
    // fft.js normalises every element of `out`, so the direct path needs `out` of exactly 2 * size.
    if (input !== out && out.length === n2 && input.length === n2) {
      this.impl.inverseTransform(out, input);
      return;
    }
    const sIn = this.scratchIn;
    for (let i = 0; i < n2; i++) sIn[i] = input[i];
    this.impl.inverseTransform(this.scratch, sIn);
    for (let i = 0; i < n2; i++) out[i] = this.scratch[i];
  }

  /**
   * Inverse transform of a conjugate-symmetric spectrum given by its bins 0..size/2 (interleaved, length size + 2);
   * writes the real signal (length size) into `out`.
   */
  realInverseHalf(half: Float64Array, out: Float64Array): void {
    const n = this.size;
    const sIn = this.scratchIn;
    for (let k = 0; k <= n / 2; k++) {
      sIn[2 * k] = half[2 * k];
      sIn[2 * k + 1] = half[2 * k + 1];
    }
    for (let k = n / 2 + 1; k < n; k++) {
      sIn[2 * k] = half[2 * (n - k)];
      sIn[2 * k + 1] = -half[2 * (n - k) + 1];
    }
    this.impl.inverseTransform(this.scratch, sIn);
    for (let i = 0; i < n; i++) out[i] = this.scratch[2 * i];
  }
}

const cache = new Map<number, Fft>();

/** A shared Fft instance for `size` (not re-entrant across concurrent callers, which JS does not have). */
export function getFft(size: number): Fft {
  let f = cache.get(size);
  if (!f) {
    f = new Fft(size);
    cache.set(size, f);
  }
  return f;
}

/** Smallest power of two >= n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
