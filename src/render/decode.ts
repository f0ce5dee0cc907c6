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

/**
 * Band aperiodicity (dB) to ratios per bin: the same piecewise-linear-in-dB decoding as
 * src/vocoder/aperiodicity-coding.ts (knots at 0 Hz (-60 dB), every BAND_SPACING_HZ, Nyquist (0 dB); ratios clamped
 * to D4C's range; a frame with every band above -0.5 dB is all noise), but into a caller's buffer and with the
 * power of ten done incrementally: along a linear segment in dB the ratio is geometric, one multiply per bin.
 */
const AP_DC_DB = -60;
const AP_NYQUIST_DB = 0;
const AP_MIN = 0.001;
const AP_MAX = 0.999999;
const AP_UNVOICED_DB = -0.5;

export class AperiodicityDecoder {
  readonly bins: number;
  private readonly knots: Float64Array;
  private readonly values: Float64Array;

  constructor(readonly fs: number, readonly fftSize: number, readonly bands: number, bandSpacingHz: number) {
    this.bins = fftSize / 2 + 1;
    this.knots = new Float64Array(bands + 2);
    for (let i = 1; i <= bands; i++) this.knots[i] = i * bandSpacingHz;
    this.knots[bands + 1] = fs / 2;
    this.values = new Float64Array(bands + 2);
  }

  decode(ap: Float64Array, offset: number, out = new Float64Array(this.bins)): Float64Array {
    const b = this.bands;
    let unvoiced = true;
    for (let i = 0; i < b; i++) if (!(ap[offset + i] > AP_UNVOICED_DB)) unvoiced = false;
    if (unvoiced) return out.fill(AP_MAX);
    const v = this.values;
    v[0] = AP_DC_DB;
    v[b + 1] = AP_NYQUIST_DB;
    for (let i = 0; i < b; i++) v[i + 1] = ap[offset + i];
    const kn = this.knots;
    const binHz = this.fs / this.fftSize;
    let k = 0;
    for (let seg = 0; seg <= b && k < this.bins; seg++) {
      const f0 = kn[seg];
      const f1 = kn[seg + 1];
      const slope = (v[seg + 1] - v[seg]) / (f1 - f0); // dB per Hz
      const last = seg === b ? this.bins - 1 : Math.min(this.bins - 1, Math.floor(f1 / binHz));
      if (last < k) continue;
      let r = Math.pow(10, (v[seg] + slope * (k * binHz - f0)) / 20);
      const step = Math.pow(10, (slope * binHz) / 20);
      for (; k <= last; k++) {
        out[k] = r < AP_MIN ? AP_MIN : r > AP_MAX ? AP_MAX : r;
        r *= step;
      }
    }
    return out;
  }
}
