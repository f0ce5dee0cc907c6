/**
 * Colour: the plan's loudness, breathiness and tension curves applied to the frames' mel-cepstra and band
 * aperiodicity (the formant curve is a frequency warp, applied when the envelope is decoded: decode.ts).
 *
 *  - loudness (dB): c0 is the mean log amplitude (ln |H| = c0 + 2 sum c_m cos(m beta)), so a gain of g dB adds
 *    g ln(10) / 20 to c0.
 *  - breathiness (0..1): the band aperiodicity (dB, <= 0) of voiced frames is moved towards 0 dB (noise), by
 *    BREATH_DEPTH of the way at 1: the harmonics give way to aspiration noise above the lowest band.
 *  - tension (-1..1): spectral tilt. c1 weights 2 cos(beta), which runs from +2 at DC to -2 at Nyquist, so adding
 *    -t * TILT to c1 raises the top against the bottom by 4 t TILT nepers (5 dB at t = 1): pressed voices are brighter,
 *    lax ones darker (Sundberg, "The Science of the Singing Voice", 1987: source spectrum slope and phonation).
 */
import type { Plan } from '../planner/types.js';

const DB_TO_NEPER = Math.LN10 / 20;
/** Share of the way to 0 dB that full breathiness moves the band aperiodicity. */
export const BREATH_DEPTH = 0.7;
/** c1 change at tension +-1 (nepers): the envelope tilts by 4 * 0.15 = 0.6 Np (5.2 dB) from DC to Nyquist. */
export const TILT = 0.15;

export function applyColour(
  plan: Plan,
  mcep: Float64Array,
  dim: number,
  ap: Float64Array,
  bands: number,
  voiced: Uint8Array,
): void {
  const frames = voiced.length;
  for (let i = 0; i < frames; i++) {
    const gain = plan.loudness[i] ?? 0;
    const tension = plan.tension[i] ?? 0;
    const breath = plan.breathiness[i] ?? 0;
    if (gain !== 0 && Number.isFinite(gain)) mcep[i * dim] += gain * DB_TO_NEPER;
    if (tension !== 0 && Number.isFinite(tension) && dim > 1) mcep[i * dim + 1] -= Math.max(-1, Math.min(1, tension)) * TILT;
    if (voiced[i] && breath > 0 && Number.isFinite(breath)) {
      const k = 1 - BREATH_DEPTH * Math.min(1, breath);
      for (let b = 0; b < bands; b++) ap[i * bands + b] *= k;
    }
  }
}
