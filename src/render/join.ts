/**
 * Smoothing at joins: where two units that were not neighbours in the recording meet, their parameter tracks jump.
 * The jump d = x[j] - x[j - 1] is spread over a window on each side (the usual cross-fade of concatenative systems,
 * done on the parameter tracks rather than the waveform): the frames before the join move towards the middle by
 * up to d / 2, the frames after it by up to -d / 2, both ramping linearly to zero over `width` frames, so the two
 * sides meet and the rest of each unit is untouched.
 */

export interface Join {
  /** First frame of the unit after the join. */
  frame: number;
  /** Frames available on the left (the previous unit's length) and on the right (this unit's length). */
  leftFrames: number;
  rightFrames: number;
}

/**
 * Smooths `data` (frames x dim, row-major) in place at every join; `width` frames each side at most, and at most half
 * of either unit so two joins do not overlap.
 */
export function smoothJoins(data: Float64Array, dim: number, joins: Join[], width: number): void {
  const frames = data.length / dim;
  for (const jn of joins) {
    const j = jn.frame;
    if (j <= 0 || j >= frames) continue;
    const wl = Math.min(width, Math.floor(jn.leftFrames / 2), j);
    const wr = Math.min(width, Math.floor(jn.rightFrames / 2), frames - j);
    if (wl < 1 || wr < 1) continue;
    for (let k = 0; k < dim; k++) {
      const d = data[j * dim + k] - data[(j - 1) * dim + k];
      if (d === 0) continue;
      for (let i = 0; i < wl; i++) data[(j - 1 - i) * dim + k] += (d / 2) * (1 - i / wl);
      for (let i = 0; i < wr; i++) data[(j + i) * dim + k] -= (d / 2) * (1 - i / wr);
    }
  }
}
