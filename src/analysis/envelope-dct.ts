/**
 * Two DCT-Is at once, for the cepstral liftering of CheapTrick. The DFT of a real even sequence of length 2M is
 * the DCT-I of its first M + 1 values:
 *   C[q] = x[0] + (-1)^q x[M] + 2 sum_{k=1}^{M-1} x[k] cos(pi k q / M),   q = 0..M,
 * and it can be had from a real FFT of length M plus O(M) work (the classic folding used by Numerical Recipes'
 * cosft1): with y[0] = (x[0] + x[M]) / 2 and y[k] = (x[k] + x[M-k]) / 2 - sin(pi k / M) (x[k] - x[M-k]),
 *   C[2m] = 2 Re Y[m],   C[2m+1] = C[2m-1] - 2 Im Y[m] (for a forward FFT with e^{-i...}),
 *   C[1] = x[0] - x[M] + sum_{k=1}^{M-1} (x[k] - x[M-k]) cos(pi k / M).
 * Two real sequences share one complex FFT of length M (real and imaginary lanes), so a frame pair costs one
 * complex FFT of length M instead of one of length 2M.
 */
import { getFft } from '../audio/fft.js';

export class DctIPair {
  /** Input / output length is m + 1. */
  readonly m: number;
  private readonly sinT: Float64Array;
  private readonly cosT: Float64Array;
  private readonly z: Float64Array;
  private readonly zo: Float64Array;
  /** +1 if the FFT uses e^{-i...} (fft.js does), -1 otherwise; checked once. */
  private readonly sign: number;

  constructor(m: number) {
    if (m < 4 || (m & (m - 1)) !== 0) throw new Error(`DctIPair: m must be a power of two >= 4, got ${m}`);
    this.m = m;
    this.sinT = new Float64Array(m);
    this.cosT = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      this.sinT[k] = Math.sin((Math.PI * k) / m);
      this.cosT[k] = Math.cos((Math.PI * k) / m);
    }
    this.z = new Float64Array(2 * m);
    this.zo = new Float64Array(2 * m);
    // Sign convention probe: transform of a unit impulse at n = 1 has Im[bin 1] = -sin(2 pi / m) for e^{-i...}.
    this.z[2] = 1;
    getFft(m).forward(this.z, this.zo);
    this.sign = this.zo[3] < 0 ? 1 : -1;
    this.z.fill(0);
  }

  /** outA = DCT-I(a), outB = DCT-I(b); all of length m + 1 (outputs may alias inputs). */
  transform(a: Float64Array, b: Float64Array, outA: Float64Array, outB: Float64Array): void {
    const m = this.m;
    const z = this.z;
    const zo = this.zo;
    const s = this.sinT;
    const c = this.cosT;
    z[0] = 0.5 * (a[0] + a[m]);
    z[1] = 0.5 * (b[0] + b[m]);
    let c1a = a[0] - a[m];
    let c1b = b[0] - b[m];
    for (let k = 1; k < m; k++) {
      const ak = a[k];
      const ar = a[m - k];
      const bk = b[k];
      const br = b[m - k];
      z[2 * k] = 0.5 * (ak + ar) - s[k] * (ak - ar);
      z[2 * k + 1] = 0.5 * (bk + br) - s[k] * (bk - br);
      c1a += (ak - ar) * c[k];
      c1b += (bk - br) * c[k];
    }
    getFft(m).forward(z, zo);
    const sg = this.sign;
    const half = m / 2;
    let oddA = c1a;
    let oddB = c1b;
    for (let q = 0; q <= half; q++) {
      const r = q === 0 ? 0 : m - q;
      const zr = zo[2 * q];
      const zi = zo[2 * q + 1];
      const wr = zo[2 * r];
      const wi = zo[2 * r + 1];
      // Separate the lanes: A = (Z[q] + conj Z[m-q]) / 2, B = (Z[q] - conj Z[m-q]) / 2i.
      const aRe = 0.5 * (zr + wr);
      const aIm = 0.5 * (zi - wi) * sg;
      const bRe = 0.5 * (zi + wi);
      const bIm = -0.5 * (zr - wr) * sg;
      if (q > 0) {
        oddA -= 2 * aIm;
        oddB -= 2 * bIm;
      }
      outA[2 * q] = 2 * aRe;
      outB[2 * q] = 2 * bRe;
      if (q < half) {
        outA[2 * q + 1] = oddA;
        outB[2 * q + 1] = oddB;
      }
    }
  }
}
