/**
 * Normalised cross-correlation of x[s .. s+W) with x[s+lag .. s+lag+W), -1..1; samples outside the signal count
 * as 0. The periodicity measure behind the F0 candidate check and the voicing decision.
 */
export function normalizedCorrelation(x: Float32Array | Float64Array, s: number, W: number, lag: number): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  const n = x.length;
  for (let j = 0; j < W; j++) {
    const i = s + j;
    const k = i + lag;
    const a = i >= 0 && i < n ? x[i] : 0;
    const b = k >= 0 && k < n ? x[k] : 0;
    xy += a * b;
    xx += a * a;
    yy += b * b;
  }
  const d = Math.sqrt(xx * yy);
  return d > 0 ? xy / d : 0;
}

/**
 * The normalised correlation at period `L` samples, refined over the neighbouring lags L-1, L, L+1 by parabolic
 * interpolation of the peak, capped at 1: a periodicity score that does not depend on the period being an integer.
 */
export function peakCorrelation(x: Float32Array | Float64Array, s: number, W: number, L: number): number {
  const r0 = normalizedCorrelation(x, s, W, Math.max(1, L - 1));
  const r1 = normalizedCorrelation(x, s, W, L);
  const r2 = normalizedCorrelation(x, s, W, L + 1);
  let r = Math.max(r0, r1, r2);
  if (r1 >= r0 && r1 >= r2) {
    const den = r0 - 2 * r1 + r2;
    if (den < 0) r = r1 - (0.125 * (r2 - r0) * (r2 - r0)) / den;
  }
  return Math.min(1, r);
}
