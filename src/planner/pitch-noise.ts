import { Rng } from './rng.js';

/**
 * Unit-variance random pitch deviations per frame, from one seed: a slow drift (Gaussian values at knots
 * `knotSpacing` s apart, joined by Catmull-Rom splines, so the pitch wanders smoothly over about half a second)
 * and a fine jitter (a first-order autoregressive process with a ~15 ms time constant, the cycle-scale
 * irregularity of a real voice). Both are generated in full whatever the settings, so that changing a
 * depth never changes the random sequence.
 */
export function pitchNoise(frames: number, framePeriod: number, seed: number, knotSpacing = 0.4): { drift: Float64Array; jitter: Float64Array } {
  const rng = new Rng(seed);
  const duration = frames * framePeriod;
  const knots = new Float64Array(Math.ceil(duration / knotSpacing) + 4);
  for (let k = 0; k < knots.length; k++) knots[k] = rng.gaussian();
  const drift = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const x = (i * framePeriod) / knotSpacing;
    const k = Math.floor(x);
    const u = x - k;
    const p0 = knots[k];
    const p1 = knots[k + 1];
    const p2 = knots[k + 2];
    const p3 = knots[k + 3];
    // Catmull-Rom through p1..p2; its variance is a bit below 1, rescaled by ~1.2.
    const v = 0.5 * (2 * p1 + (-p0 + p2) * u + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u * u + (-p0 + 3 * p1 - 3 * p2 + p3) * u * u * u);
    drift[i] = 1.2 * v;
  }
  const jitter = new Float64Array(frames);
  const a = Math.exp(-framePeriod / 0.015);
  const b = Math.sqrt(1 - a * a);
  let y = rng.gaussian();
  for (let i = 0; i < frames; i++) {
    y = a * y + b * rng.gaussian();
    jitter[i] = y;
  }
  return { drift, jitter };
}
