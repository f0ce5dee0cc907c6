/**
 * Mel-cepstrum: the compact form of a spectral envelope. The log amplitude is expressed on a frequency axis warped by
 * a first-order all-pass, z^-1 -> (z^-1 - alpha) / (1 - alpha z^-1), whose phase response
 *     beta(w) = w + 2 atan(alpha sin w / (1 - alpha cos w))
 * approximates the mel scale for a suitable alpha (Oppenheim & Johnson 1972; Tokuda, Kobayashi, Masuko & Imai 1994,
 * "Mel-generalized cepstral analysis"). With M + 1 coefficients,
 *     ln |H(w)| = c_0 + 2 sum_{m=1..M} c_m cos(m beta(w)),
 * i.e. c is the (even) real cepstrum of the log AMPLITUDE on the warped axis, SPTK's mcep convention.
 *
 * The forward transform resamples the log amplitude on a uniform grid of the warped axis (through the inverse warp,
 * beta with -alpha) and takes a cosine transform by FFT; truncating to order M is then the least-squares fit on the
 * warped axis. (SPTK's freqt recursion computes the same warping from a linear-axis cepstrum.)
 */

/** beta_alpha(w): the all-pass phase, mapping linear frequency w in [0, pi] to the warped frequency. */
export function warpFrequency(w: number, alpha: number): number {
  return w + 2 * Math.atan2(alpha * Math.sin(w), 1 - alpha * Math.cos(w));
}

const alphaCache = new Map<number, number>();

/**
 * The all-pass constant that makes the warped axis closest to the mel scale at sample rate fs: least squares between
 * beta_alpha(w) / pi and mel(f) / mel(fs / 2) on a uniform grid of f, searched in steps of 0.001. The mel scale here is
 * Fant's mel(f) = (1000 / ln 2) ln(1 + f / 1000), the one the usual alpha tables are fitted to (SPTK/pysptk list
 * 0.42 at 16 kHz, 0.455 at 22.05 kHz, 0.544 at 44.1 kHz, 0.554 at 48 kHz); see the tests for what this fit gives.
 */
export function allPassConstant(fs: number): number {
  const cached = alphaCache.get(fs);
  if (cached !== undefined) return cached;
  if (!(fs > 0)) throw new RangeError(`allPassConstant: bad sample rate ${fs}`);
  const points = 512;
  const melMax = Math.log(1 + fs / 2 / 1000);
  const target = new Float64Array(points + 1);
  for (let i = 0; i <= points; i++) target[i] = Math.log(1 + ((i / points) * fs) / 2 / 1000) / melMax;
  let best = 0;
  let bestErr = Infinity;
  for (let a = 0; a < 1000; a++) {
    const alpha = a / 1000;
    let err = 0;
    for (let i = 0; i <= points; i++) {
      const d = warpFrequency((Math.PI * i) / points, alpha) / Math.PI - target[i];
      err += d * d;
    }
    if (err < bestErr) {
      bestErr = err;
      best = alpha;
    }
  }
  alphaCache.set(fs, best);
  return best;
}

/** A default order for the sample rate: 24 up to 16 kHz, 34 up to 24 kHz, 40 above (e.g. 44.1 kHz). */
export function defaultMelCepstrumOrder(fs: number): number {
  return fs <= 16000 ? 24 : fs <= 24000 ? 34 : 40;
}

/** Oversampling of the warped grid: each warped sample should not span more than one linear bin near Nyquist. */
const OVERSAMPLE = 4;

/**
 * Mel-cepstrum (order + 1 coefficients, c_0..c_order) of a power spectrum `sp` (fftSize / 2 + 1 bins, linear power),
 * with all-pass constant `alpha` (default allPassConstant(fs)).
 */
export function spectrumToMelCepstrum(sp: Float64Array, fs: number, order: number, alpha = allPassConstant(fs)): Float64Array {
  const bins = sp.length;
  if (bins < 3) throw new RangeError(`spectrumToMelCepstrum: need at least 3 bins, got ${bins}`);
  if (!(order >= 0) || !Number.isInteger(order)) throw new RangeError(`spectrumToMelCepstrum: bad order ${order}`);
  const W = analysisMatrix(bins, order, alpha);
  const logAmp = scratchFor(bins).logAmp;
  for (let k = 0; k < bins; k++) logAmp[k] = 0.5 * Math.log(sp[k] > 1e-300 ? sp[k] : 1e-300);
  const out = new Float64Array(order + 1);
  // Four rows per pass over the log amplitude (fewer loads of it).
  let m = 0;
  for (; m + 3 <= order; m += 4) {
    const r0 = m * bins;
    const r1 = r0 + bins;
    const r2 = r1 + bins;
    const r3 = r2 + bins;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let k = 0; k < bins; k++) {
      const x = logAmp[k];
      a0 += W[r0 + k] * x;
      a1 += W[r1 + k] * x;
      a2 += W[r2 + k] * x;
      a3 += W[r3 + k] * x;
    }
    out[m] = a0;
    out[m + 1] = a1;
    out[m + 2] = a2;
    out[m + 3] = a3;
  }
  for (; m <= order; m++) {
    const row = m * bins;
    let acc = 0;
    for (let k = 0; k < bins; k++) acc += W[row + k] * logAmp[k];
    out[m] = acc;
  }
  return out;
}

/**
 * The forward transform as one matrix, (order + 1) x bins: resampling the log amplitude on the uniform warped grid
 * (kw + 1 points over [0, pi], linear interpolation through the inverse warp) and the cosine transform of that even
 * sequence,
 *     c_m = (1 / 2kw) [s_0 + (-1)^m s_kw + 2 sum_{j=1..kw-1} s_j cos(pi m j / kw)],
 * are both linear, so they fold into one (order + 1) x bins product per frame, cheaper than the 2kw-point FFT it
 * replaces (slt at 32 kHz: 61 x 1025 multiply-adds instead of an 8192-point FFT). Computed once per size, order, alpha.
 */
const matrixCache = new Map<string, Float64Array>();
function analysisMatrix(bins: number, order: number, alpha: number): Float64Array {
  const key = `${bins}:${order}:${alpha}`;
  let W = matrixCache.get(key);
  if (!W) {
    const kw = scratchFor(bins).kw;
    const n = 2 * kw;
    const { index, frac } = warpedGrid(bins, kw, alpha);
    W = new Float64Array((order + 1) * bins);
    for (let m = 0; m <= order; m++) {
      const row = m * bins;
      // Orders above kw have no coefficient on this grid (as with the FFT, which gives kw + 1 of them).
      if (m > kw) continue;
      for (let j = 0; j <= kw; j++) {
        const w = ((j === 0 || j === kw ? 1 : 2) * Math.cos((Math.PI * m * j) / kw)) / n;
        W[row + index[j]] += w * (1 - frac[j]);
        W[row + index[j] + 1] += w * frac[j];
      }
    }
    matrixCache.set(key, W);
  }
  return W;
}

/** The power spectrum (fftSize / 2 + 1 bins) of a mel-cepstrum: the inverse of spectrumToMelCepstrum. */
export function melCepstrumToSpectrum(mc: Float64Array, fs: number, fftSize: number, alpha = allPassConstant(fs)): Float64Array {
  const bins = fftSize / 2 + 1;
  const out = new Float64Array(bins);
  const order = mc.length - 1;
  const cosWt = warpedCosines(bins, alpha);
  for (let k = 0; k < bins; k++) {
    // Clenshaw summation of c_0 + 2 sum c_m cos(m wt).
    const cw = cosWt[k];
    const c2 = 2 * cw;
    let b1 = 0;
    let b2 = 0;
    for (let m = order; m >= 1; m--) {
      const b0 = 2 * mc[m] + c2 * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    const logAmp = mc[0] + b1 * cw - b2;
    out[k] = Math.exp(2 * logAmp);
  }
  return out;
}

/** Mel-cepstra of every frame of a spectrogram. */
export function spectrogramToMelCepstra(sp: Float64Array[], fs: number, order = defaultMelCepstrumOrder(fs), alpha = allPassConstant(fs)): Float64Array[] {
  return sp.map((row) => spectrumToMelCepstrum(row, fs, order, alpha));
}

/** Spectrogram (fftSize / 2 + 1 bins per frame) from mel-cepstra. */
export function melCepstraToSpectrogram(mc: Float64Array[], fs: number, fftSize: number, alpha = allPassConstant(fs)): Float64Array[] {
  return mc.map((row) => melCepstrumToSpectrum(row, fs, fftSize, alpha));
}

interface Scratch {
  kw: number;
  logAmp: Float64Array;
}
const scratchCache = new Map<number, Scratch>();

/**
 * Where each point of the uniform warped grid (kw + 1 points over [0, pi]) falls on the linear bin axis: the
 * interpolation index and fraction. It depends only on the sizes and alpha, so it is computed once, not per frame.
 */
const gridCache = new Map<string, { index: Int32Array; frac: Float64Array }>();
function warpedGrid(bins: number, kw: number, alpha: number): { index: Int32Array; frac: Float64Array } {
  const key = `${bins}:${kw}:${alpha}`;
  let g = gridCache.get(key);
  if (!g) {
    const last = bins - 1;
    const index = new Int32Array(kw + 1);
    const frac = new Float64Array(kw + 1);
    for (let j = 0; j <= kw; j++) {
      const w = warpFrequency((Math.PI * j) / kw, -alpha);
      let x = (w / Math.PI) * last;
      if (x < 0) x = 0;
      if (x > last) x = last;
      const i = Math.min(last - 1, Math.floor(x));
      index[j] = i;
      frac[j] = x - i;
    }
    g = { index, frac };
    gridCache.set(key, g);
  }
  return g;
}

/** cos of the warped frequency of each linear bin (for the inverse transform), cached per size and alpha. */
const cosCache = new Map<string, Float64Array>();
function warpedCosines(bins: number, alpha: number): Float64Array {
  const key = `${bins}:${alpha}`;
  let c = cosCache.get(key);
  if (!c) {
    c = new Float64Array(bins);
    for (let k = 0; k < bins; k++) c[k] = Math.cos(warpFrequency((Math.PI * k) / (bins - 1), alpha));
    cosCache.set(key, c);
  }
  return c;
}
function scratchFor(bins: number): Scratch {
  let s = scratchCache.get(bins);
  if (!s) {
    let kw = 1;
    while (kw < OVERSAMPLE * (bins - 1)) kw *= 2;
    s = { kw, logAmp: new Float64Array(bins) };
    scratchCache.set(bins, s);
  }
  return s;
}
