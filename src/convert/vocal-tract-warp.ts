/**
 * Vocal tract length normalisation for voice conversion: the frequency warp f -> r f that best lays the input
 * speaker's average voiced spectrum over the target voice's. A longer vocal tract (typically a man's) has every
 * formant lower by roughly one factor (Fant 1966; Lee & Rose 1998 choose that factor per speaker by a grid search on
 * the recogniser's likelihood); here the grid search minimises the distance between the two long-term average log
 * spectra over the formant region, each with its level and its spectral tilt (a straight line over the band)
 * removed, so that voice quality and loudness do not pass for formant positions.
 */

/** The warps tried: 0.70 .. 1.42 in steps of 2 %. */
const WARP_MIN = 0.7;
const WARP_MAX = 1.42;
const WARP_STEP = 0.02;
/** The band compared (Hz): F1 .. F4 of adult voices. */
const BAND_LO = 250;
const BAND_HI = 4500;

/**
 * Average log power spectrum (natural log) of the given spectra (each sp.length bins from 0 to fs / 2).
 */
export function meanLogSpectrum(spectra: Iterable<Float64Array>, bins: number): Float64Array {
  const out = new Float64Array(bins);
  let n = 0;
  for (const sp of spectra) {
    for (let k = 0; k < bins; k++) out[k] += Math.log(sp[k] > 1e-300 ? sp[k] : 1e-300);
    n++;
  }
  if (n > 0) for (let k = 0; k < bins; k++) out[k] /= n;
  return out;
}

/** `v` (a spectrum over bins) read at f / r for every bin f, into `out` (linear interpolation; held at the top bin). */
export function warpBins(v: Float64Array, r: number, out = new Float64Array(v.length)): Float64Array {
  const n = v.length;
  for (let k = 0; k < n; k++) {
    const src = k / r;
    const i = Math.floor(src);
    if (i >= n - 1) {
      out[k] = v[n - 1];
      continue;
    }
    const w = src - i;
    out[k] = (1 - w) * v[i] + w * v[i + 1];
  }
  return out;
}

/** Residual of `v` over bins lo..hi after the least-squares straight line is removed. */
function detrended(v: Float64Array, lo: number, hi: number): Float64Array {
  const n = hi - lo + 1;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = lo; k <= hi; k++) {
    sx += k;
    sy += v[k];
    sxx += k * k;
    sxy += k * v[k];
  }
  const den = n * sxx - sx * sx;
  const b = den !== 0 ? (n * sxy - sx * sy) / den : 0;
  const a = (sy - b * sx) / n;
  const out = new Float64Array(n);
  for (let k = lo; k <= hi; k++) out[k - lo] = v[k] - a - b * k;
  return out;
}

/**
 * The warp r (every input formant f moves to r f) that brings the input's average log spectrum closest to the
 * target's; both have `bins` bins from 0 to fs / 2.
 */
export function estimateWarp(inputLog: Float64Array, targetLog: Float64Array, fs: number): { warp: number; distance: number } {
  const bins = inputLog.length;
  const hz = (fs / 2) / (bins - 1);
  const lo = Math.max(1, Math.round(BAND_LO / hz));
  const hi = Math.min(bins - 1, Math.round(Math.min(BAND_HI, 0.45 * fs) / hz));
  const tgt = detrended(targetLog, lo, hi);
  const scratch = new Float64Array(bins);
  let best = { warp: 1, distance: Infinity };
  for (let r = WARP_MIN; r <= WARP_MAX + 1e-9; r += WARP_STEP) {
    const w = detrended(warpBins(inputLog, r, scratch), lo, hi);
    let s = 0;
    for (let k = 0; k < w.length; k++) s += (w[k] - tgt[k]) ** 2;
    const d = Math.sqrt(s / w.length);
    if (d < best.distance) best = { warp: Math.round(r * 100) / 100, distance: d };
  }
  return best;
}
