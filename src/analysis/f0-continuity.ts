/**
 * Octave-jump repair by continuity: the voice cannot jump by an octave or more for a frame or two inside a voiced
 * run, so a frame whose F0 sits more than `maxCents` from the median of its voiced neighbours is taken to have locked
 * onto a harmonic (or a sub-harmonic) and is moved by the integer ratio that brings it closest to that median.
 * Returns the indices of the frames it changed (for re-refinement).
 */
export function repairJumps(f0: Float64Array, radius = 7, maxCents = 700, minNeighbours = 6): number[] {
  const changed: number[] = [];
  const src = f0.slice();
  const buf: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const f = src[i];
    if (!(f > 0)) continue;
    buf.length = 0;
    // Neighbours in the same voiced run only.
    for (let j = i - 1; j >= Math.max(0, i - radius) && src[j] > 0; j--) buf.push(src[j]);
    for (let j = i + 1; j <= Math.min(src.length - 1, i + radius) && src[j] > 0; j++) buf.push(src[j]);
    if (buf.length < minNeighbours) continue;
    buf.sort((a, b) => a - b);
    const med = buf[buf.length >> 1];
    const cents = 1200 * Math.log2(f / med);
    if (Math.abs(cents) <= maxCents) continue;
    const k = Math.round(f > med ? f / med : med / f);
    if (k < 2) continue;
    f0[i] = f > med ? f / k : f * k;
    changed.push(i);
  }
  return changed;
}
