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
