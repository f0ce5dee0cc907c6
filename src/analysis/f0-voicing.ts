/**
 * Voiced/unvoiced evidence for F0 candidates. DIO's candidates are found in narrow low-pass bands, where even noise
 * looks periodic, so the decision is made on the full-band signal instead: the normalised cross-correlation between
 * the stretch around the frame and the stretch one candidate period later (the periodicity measure of Boersma 1993
 * and YIN, de Cheveigne & Kawahara 2002, taken at a given lag only), together with the frame's level.
 */
import { peakCorrelation } from './normalized-correlation.js';
import type { Audio } from '../audio/types.js';

export interface FrameEvidence {
  /** Normalised correlation at the candidate period, -1..1 (0 where no candidate). */
  periodicity: Float64Array;
  /** RMS level of the frame's stretch (linear). */
  rms: Float64Array;
}

/**
 * Periodicity at each frame's candidate period and the frame level. The correlation window spans two periods but
 * at least `minWindow` seconds; integer lags round(T) - 1 .. round(T) + 1 are tried and the peak is interpolated
 * (parabola), which stands in for a fractional lag.
 */
export function frameEvidence(audio: Audio, f0: Float64Array, framePeriod: number, minWindow = 0.02): FrameEvidence {
  const x = audio.samples;
  const fs = audio.sampleRate;
  const nF = f0.length;
  const periodicity = new Float64Array(nF);
  const rms = new Float64Array(nF);
  const minW = Math.round(minWindow * fs);
  for (let i = 0; i < nF; i++) {
    const c = Math.round(i * framePeriod * fs);
    const f = f0[i];
    const T = f > 0 ? fs / f : 0;
    const W = Math.max(minW, Math.round(2 * T));
    const s = Math.round(c - (W + T) / 2);
    let e = 0;
    const n = x.length;
    for (let j = 0; j < W; j++) {
      const k = c - (W >> 1) + j;
      if (k >= 0 && k < n) e += x[k] * x[k];
    }
    rms[i] = Math.sqrt(e / W);
    if (!(f > 0)) continue;
    const L = Math.round(T);
    periodicity[i] = peakCorrelation(x, s, W, L);
  }
  return { periodicity, rms };
}
