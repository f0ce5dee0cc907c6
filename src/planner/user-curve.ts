import type { CurvePoint } from '../score/types.js';

/**
 * Writes a user curve (piecewise linear between its points) over `out`, from its first point to its last;
 * frames outside keep their automatic values. Returns the frame range written ([from, to], or null).
 */
export function overlayCurve(out: Float64Array, framePeriod: number, points: CurvePoint[] | undefined): [number, number] | null {
  if (!points || points.length === 0) return null;
  const pts = points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value)).sort((a, b) => a.time - b.time);
  if (pts.length === 0) return null;
  const from = Math.max(0, Math.ceil(pts[0].time / framePeriod - 1e-9));
  const to = Math.min(out.length - 1, Math.floor(pts[pts.length - 1].time / framePeriod + 1e-9));
  let k = 0;
  for (let i = from; i <= to; i++) {
    const t = i * framePeriod;
    while (k < pts.length - 2 && pts[k + 1].time <= t) k++;
    const a = pts[k];
    const b = pts[Math.min(k + 1, pts.length - 1)];
    const span = b.time - a.time;
    out[i] = span > 0 ? a.value + ((b.value - a.value) * (t - a.time)) / span : b.value;
  }
  return from <= to ? [from, to] : null;
}
