/**
 * Sample-rate conversion of a stream, block by block, with the same samples as converting the whole signal at once
 * (src/audio/resample.ts): that converter is a FIR (a Kaiser-windowed sinc, `half` input samples each side) whose
 * output k sits at input time k * M / L (L / M the rate ratio in lowest terms). A slice of the input that starts at a
 * multiple of M keeps the output grid and the filter phases; an output whose taps all fall inside the slice is
 * computed exactly as in the whole signal. So each step converts [s - A, e) (A >= half, both multiples of M) and keeps
 * the outputs of [s, e - A); the last step keeps everything to the end (the whole-signal zero padding is there too).
 */
import { resample, resampledLength } from '../audio/resample.js';

/** Half width of resample()'s filter in input samples, with margin: 64 samples of the lower rate (see resample.ts). */
function contextSamples(inRate: number, outRate: number): number {
  return Math.ceil(64 * Math.max(1, inRate / outRate)) + 2;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class StreamResampler {
  private readonly m: number;
  private readonly l: number;
  private readonly margin: number;
  /** Input samples not yet converted, with the margin before them; `start` is the input index of pending[0]. */
  private pending = new Float32Array(0);
  private start = 0;
  /** Input index of the first sample whose output is not yet given. */
  private done = 0;
  private total = 0;

  constructor(readonly inRate: number, readonly outRate: number) {
    if (!Number.isInteger(inRate) || !Number.isInteger(outRate)) throw new RangeError('StreamResampler: integer rates only');
    const g = gcd(inRate, outRate);
    this.m = inRate / g;
    this.l = outRate / g;
    this.margin = Math.ceil(contextSamples(inRate, outRate) / this.m) * this.m;
  }

  /** Adds input; returns the output that is now final (possibly empty). */
  push(x: Float32Array): Float32Array {
    const joined = new Float32Array(this.pending.length + x.length);
    joined.set(this.pending);
    joined.set(x, this.pending.length);
    this.pending = joined;
    this.total += x.length;
    const end = this.start + this.pending.length;
    // Outputs up to input index e - margin are final (their right taps are all here); keep grid multiples of M.
    const upTo = Math.floor((end - this.margin) / this.m) * this.m;
    if (upTo <= this.done) return new Float32Array(0);
    return this.convert(upTo, false);
  }

  /** The rest of the output, to the end of the input. */
  end(): Float32Array {
    return this.convert(this.start + this.pending.length, true);
  }

  private convert(upTo: number, last: boolean): Float32Array {
    const slice = this.pending;
    const y = resample({ sampleRate: this.inRate, samples: slice }, this.outRate).samples;
    // Output index (in the slice's terms) of input index `done` and `upTo`.
    const k0 = ((this.done - this.start) * this.l) / this.m;
    const k1 = last ? resampledLength(this.total, this.inRate, this.outRate) - (this.start * this.l) / this.m : ((upTo - this.start) * this.l) / this.m;
    const out = y.slice(k0, k1);
    this.done = upTo;
    // Keep the margin before the next unconverted sample (a multiple of M from the start of the signal).
    const keepFrom = Math.max(0, upTo - this.margin);
    this.pending = slice.slice(keepFrom - this.start);
    this.start = keepFrom;
    return out;
  }
}
