/** Shared horizontal scale of the roll, the lanes and the audio views: seconds <-> pixels. */
export class Timeline {
  pxPerSec = 120;
  duration = 4;
  /** The visible width (px): the canvases are never narrower. */
  minWidth = 0;

  x(t: number): number {
    return t * this.pxPerSec;
  }

  t(x: number): number {
    return x / this.pxPerSec;
  }

  /** Canvas width for the whole song plus a little room to add notes after it. */
  width(): number {
    return Math.max(this.minWidth, Math.ceil(this.x(this.duration + 2)));
  }

  zoom(factor: number): void {
    this.pxPerSec = Math.min(1200, Math.max(15, this.pxPerSec * factor));
  }
}

export function hzToMidi(hz: number): number {
  return 69 + 12 * Math.log2(hz / 440);
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
export function pitchLabel(midi: number): string {
  const r = Math.round(midi);
  const cents = Math.round((midi - r) * 100);
  return `${NAMES[((r % 12) + 12) % 12]}${Math.floor(r / 12) - 1}${cents ? (cents > 0 ? '+' : '') + cents + 'c' : ''}`;
}

/** Samples a piecewise-linear curve of points at time t (clamped at the ends). */
export function curveAt<P extends { time: number }>(pts: P[], t: number, value: (p: P) => number): number {
  if (pts.length === 0) return NaN;
  if (t <= pts[0].time) return value(pts[0]);
  for (let i = 1; i < pts.length; i++) {
    if (t <= pts[i].time) {
      const a = pts[i - 1];
      const b = pts[i];
      const u = b.time > a.time ? (t - a.time) / (b.time - a.time) : 1;
      return value(a) + (value(b) - value(a)) * u;
    }
  }
  return value(pts[pts.length - 1]);
}
