/**
 * StoneMask: F0 refinement by instantaneous frequency (Morise, WORLD; the idea of refining a rough F0 from the
 * instantaneous frequencies of the harmonics follows Kawahara et al.'s fixed-point analysis, 1999).
 *
 * Around each voiced frame a Blackman window three periods long is applied at the original sample rate. The
 * instantaneous frequency of harmonic k is read at exactly k * f0 by time-frequency reassignment
 * (Auger & Flandrin 1995): omega_hat = omega - Im(X_dw * conj(X_w)) / |X_w|^2, where X_dw uses the window's
 * derivative. The refined F0 is the amplitude-weighted mean of omega_hat_k / k; two passes, the second centred on the
 * first's result. The DFT is evaluated only at the few harmonic frequencies, which is cheaper than an FFT.
 */
import type { Audio } from '../audio/types.js';

export interface StoneMaskOptions {
  /** Most harmonics to use (default 6). */
  harmonics?: number;
  /** Refinements that move F0 by more than this fraction are rejected and the input is kept (default 0.2). */
  maxChange?: number;
}

let wvBuf = new Float64Array(0);
let dvBuf = new Float64Array(0);

/** One refinement pass at time `center` (samples) starting from `f0` (Hz); returns the refined F0 or NaN. */
function refineOnce(x: Float32Array, fs: number, center: number, f0: number, maxHarmonics: number): number {
  const H = Math.max(2, Math.round((1.5 * fs) / f0));
  const n = x.length;
  const K = Math.max(1, Math.min(maxHarmonics, Math.floor((0.45 * fs) / f0)));
  const len = 2 * H + 1;
  if (wvBuf.length < len) {
    wvBuf = new Float64Array(len);
    dvBuf = new Float64Array(len);
  }
  const wv = wvBuf;
  const dv = dvBuf;
  // Blackman window w(m) = 0.42 + 0.5 cos(a m) + 0.08 cos(2 a m), a = pi / (H + 1), and its derivative, times x.
  const a = Math.PI / (H + 1);
  const c1 = Math.cos(a);
  const s1 = Math.sin(a);
  let c = Math.cos(-a * H);
  let s = Math.sin(-a * H);
  for (let j = 0; j < len; j++) {
    const idx = center - H + j;
    const v = idx >= 0 && idx < n ? x[idx] : 0;
    const c2 = c * c - s * s;
    const s2 = 2 * s * c;
    wv[j] = (0.42 + 0.5 * c + 0.08 * c2) * v;
    dv[j] = (-0.5 * a * s - 0.16 * a * s2) * v;
    const t = c * c1 - s * s1;
    s = s * c1 + c * s1;
    c = t;
  }
  let num = 0;
  let den = 0;
  for (let k = 1; k <= K; k++) {
    const omega = (2 * Math.PI * k * f0) / fs;
    // Phasor e^{-i omega m} for m = -H .. H by recursive rotation.
    const stepRe = Math.cos(omega);
    const stepIm = -Math.sin(omega);
    let pRe = Math.cos(omega * H);
    let pIm = Math.sin(omega * H);
    let xr = 0;
    let xi = 0;
    let dr = 0;
    let di = 0;
    for (let j = 0; j < len; j++) {
      const w = wv[j];
      const d = dv[j];
      xr += w * pRe;
      xi += w * pIm;
      dr += d * pRe;
      di += d * pIm;
      const t = pRe * stepRe - pIm * stepIm;
      pIm = pRe * stepIm + pIm * stepRe;
      pRe = t;
    }
    const power = xr * xr + xi * xi;
    if (power <= 0) continue;
    // Im(Xd * conj(X)) = di * xr - dr * xi
    const omegaHat = omega - (di * xr - dr * xi) / power;
    const amp = Math.sqrt(power);
    num += (amp * omegaHat) / k;
    den += amp;
  }
  if (den <= 0) return NaN;
  return (num / den) * (fs / (2 * Math.PI));
}

/** Refines every voiced frame of `f0` (frame i at i * framePeriod); unvoiced frames (0) stay 0. */
export function stoneMask(audio: Audio, f0: Float64Array, framePeriod: number, opts: StoneMaskOptions = {}): Float64Array {
  const fs = audio.sampleRate;
  const maxH = opts.harmonics ?? 6;
  const maxChange = opts.maxChange ?? 0.2;
  const out = new Float64Array(f0.length);
  for (let i = 0; i < f0.length; i++) {
    const initial = f0[i];
    if (!(initial > 0)) continue;
    const center = Math.round(i * framePeriod * fs);
    let f = refineOnce(audio.samples, fs, center, initial, maxH);
    if (Number.isFinite(f) && Math.abs(f - initial) <= maxChange * initial) {
      const f2 = refineOnce(audio.samples, fs, center, f, maxH);
      if (Number.isFinite(f2) && Math.abs(f2 - initial) <= maxChange * initial) f = f2;
      out[i] = f;
    } else {
      out[i] = initial;
    }
  }
  return out;
}
