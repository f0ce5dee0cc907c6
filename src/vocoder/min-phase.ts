/**
 * Minimum-phase spectra from amplitude spectra by the folded real cepstrum (Oppenheim & Schafer, "Discrete-Time Signal
 * Processing", section on minimum-phase homomorphic systems): the complex cepstrum of a minimum-phase sequence is the
 * real cepstrum of its log amplitude folded onto n >= 0 (c[0], 2c[n] for 0 < n < N/2, c[N/2], zeros after). Its FFT is
 * log|H| + j arg H, so the phase comes out of one inverse and one forward FFT.
 *
 * Two spectra are done at once: both log amplitudes are real and even, so packing them as the real and imaginary parts
 * of one complex sequence keeps their cepstra apart (real and imaginary parts of the result), and the folded cepstra are
 * real, so their transforms separate by conjugate symmetry.
 */
import { type Fft, getFft } from '../audio/fft.js';

/** Smallest power used inside the logarithm (about -313 dB), so digital silence stays finite. */
export const MIN_POWER = 1e-300;

export class MinimumPhasePair {
  readonly fftSize: number;
  private readonly fft: Fft;
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  constructor(fftSize: number) {
    this.fftSize = fftSize;
    this.fft = getFft(fftSize);
    this.a = new Float64Array(2 * fftSize);
    this.b = new Float64Array(2 * fftSize);
  }

  /**
   * Minimum-phase phase (radians) of the amplitude spectra sqrt(powerA) and sqrt(powerB) (bins 0..N/2), written to
   * `phaseA` / `phaseB` (N/2 + 1 values each). `powerB` may be null (only A is computed).
   */
  phases(powerA: Float64Array, powerB: Float64Array | null, phaseA: Float64Array, phaseB: Float64Array | null): void {
    const n = this.fftSize;
    const half = n >> 1;
    const a = this.a;
    const b = this.b;
    // Even complex sequence: log amplitude of A in the real part, of B in the imaginary part.
    for (let k = 0; k <= half; k++) {
      const la = 0.5 * Math.log(powerA[k] > MIN_POWER ? powerA[k] : MIN_POWER);
      const lb = powerB ? 0.5 * Math.log(powerB[k] > MIN_POWER ? powerB[k] : MIN_POWER) : 0;
      a[2 * k] = la;
      a[2 * k + 1] = lb;
      if (k > 0 && k < half) {
        a[2 * (n - k)] = la;
        a[2 * (n - k) + 1] = lb;
      }
    }
    this.fft.inverse(a, b);
    // Fold the (real, even) cepstra onto n >= 0.
    for (let k = 1; k < half; k++) {
      b[2 * k] *= 2;
      b[2 * k + 1] *= 2;
    }
    for (let k = half + 1; k < n; k++) {
      b[2 * k] = 0;
      b[2 * k + 1] = 0;
    }
    this.fft.forward(b, a);
    // Separate: FA[k] = (Y[k] + conj Y[N-k]) / 2, FB[k] = (Y[k] - conj Y[N-k]) / 2j; only the imaginary parts
    // (the phases) are needed: Im FA = (Im Y[k] - Im Y[N-k]) / 2, Im FB = -(Re Y[k] - Re Y[N-k]) / 2.
    phaseA[0] = 0;
    if (phaseB) phaseB[0] = 0;
    for (let k = 1; k <= half; k++) {
      const m = n - k;
      phaseA[k] = 0.5 * (a[2 * k + 1] - a[2 * m + 1]);
      if (phaseB) phaseB[k] = -0.5 * (a[2 * k] - a[2 * m]);
    }
    // At N/2 the phase of a real-coefficient response is 0 or pi; keep what the transform says (k = m there gives 0).
  }
}
