/** Curve shapes on u in [0, 1]. */

/** S-shaped rise 0 -> 1 (raised cosine): zero slope at both ends, like a sung glide between notes. */
export function sCurve(u: number): number {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  return 0.5 - 0.5 * Math.cos(Math.PI * u);
}

/** A bump 0 -> 1 -> 0 with zero slope at the ends (sin^2): overshoot and preparation. */
export function bump(u: number): number {
  if (u <= 0 || u >= 1) return 0;
  const s = Math.sin(Math.PI * u);
  return s * s;
}

/** Shape of a user pitch segment (UTAU PBM letters): s-curve, linear, ease-out (r), ease-in (j). */
export function pitchSegmentShape(shape: 's' | 'l' | 'r' | 'j' | undefined, u: number): number {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  switch (shape) {
    case 'l':
      return u;
    case 'r':
      return Math.sin((Math.PI / 2) * u);
    case 'j':
      return 1 - Math.cos((Math.PI / 2) * u);
    default:
      return sCurve(u);
  }
}

export const midiToHz = (m: number) => 440 * 2 ** ((m - 69) / 12);
export const hzToMidi = (hz: number) => 69 + 12 * Math.log2(hz / 440);
