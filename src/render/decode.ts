/**
 * Decoding a mel-cepstrum to a power spectrum with a formant warp. The envelope is
 *     ln |H(w)| = c0 + 2 sum_{m=1..M} c_m cos(m beta(w))      (src/vocoder/mel-cepstrum.ts)
 * and a formant ratio r moves every formant from f to r f: the new envelope at w is the old one at w / r, i.e. the
 * cepstral sum evaluated at beta(w / r); no resampling of a decoded spectrum.
 *
 * Speed: the sum is evaluated on a uniform grid of the warped axis, theta_j = pi j / G (a DCT-I of c_0, 2 c_1, ...,
 * 2 c_M, 0, ...), and each linear bin reads it at beta(w_k / r) by cubic (Catmull-Rom) interpolation. The DCT-I takes
 * one real FFT of length G, not 2G (the even extension), by the folding of Numerical Recipes' cosft1 (Press et al.,
 * section 12.3): with a_n the coefficients (a_n = 0 for n > M, and M < G / 2),
 *     y_n = (a_n + a_{G-n}) / 2 - sin(pi n / G) (a_n - a_{G-n}),   Y = DFT_G(y),
 *     L_{2k} = Re Y_k,   L_{2k+1} = L_{2k-1} - Im Y_k   (L_1 = sum a_n cos(pi n / G), directly: M + 1 terms).
 * With G = 8 (M + 1) rounded up to a power of two, the highest quefrency has at least 16 grid points a cycle: the
 * error stays below 0.01 dB (tested against the direct sum).
 * Grid positions are tabulated per formant ratio (rounded to 1/1000; a small cache).
 */
import { expAlong } from '../analysis/envelope-fastmath.js';
import { type Fft, getFft } from '../audio/fft.js';
import { warpFrequency } from '../vocoder/mel-cepstrum.js';

const RATIO_STEP = 1000;
const CACHE_LIMIT = 64;

interface WarpTable {
  index: Int32Array;
  frac: Float64Array;
}

/** Band edge of a voice decoded for a higher output rate: the envelope fades out over the top 5 % of its band. */
const BAND_EDGE = 0.95;
/** Level above the voice's band (dB under the envelope at its Nyquist frequency). */
const ABOVE_BAND_DB = -80;

export class EnvelopeDecoder {
  readonly bins: number;
  private readonly tables = new Map<number, WarpTable>();
  private readonly grid: number;
  private readonly fft: Fft;
  private readonly seq: Float64Array;
  private readonly spec: Float64Array;
  /** sin(pi m / G) and cos(pi m / G) for m = 0..order (the DCT-I's folding). */
  private readonly sinFold: Float64Array;
  private readonly cosFold: Float64Array;
  private readonly padded: Float64Array;
  /** Output Nyquist over the voice's (> 1 when decoding for a higher output rate than the voice was recorded at). */
  private readonly span: number;
  /**
   * Log of the power gain per bin for another output rate than the voice's (undefined at the voice's rate): span (the
   * vocoder's level per sample is the mean of the power over the bins, so the same envelope over more hertz per bin
   * must be scaled by the ratio of the rates to keep the level), and the fade above the voice's band. Added to the log
   * power before the exponential, so it costs no pass of its own.
   */
  private readonly logGain: Float64Array | undefined;

  /**
   * `voiceRate` / `outputRate`: the voice's sample rate and the rate the spectrum is for (default: the same). An
   * output rate above the voice's reads the envelope at the output bin's frequency; above the voice's Nyquist
   * frequency there is nothing recorded, so the envelope fades to ABOVE_BAND_DB over the top 5 % of the voice's band
   * and stays there (synthesizing straight at the output rate: no resampling of the audio afterwards).
   */
  constructor(readonly fftSize: number, readonly alpha: number, readonly order: number, voiceRate = 1, outputRate = voiceRate) {
    this.bins = fftSize / 2 + 1;
    this.span = outputRate / voiceRate;
    if (this.span !== 1) {
      this.logGain = new Float64Array(this.bins);
      const floor = (ABOVE_BAND_DB * Math.LN10) / 20;
      for (let k = 0; k < this.bins; k++) {
        const x = (this.span * k) / (this.bins - 1); // frequency over the voice's Nyquist
        const fade = x <= BAND_EDGE ? 0 : x >= 1 ? floor : (floor * (x - BAND_EDGE)) / (1 - BAND_EDGE);
        this.logGain[k] = Math.log(this.span) + 2 * fade;
      }
    }
    let g = 64;
    while (g < 8 * (order + 1)) g *= 2;
    this.grid = g;
    this.fft = getFft(g);
    this.seq = new Float64Array(g);
    this.spec = new Float64Array(g + 2);
    this.sinFold = new Float64Array(order + 1);
    this.cosFold = new Float64Array(order + 1);
    for (let m = 0; m <= order; m++) {
      this.sinFold[m] = Math.sin((Math.PI * m) / g);
      this.cosFold[m] = Math.cos((Math.PI * m) / g);
    }
    this.padded = new Float64Array(g + 3);
  }

  private table(ratio: number): WarpTable {
    const key = Math.round(ratio * RATIO_STEP);
    let t = this.tables.get(key);
    if (t) return t;
    if (this.tables.size >= CACHE_LIMIT) this.tables.delete(this.tables.keys().next().value!);
    const r = key / RATIO_STEP;
    t = { index: new Int32Array(this.bins), frac: new Float64Array(this.bins) };
    for (let k = 0; k < this.bins; k++) {
      const w = Math.min(Math.PI, (Math.PI * this.span * k) / (this.bins - 1) / r);
      const x = Math.min(this.grid, Math.max(0, (warpFrequency(w, this.alpha) / Math.PI) * this.grid));
      const i = Math.min(this.grid - 1, Math.floor(x));
      t.index[k] = i;
      t.frac[k] = x - i;
    }
    this.tables.set(key, t);
    return t;
  }

  /** Power spectrum (bins values) of mcep[offset .. offset + order], formants moved by `ratio`. */
  decode(mcep: Float64Array, offset: number, ratio: number, out: Float64Array = new Float64Array(this.bins)): Float64Array {
    const { index, frac } = this.table(ratio > 0 && Number.isFinite(ratio) ? ratio : 1);
    const seq = this.seq;
    const g = this.grid;
    const order = this.order;
    const sinFold = this.sinFold;
    const cosFold = this.cosFold;
    // The folded sequence (zero between M and G - M: those entries are never written).
    const a0 = mcep[offset];
    seq[0] = a0;
    let odd = a0;
    for (let m = 1; m <= order; m++) {
      const a = 2 * mcep[offset + m];
      seq[m] = a * (0.5 - sinFold[m]);
      seq[g - m] = a * (0.5 + sinFold[m]);
      odd += a * cosFold[m];
    }
    this.fft.realForwardHalf(seq, this.spec);
    const spec = this.spec;
    // The grid, padded by one point each side (the sum is even about 0 and about pi): L[j + 1] is grid point j.
    const L = this.padded;
    const h = g >> 1;
    for (let k = 0; k <= h; k++) L[2 * k + 1] = spec[2 * k];
    L[2] = odd;
    for (let k = 1; k < h; k++) {
      odd -= spec[2 * k + 1];
      L[2 * k + 2] = odd;
    }
    L[0] = L[2];
    L[g + 2] = L[g];
    for (let k = 0; k < this.bins; k++) {
      // Catmull-Rom cubic through grid points i-1 .. i+2.
      const i = index[k] + 1;
      const t = frac[k];
      const p0 = L[i - 1];
      const p1 = L[i];
      const p2 = L[i + 1];
      const p3 = L[i + 2];
      const logAmp = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
      out[k] = 2 * logAmp;
    }
    const logGain = this.logGain;
    if (logGain) for (let k = 0; k < this.bins; k++) out[k] += logGain[k];
    // The log power is smooth along the bins (a cepstrum of low order), which expAlong exploits.
    expAlong(out, out, this.bins);
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

  /** Hz per output bin. */
  private readonly binHz: number;

  /**
   * fs: the voice's sample rate (its band knots end at fs / 2); outputRate: the rate the rows are for (default fs;
   * above it, the last segment, towards 0 dB, goes on past the voice's Nyquist frequency, clamped to all noise).
   */
  constructor(readonly fs: number, readonly fftSize: number, readonly bands: number, bandSpacingHz: number, outputRate = fs) {
    this.bins = fftSize / 2 + 1;
    this.binHz = outputRate / fftSize;
    this.knots = new Float64Array(bands + 2);
    for (let i = 1; i <= bands; i++) this.knots[i] = i * bandSpacingHz;
    this.knots[bands + 1] = fs / 2;
    this.values = new Float64Array(bands + 2);
  }

  decode(ap: Float64Array, offset: number, out: Float64Array = new Float64Array(this.bins)): Float64Array {
    const b = this.bands;
    let unvoiced = true;
    for (let i = 0; i < b; i++) if (!(ap[offset + i] > AP_UNVOICED_DB)) unvoiced = false;
    if (unvoiced) return out.fill(AP_MAX);
    const v = this.values;
    v[0] = AP_DC_DB;
    v[b + 1] = AP_NYQUIST_DB;
    for (let i = 0; i < b; i++) v[i + 1] = ap[offset + i];
    const kn = this.knots;
    const binHz = this.binHz;
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
