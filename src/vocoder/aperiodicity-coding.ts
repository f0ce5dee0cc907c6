/**
 * Coded aperiodicity: a few band values in dB per frame instead of fftSize / 2 + 1 ratios. The bands follow WORLD's
 * coding (Morise's D4C and CodeAperiodicity): centres every 3 kHz up to min(15 kHz, fs / 2 - 3 kHz), and a row is the
 * linear interpolation in dB through (0 Hz, -60 dB), the band centres, and (Nyquist, 0 dB).
 *
 * Coding is the least-squares fit of that piecewise-linear form (hat functions at the centres, Nyquist end fixed) to
 * the row's dB values from the first centre up (below it the fixed -60 dB at DC would bias the fit of rows that do not
 * follow it), so a row made by D4C's own interpolation codes exactly, and any other row gets the band-weighted
 * average closest to it. Rows that are noise everywhere (unvoiced) decode to 1 everywhere, as in WORLD.
 */
export const BAND_SPACING_HZ = 3000;
const UPPER_LIMIT_HZ = 15000;
const DC_DB = -60;
const NYQUIST_DB = 0;
/** Smallest and largest decoded ratio (D4C's range). */
const MIN_AP = 0.001;
const MAX_AP = 0.999999;
/** A frame whose every band is above this (dB) decodes as fully aperiodic (WORLD's unvoiced check). */
const UNVOICED_DB = -0.5;

export function aperiodicityBandCount(fs: number): number {
  return Math.max(0, Math.floor(Math.min(UPPER_LIMIT_HZ, fs / 2 - BAND_SPACING_HZ) / BAND_SPACING_HZ));
}

/** Knot frequencies: 0, the band centres, Nyquist. */
function knots(fs: number): Float64Array {
  const b = aperiodicityBandCount(fs);
  const k = new Float64Array(b + 2);
  for (let i = 1; i <= b; i++) k[i] = i * BAND_SPACING_HZ;
  k[b + 1] = fs / 2;
  return k;
}

/** Hat function i of the knots at frequency f. */
function hat(kn: Float64Array, i: number, f: number): number {
  if (f <= kn[i]) return i === 0 ? (f === kn[0] ? 1 : 0) : f <= kn[i - 1] ? 0 : (f - kn[i - 1]) / (kn[i] - kn[i - 1]);
  if (i === kn.length - 1) return 0;
  return f >= kn[i + 1] ? 0 : (kn[i + 1] - f) / (kn[i + 1] - kn[i]);
}

/** Band aperiodicity in dB per frame (aperiodicityBandCount(fs) values each) from full rows (ratios in (0, 1]). */
export function codeAperiodicity(ap: Float64Array[], fs: number): Float64Array[] {
  const kn = knots(fs);
  const b = kn.length - 2;
  if (ap.length === 0) return [];
  const bins = ap[0].length;
  // Design matrix columns (free hats 1..b) and the fixed part from the ends, shared by all rows.
  const freq = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freq[k] = (k * fs) / (2 * (bins - 1));
  // Bins that take part in the fit: from the first band centre up.
  let first = 0;
  while (first < bins && freq[first] < BAND_SPACING_HZ) first++;
  if (b === 0) return ap.map(() => new Float64Array(0));
  const h: Float64Array[] = [];
  for (let i = 0; i <= b + 1; i++) {
    const col = new Float64Array(bins);
    for (let k = 0; k < bins; k++) col[k] = hat(kn, i, freq[k]);
    h.push(col);
  }
  // Normal equations G x = r, G tridiagonal (b x b).
  const g = Array.from({ length: b }, () => new Float64Array(b));
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) {
      let s = 0;
      for (let k = first; k < bins; k++) s += h[i + 1][k] * h[j + 1][k];
      g[i][j] = s;
    }
  }
  const rhs = new Float64Array(b);
  const db = new Float64Array(bins);
  return ap.map((row) => {
    if (row.length !== bins) throw new RangeError('codeAperiodicity: rows differ in length');
    for (let k = 0; k < bins; k++) {
      const r = Math.min(MAX_AP, Math.max(MIN_AP, row[k]));
      db[k] = 20 * Math.log10(r) - DC_DB * h[0][k] - NYQUIST_DB * h[b + 1][k];
    }
    for (let i = 0; i < b; i++) {
      let s = 0;
      for (let k = first; k < bins; k++) s += h[i + 1][k] * db[k];
      rhs[i] = s;
    }
    const x = solve(g, rhs);
    for (let i = 0; i < b; i++) x[i] = Math.min(0, Math.max(20 * Math.log10(MIN_AP), x[i]));
    return x;
  });
}

/** Full rows (fftSize / 2 + 1 ratios) from band values in dB. */
export function decodeAperiodicity(coded: Float64Array[], fs: number, fftSize: number): Float64Array[] {
  const kn = knots(fs);
  const b = kn.length - 2;
  const bins = fftSize / 2 + 1;
  const values = new Float64Array(b + 2);
  values[0] = DC_DB;
  values[b + 1] = NYQUIST_DB;
  return coded.map((c) => {
    if (c.length !== b) throw new RangeError(`decodeAperiodicity: expected ${b} bands at ${fs} Hz, got ${c.length}`);
    const row = new Float64Array(bins);
    let unvoiced = true;
    for (let i = 0; i < b; i++) if (!(c[i] > UNVOICED_DB)) unvoiced = false;
    if (unvoiced) return row.fill(MAX_AP);
    for (let i = 0; i < b; i++) values[i + 1] = c[i];
    let seg = 0;
    for (let k = 0; k < bins; k++) {
      const f = (k * fs) / fftSize;
      while (seg < b && f > kn[seg + 1]) seg++;
      const w = (f - kn[seg]) / (kn[seg + 1] - kn[seg]);
      const d = values[seg] + w * (values[seg + 1] - values[seg]);
      row[k] = Math.min(MAX_AP, Math.max(MIN_AP, Math.pow(10, d / 20)));
    }
    return row;
  });
}

/** Gaussian elimination (small, symmetric positive definite systems). */
function solve(a: Float64Array[], r: Float64Array): Float64Array {
  const n = r.length;
  const m = a.map((row) => row.slice());
  const x = r.slice();
  for (let i = 0; i < n; i++) {
    const p = m[i][i];
    for (let j = i + 1; j < n; j++) {
      const f = m[j][i] / p;
      if (f === 0) continue;
      for (let k = i; k < n; k++) m[j][k] -= f * m[i][k];
      x[j] -= f * x[i];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= m[i][k] * x[k];
    x[i] = s / m[i][i];
  }
  return x;
}
