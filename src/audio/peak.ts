/** -1 dBFS: the peak every rendered, converted or mixed output is brought down to when it goes over. */
export const PEAK_LIMIT = Math.pow(10, -1 / 20);

/** Scales `samples` in place so that its peak is at most `limit`; returns the gain applied in dB (0 when under). */
export function limitPeak(samples: Float32Array, limit = PEAK_LIMIT): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i]);
    if (v > peak) peak = v;
  }
  if (!(peak > limit)) return 0;
  const g = limit / peak;
  for (let i = 0; i < samples.length; i++) samples[i] *= g;
  return 20 * Math.log10(g);
}
