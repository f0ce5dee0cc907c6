/**
 * Picks one F0 per frame among DIO's channel candidates. DIO alone keeps the candidate whose interval estimates agree
 * best, which for voices with a weak fundamental is often a harmonic (an octave or more too high). The signal repeats
 * exactly only at the true period, so each plausible candidate is scored by the normalised correlation of the
 * (decimated) signal at its period (the autocorrelation criterion of Boersma 1993). DIO's own choice stands unless
 * another candidate repeats clearly better (by `margin`): in fast transitions short lags can correlate slightly
 * better than the true period, and a margin keeps those from turning a right answer into an octave error.
 */
import { peakCorrelation } from './normalized-correlation.js';

export interface SelectOptions {
  /** Candidates whose relative interval spread exceeds this are ignored (default 0.15). */
  maxScore?: number;
  /** How much better another candidate must correlate to replace DIO's choice (default 0.1). */
  margin?: number;
}

/** Normalised correlation at period `T` samples (peak interpolated over the neighbouring integer lags). */
export function periodicityAt(x: Float64Array, center: number, T: number, minW: number): number {
  const W = Math.max(minW, Math.round(2 * T));
  const s = Math.round(center - (W + T) / 2);
  const L = Math.max(1, Math.round(T));
  return peakCorrelation(x, s, W, L);
}

export function selectCandidates(
  channels: { f0: Float64Array; score: Float64Array }[],
  decimated: { samples: Float64Array; sampleRate: number },
  framePeriod: number,
  f0Floor: number,
  opts: SelectOptions = {},
): Float64Array {
  const maxScore = opts.maxScore ?? 0.15;
  const margin = opts.margin ?? 0.1;
  const x = decimated.samples;
  const rate = decimated.sampleRate;
  const nF = channels.length > 0 ? channels[0].f0.length : 0;
  const out = new Float64Array(nF);
  const minW = Math.round(0.02 * rate);
  const tried: number[] = [];
  for (let i = 0; i < nF; i++) {
    const center = i * framePeriod * rate;
    // DIO's choice: the candidate with the smallest spread.
    let dioF = 0;
    let dioScore = maxScore;
    for (const ch of channels) {
      if (ch.f0[i] > 0 && ch.score[i] <= dioScore) {
        dioScore = ch.score[i];
        dioF = ch.f0[i];
      }
    }
    if (dioF === 0) continue;
    const dioR = periodicityAt(x, center, rate / dioF, minW);
    let best = dioR + margin;
    let bestF = dioF;
    tried.length = 0;
    tried.push(dioF);
    for (const ch of channels) {
      const f = ch.f0[i];
      if (!(f > 0) || !(ch.score[i] <= maxScore)) continue;
      // Neighbouring channels often report the same F0; evaluate it once.
      if (tried.some((g) => Math.abs(g - f) < 0.03 * f)) continue;
      tried.push(f);
      const r = periodicityAt(x, center, rate / f, minW);
      if (r > best) {
        best = r;
        bestF = f;
      }
    }
    // When DIO locked onto a harmonic, the true F0 may have no candidate of its own: try DIO's choice divided by 2..6.
    for (let k = 2; k <= 6; k++) {
      const f = dioF / k;
      if (f < f0Floor) break;
      if (tried.some((g) => Math.abs(g - f) < 0.03 * f)) continue;
      const r = periodicityAt(x, center, rate / f, minW);
      if (r > best) {
        best = r;
        bestF = f;
      }
    }
    out[i] = bestF;
  }
  return out;
}
