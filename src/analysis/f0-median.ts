/**
 * A 3-point median over an F0 track, within voiced runs only (a frame at a run's edge, or alone, keeps its value;
 * unvoiced frames stay 0). It removes one-frame outliers of a tracker (a period misread where the waveform changes
 * fast, at a voicing edge or a join) without smoothing a real glide, which a median leaves in place.
 */
export function medianVoiced3(f0: Float64Array): Float64Array {
  const out = f0.slice();
  for (let i = 1; i + 1 < f0.length; i++) {
    const a = f0[i - 1];
    const b = f0[i];
    const c = f0[i + 1];
    if (!(a > 0 && b > 0 && c > 0)) continue;
    out[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
  return out;
}
