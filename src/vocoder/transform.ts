/**
 * Parameter transforms: pure functions on VocoderParams that return new params (the input is never modified).
 * Pitch, duration and formants are independent in the source-filter decomposition, so each is a simple edit:
 * pitch scales F0, duration resamples the frame sequence, formants warp the frequency axis of the envelope.
 */
import type { VocoderParams } from '../analysis/types.js';

function cloneRows(rows: Float64Array[]): Float64Array[] {
  return rows.map((r) => r.slice());
}

/** Replaces the F0 track (same frame count; 0 = unvoiced). Envelope and aperiodicity are copied. */
export function setF0(p: VocoderParams, f0: Float64Array): VocoderParams {
  if (f0.length !== p.f0.length) throw new RangeError(`setF0: ${f0.length} values for ${p.f0.length} frames`);
  for (let i = 0; i < f0.length; i++) {
    if (!(f0[i] >= 0) || !Number.isFinite(f0[i])) throw new RangeError(`setF0: frame ${i}: bad F0 ${f0[i]}`);
  }
  return { ...p, f0: f0.slice(), spectrogram: cloneRows(p.spectrogram), aperiodicity: cloneRows(p.aperiodicity) };
}

/** Shifts the pitch by `semitones` (voiced frames only); formants (the envelope) stay where they are. */
export function pitchShift(p: VocoderParams, semitones: number): VocoderParams {
  if (!Number.isFinite(semitones)) throw new RangeError(`pitchShift: bad semitones ${semitones}`);
  const r = Math.pow(2, semitones / 12);
  const f0 = new Float64Array(p.f0.length);
  for (let i = 0; i < f0.length; i++) f0[i] = p.f0[i] > 0 ? p.f0[i] * r : 0;
  return setF0(p, f0);
}

/**
 * Stretches time by `ratio` (> 1 = longer): (frames - 1) * ratio + 1 frames (rounded), so the synthesized duration
 * scales by `ratio` to within one frame. Output frame j reads the input at position j / ratio: voicing comes from the
 * nearest input frame (boundaries stay crisp, no half-voiced frames), F0 is interpolated linearly only between two
 * voiced frames (otherwise the voiced neighbour's value is held), envelope and aperiodicity are interpolated linearly.
 */
export function timeStretch(p: VocoderParams, ratio: number): VocoderParams {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`timeStretch: ratio must be > 0, got ${ratio}`);
  const nIn = p.f0.length;
  if (nIn === 0) return { ...p, f0: new Float64Array(0), spectrogram: [], aperiodicity: [] };
  const nOut = Math.max(1, Math.round((nIn - 1) * ratio) + 1);
  const f0 = new Float64Array(nOut);
  const sp: Float64Array[] = new Array(nOut);
  const ap: Float64Array[] = new Array(nOut);
  const last = nIn - 1;
  for (let j = 0; j < nOut; j++) {
    const x = Math.min(last, j / ratio);
    const i0 = Math.floor(x);
    const i1 = Math.min(last, i0 + 1);
    const w = x - i0;
    const nearest = w < 0.5 ? i0 : i1;
    if (p.f0[nearest] > 0) {
      const a = p.f0[i0];
      const b = p.f0[i1];
      f0[j] = a > 0 && b > 0 ? a + w * (b - a) : p.f0[nearest];
    }
    sp[j] = lerpRow(p.spectrogram[i0], p.spectrogram[i1], w);
    ap[j] = lerpRow(p.aperiodicity[i0], p.aperiodicity[i1], w);
  }
  return { ...p, f0, spectrogram: sp, aperiodicity: ap };
}

function lerpRow(a: Float64Array, b: Float64Array, w: number): Float64Array {
  if (w === 0 || a === b) return a.slice();
  const out = new Float64Array(a.length);
  const v = 1 - w;
  for (let k = 0; k < a.length; k++) out[k] = v * a[k] + w * b[k];
  return out;
}

/**
 * Shifts the formants by `ratio` (> 1 = up): the envelope and the aperiodicity are warped along frequency,
 * new(f) = old(f / ratio), with linear interpolation between bins; above the input's Nyquist the last bin is held.
 * F0 is unchanged.
 */
export function formantShift(p: VocoderParams, ratio: number): VocoderParams {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`formantShift: ratio must be > 0, got ${ratio}`);
  return {
    ...p,
    f0: p.f0.slice(),
    spectrogram: p.spectrogram.map((r) => warpRow(r, ratio)),
    aperiodicity: p.aperiodicity.map((r) => warpRow(r, ratio)),
  };
}

function warpRow(row: Float64Array, ratio: number): Float64Array {
  const bins = row.length;
  const out = new Float64Array(bins);
  const last = bins - 1;
  for (let k = 0; k < bins; k++) {
    const x = k / ratio;
    if (x >= last) {
      out[k] = row[last];
      continue;
    }
    const i = Math.floor(x);
    const w = x - i;
    out[k] = row[i] + w * (row[i + 1] - row[i]);
  }
  return out;
}
