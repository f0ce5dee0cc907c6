/**
 * Boundary refinement after the HMM alignment. Embedded training from a flat start has a near-degenerate shift:
 * monophone models trained on the same recording they align can all move by a frame or two and explain the audio
 * almost as well, so the HMM boundaries carry a recording-dependent offset (measured 15-25 ms late on the slt/kal
 * references, and following any shift of the initial segmentation). Phone boundaries are where the short-time
 * spectrum changes fastest (the spectral-transition measure of Furui, 1986, used for boundary refinement in e.g.
 * Toledano et al., 2003), so each boundary is moved to the strongest spectral-change peak near it, on a 2.5 ms grid.
 */
import type { Audio } from '../../audio/types.js';
import { mfcc } from '../../analysis/mfcc.js';

export interface SpectralChange {
  hop: number;
  /** change[t]: distance between the mean MFCC vectors just before and just after the instant (t - 0.5) * hop. */
  change: Float64Array;
}

/**
 * Spectral change: Euclidean distance between the means of `spanSeconds` of variance-normalised MFCCs (c0..c12)
 * on either side of each instant.
 */
export function spectralChange(audio: Audio, hop = 0.0025, windowSeconds = 0.015, spanSeconds = 0.02): SpectralChange {
  const frames = mfcc(audio, { hopSeconds: hop, windowSeconds }).frames;
  const n = frames.length;
  const d = frames[0].length;
  const w = Math.max(1, Math.round(spanSeconds / hop));
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const f of frames) for (let i = 0; i < d; i++) mean[i] += f[i] / n;
  for (const f of frames) for (let i = 0; i < d; i++) sd[i] += (f[i] - mean[i]) ** 2 / n;
  for (let i = 0; i < d; i++) sd[i] = Math.sqrt(Math.max(sd[i], 1e-12));
  // Running sums per dimension make every instant O(d).
  const cum = new Float64Array((n + 1) * d);
  for (let t = 0; t < n; t++) for (let i = 0; i < d; i++) cum[(t + 1) * d + i] = cum[t * d + i] + frames[t][i] / sd[i];
  const change = new Float64Array(n);
  for (let t = w; t + w <= n; t++) {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const left = cum[t * d + i] - cum[(t - w) * d + i];
      const right = cum[(t + w) * d + i] - cum[t * d + i];
      const x = (right - left) / w;
      s += x * x;
    }
    change[t] = Math.sqrt(s);
  }
  return { hop, change };
}

export interface RefineOptions {
  /** Search radius in seconds (default 0.03). */
  radius?: number;
  /** Standard deviation in seconds of the Gaussian preference for staying near the HMM boundary (default 0.02). */
  sigma?: number;
  /** Shortest segment the refinement may leave, seconds (default 0.015). */
  minSeconds?: number;
  /** Largest common shift of all boundaries, seconds (default 0.04; 0 disables the common shift). */
  maxShift?: number;
}

/**
 * The common shift (seconds, on the change grid) that puts the boundaries on the most spectral change on average:
 * argmax over d of sum_i change(times[i] + d). Estimates the recording's training offset from the audio itself.
 */
export function commonShift(times: number[], sc: SpectralChange, maxShift: number): number {
  const { hop, change } = sc;
  const n = change.length;
  const steps = Math.floor(maxShift / hop);
  let best = -Infinity;
  let arg = 0;
  for (let k = -steps; k <= steps; k++) {
    let s = 0;
    for (const b of times) {
      const t = Math.round((b + k * hop) / hop + 0.5);
      if (t >= 0 && t < n) s += change[t];
    }
    // Ties go to the smaller shift.
    if (s > best + 1e-9 || (Math.abs(s - best) <= 1e-9 && Math.abs(k) < Math.abs(arg))) {
      best = s;
      arg = k;
    }
  }
  return arg * hop;
}

/**
 * Moves each boundary times[i] to the local maximum of change * exp(-(dt)^2 / 2 sigma^2) within `radius`, keeping
 * every segment at least `minSeconds` long. `times` are sorted boundary instants (segment starts after the first).
 */
export function refineBoundaries(times: number[], sc: SpectralChange, end: number, opts: RefineOptions = {}): number[] {
  const radius = opts.radius ?? 0.03;
  const sigma = opts.sigma ?? 0.02;
  const minSec = opts.minSeconds ?? 0.015;
  const { hop, change } = sc;
  const shift = commonShift(times, sc, opts.maxShift ?? 0.04);
  const n = change.length;
  const out: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const b = times[i] + shift;
    const lo = Math.max((i > 0 ? out[i - 1] : 0) + minSec, b - radius);
    const hi = Math.min((i + 1 < times.length ? times[i + 1] + shift : end) - minSec, b + radius);
    if (!(hi > lo)) {
      out.push(Math.min(Math.max(b, (i > 0 ? out[i - 1] : 0) + minSec), end - minSec));
      continue;
    }
    let best = -Infinity;
    let arg = Math.min(hi, Math.max(lo, b));
    for (let t = Math.ceil(lo / hop + 0.5); (t - 0.5) * hop <= hi; t++) {
      if (t < 1 || t >= n - 1) continue;
      // Only local maxima of the change curve are candidate boundaries.
      if (change[t] < change[t - 1] || change[t] < change[t + 1]) continue;
      const x = (t - 0.5) * hop;
      const dt = x - b;
      const score = change[t] * Math.exp(-(dt * dt) / (2 * sigma * sigma));
      if (score > best) {
        best = score;
        arg = x;
      }
    }
    out.push(arg);
  }
  return out;
}
