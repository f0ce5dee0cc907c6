/**
 * log and exp along smooth sequences, for CheapTrick's cepstral liftering (one log and one exp per bin and frame,
 * ~400 000 of each per second of 44.1 kHz audio; Math.log / Math.exp then cost more than the FFTs).
 * Neighbouring bins of a smoothed spectrum differ little, so each value is computed from its neighbour:
 *   ln x[k] = ln x[k-1] + 2 atanh(s),  s = (x[k] - x[k-1]) / (x[k] + x[k-1])   (short odd series when |s| < 0.1)
 *   exp y[k] = exp y[k-1] * exp(d),   d = y[k] - y[k-1]                         (short Taylor series when |d| < 0.1)
 * Steps larger than that, and every 32nd bin (so rounding cannot drift), use Math.log / Math.exp.
 * Relative error stays below 1e-12 (tested).
 */

const ANCHOR = 32;

/** dst[k] = ln(src[k]) for k < n; src values must be positive. */
export function logAlong(src: Float64Array, dst: Float64Array, n: number): void {
  let prevX = 0;
  let prevL = 0;
  for (let k = 0; k < n; k++) {
    const x = src[k];
    const s = (x - prevX) / (x + prevX);
    if ((k & (ANCHOR - 1)) === 0 || !(s < 0.1 && s > -0.1)) {
      prevL = Math.log(x);
    } else {
      // 2 atanh(s) = 2 (s + s^3/3 + ... + s^11/11); the next term is below 1e-13 s for |s| < 0.1.
      const s2 = s * s;
      prevL += 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 * (1 / 9 + s2 * (1 / 11))))));
    }
    prevX = x;
    dst[k] = prevL;
  }
}

/** dst[k] = exp(src[k]) for k < n. */
export function expAlong(src: Float64Array, dst: Float64Array, n: number): void {
  let prevY = 0;
  let prevE = 0;
  for (let k = 0; k < n; k++) {
    const y = src[k];
    const d = y - prevY;
    if ((k & (ANCHOR - 1)) === 0 || !(d < 0.1 && d > -0.1)) {
      prevE = Math.exp(y);
    } else {
      // exp(d) to d^9 / 9!; the remainder is below 3e-17 for |d| < 0.1.
      prevE *=
        1 + d * (1 + d * (1 / 2 + d * (1 / 6 + d * (1 / 24 + d * (1 / 120 + d * (1 / 720 + d * (1 / 5040 + d * (1 / 40320 + d / 362880))))))));
    }
    prevY = y;
    dst[k] = prevE;
  }
}
