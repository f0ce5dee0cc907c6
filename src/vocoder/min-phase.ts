/**
 * Minimum-phase spectra from amplitude spectra by the folded real cepstrum (Oppenheim & Schafer, "Discrete-Time Signal
 * Processing", section on minimum-phase homomorphic systems): the complex cepstrum of a minimum-phase sequence is the
 * real cepstrum of its log amplitude folded onto n >= 0 (c[0], 2c[n] for 0 < n < N/2, c[N/2], zeros after). Its FFT is
 * log|H| + j arg H, so the phase is
 *     arg H[k] = -2 sum_{n=1..P-1} c[n] sin(pi k n / P),   c[n] = (1 / P) DCT-I(ln |H|)[n],   P = N / 2,
 * a DCT-I (P + 1 points) followed by a DST-I (P - 1 points), both of real sequences.
 *
 * Speed: each of the two transforms takes one real FFT of length P (not a complex one of length N), by the foldings of
 * Numerical Recipes' cosft1 and sinft (Press et al., section 12.3), and two spectra are done at once: their real
 * sequences packed as the real and imaginary parts of one complex FFT, separated by conjugate symmetry afterwards.
 */
import { logAlong } from '../analysis/envelope-fastmath.js';
import { type Fft, getFft } from '../audio/fft.js';

/** Smallest power used inside the logarithm (about -313 dB), so digital silence stays finite. */
export const MIN_POWER = 1e-300;

export class MinimumPhasePair {
  readonly fftSize: number;
  /** P = N / 2: the transforms' length. */
  private readonly p: number;
  private readonly fft: Fft;
  /** sin(pi n / P) and cos(pi n / P), n = 0..P. */
  private readonly sinP: Float64Array;
  private readonly cosP: Float64Array;
  /** Packed complex sequence and its transform (P complex values each). */
  private readonly z: Float64Array;
  private readonly spec: Float64Array;
  /** Log powers of A and B (bins 0..P), then their DCT-I (the cepstra times P) in place. */
  private readonly logA: Float64Array;
  private readonly logB: Float64Array;

  constructor(fftSize: number) {
    if (!(fftSize >= 4) || (fftSize & (fftSize - 1)) !== 0) throw new RangeError(`min-phase: fftSize must be a power of two >= 4, got ${fftSize}`);
    this.fftSize = fftSize;
    const p = fftSize >> 1;
    this.p = p;
    this.fft = getFft(p);
    this.sinP = new Float64Array(p + 1);
    this.cosP = new Float64Array(p + 1);
    for (let n = 0; n <= p; n++) {
      this.sinP[n] = Math.sin((Math.PI * n) / p);
      this.cosP[n] = Math.cos((Math.PI * n) / p);
    }
    this.z = new Float64Array(2 * p);
    this.spec = new Float64Array(2 * p);
    this.logA = new Float64Array(p + 1);
    this.logB = new Float64Array(p + 1);
  }

  /** dst = ln max(power, MIN_POWER) over bins 0..P (the powers are smooth along the bins: logAlong). */
  private logPower(power: Float64Array, dst: Float64Array): void {
    const bins = dst.length;
    for (let k = 0; k < bins; k++) dst[k] = power[k] > MIN_POWER ? power[k] : MIN_POWER;
    logAlong(dst, dst, bins);
  }

  /**
   * Minimum-phase phase (radians) of the amplitude spectra sqrt(powerA) and sqrt(powerB) (bins 0..N/2), written to
   * `phaseA` / `phaseB` (N/2 + 1 values each). `powerB` may be null (only A is computed).
   */
  phases(powerA: Float64Array, powerB: Float64Array | null, phaseA: Float64Array, phaseB: Float64Array | null): void {
    const p = this.p;
    const h = p >> 1;
    const sinP = this.sinP;
    const cosP = this.cosP;
    const z = this.z;
    const s = this.spec;
    const ua = this.logA;
    const ub = this.logB;
    this.logPower(powerA, ua);
    if (powerB) this.logPower(powerB, ub);
    else ub.fill(0);

    // DCT-I of the log powers: X[j] = (u[0] + (-1)^j u[P]) / 2 + sum_{n=1..P-1} u[n] cos(pi n j / P). Folded:
    // y[n] = (u[n] + u[P-n]) / 2 - sin(pi n / P) (u[n] - u[P-n]); Y = DFT_P(y); X[2k] = Re Y[k],
    // X[2k+1] = X[2k-1] - Im Y[k], with X[1] summed directly.
    let x1a = 0.5 * (ua[0] - ua[p]);
    let x1b = 0.5 * (ub[0] - ub[p]);
    for (let n = 0; n < p; n++) {
      const ma = ua[p - n];
      const mb = ub[p - n];
      const na = ua[n];
      const nb = ub[n];
      z[2 * n] = 0.5 * (na + ma) - sinP[n] * (na - ma);
      z[2 * n + 1] = 0.5 * (nb + mb) - sinP[n] * (nb - mb);
      if (n > 0) {
        x1a += na * cosP[n];
        x1b += nb * cosP[n];
      }
    }
    this.fft.forward(z, s);
    // Separate the two real sequences' transforms: YA[k] = (S[k] + conj S[P-k]) / 2, YB[k] = (S[k] - conj S[P-k]) / 2j.
    for (let k = 0; k <= h; k++) {
      const m = (p - k) & (p - 1);
      ua[2 * k] = 0.5 * (s[2 * k] + s[2 * m]);
      ub[2 * k] = 0.5 * (s[2 * k + 1] + s[2 * m + 1]);
    }
    ua[1] = x1a;
    ub[1] = x1b;
    for (let k = 1; k < h; k++) {
      const m = p - k;
      x1a -= 0.5 * (s[2 * k + 1] - s[2 * m + 1]);
      x1b += 0.5 * (s[2 * k] - s[2 * m]);
      ua[2 * k + 1] = x1a;
      ub[2 * k + 1] = x1b;
    }

    // The phase: the DST-I of d[n] = -2 c[n] = -X[n] / P (X of the log power is twice that of the log amplitude).
    // Folded: y[n] = sin(pi n / P) (d[n] + d[P-n]) + (d[n] - d[P-n]) / 2, y[0] = 0; Y = DFT_P(y);
    // phase[2k] = -Im Y[k], phase[2k+1] = phase[2k-1] + Re Y[k], phase[1] = Re Y[0] / 2.
    const dScale = -1 / p;
    z[0] = 0;
    z[1] = 0;
    for (let n = 1; n < p; n++) {
      const da = dScale * ua[n];
      const db = dScale * ub[n];
      const ea = dScale * ua[p - n];
      const eb = dScale * ub[p - n];
      z[2 * n] = sinP[n] * (da + ea) + 0.5 * (da - ea);
      z[2 * n + 1] = sinP[n] * (db + eb) + 0.5 * (db - eb);
    }
    this.fft.forward(z, s);
    let oa = 0.5 * s[0];
    phaseA[0] = 0;
    phaseA[1] = oa;
    for (let k = 1; k <= h; k++) {
      const m = p - k;
      phaseA[2 * k] = -0.5 * (s[2 * k + 1] - s[2 * m + 1]);
      if (k < h) {
        oa += 0.5 * (s[2 * k] + s[2 * m]);
        phaseA[2 * k + 1] = oa;
      }
    }
    if (phaseB) {
      let ob = 0.5 * s[1];
      phaseB[0] = 0;
      phaseB[1] = ob;
      for (let k = 1; k <= h; k++) {
        const m = p - k;
        phaseB[2 * k] = 0.5 * (s[2 * k] - s[2 * m]);
        if (k < h) {
          ob += 0.5 * (s[2 * k + 1] + s[2 * m + 1]);
          phaseB[2 * k + 1] = ob;
        }
      }
    }
    // At N/2 the phase of a real-coefficient response is 0 or pi; the sine transform gives 0 there.
  }
}
