/**
 * Decoding a mel-cepstrum to a power spectrum with a formant warp. The envelope is
 *     ln |H(w)| = c0 + 2 sum_{m=1..M} c_m cos(m beta(w))      (src/vocoder/mel-cepstrum.ts)
 * and a formant ratio r moves every formant from f to r f: the new envelope at w is the old one at w / r. Evaluating
 * the cepstral sum at beta(w / r) does that directly on the mel-cepstrum, with no resampling of a decoded spectrum.
 * cos(beta) per bin is tabulated per ratio (ratios rounded to 1/1000; a small cache), and the sum is done by Clenshaw's
 * recurrence, so a frame costs M multiply-adds and one exp per bin.
 */
import { warpFrequency } from '../vocoder/mel-cepstrum.js';

const RATIO_STEP = 1000;
const CACHE_LIMIT = 64;

export class EnvelopeDecoder {
  readonly bins: number;
  private readonly tables = new Map<number, Float64Array>();

  constructor(readonly fftSize: number, readonly alpha: number) {
    this.bins = fftSize / 2 + 1;
  }

  private table(ratio: number): Float64Array {
    const key = Math.round(ratio * RATIO_STEP);
    let t = this.tables.get(key);
    if (t) return t;
    if (this.tables.size >= CACHE_LIMIT) this.tables.delete(this.tables.keys().next().value!);
    const r = key / RATIO_STEP;
    t = new Float64Array(this.bins);
    for (let k = 0; k < this.bins; k++) {
      const w = Math.min(Math.PI, (Math.PI * k) / (this.bins - 1) / r);
      t[k] = Math.cos(warpFrequency(w, this.alpha));
    }
    this.tables.set(key, t);
    return t;
  }

  /** Power spectrum (bins values) of mcep[offset .. offset + order], formants moved by `ratio`. */
  decode(mcep: Float64Array, offset: number, order: number, ratio: number, out = new Float64Array(this.bins)): Float64Array {
    const cosT = this.table(ratio > 0 && Number.isFinite(ratio) ? ratio : 1);
    const c0 = mcep[offset];
    for (let k = 0; k < this.bins; k++) {
      const cw = cosT[k];
      const c2 = 2 * cw;
      let b1 = 0;
      let b2 = 0;
      for (let m = order; m >= 1; m--) {
        const b0 = 2 * mcep[offset + m] + c2 * b1 - b2;
        b2 = b1;
        b1 = b0;
      }
      out[k] = Math.exp(2 * (c0 + b1 * cw - b2));
    }
    return out;
  }
}
