/**
 * F0 estimation, the public entry: `estimateF0(audio)` gives one F0 per 5 ms frame (0 = unvoiced) for speech and
 * singing between 50 and 1100 Hz.
 *
 * - 'dio' (default, fast): DIO candidates (Morise et al. 2009) -> StoneMask refinement by instantaneous frequency ->
 *   voicing from full-band periodicity at the refined period and the frame level.
 * - 'autocorr' (robust, slower): a Praat/RAPT-style normalised-autocorrelation tracker with a best-path search
 *   (Boersma 1993), f0-autocorr.ts, then the same StoneMask refinement and voicing decision.
 */
import type { Audio } from '../audio/types.js';
import type { F0Track } from './types.js';
import { UserError } from '../errors.js';
import { dio } from './dio.js';
import { stoneMask } from './stonemask.js';
import { selectCandidates } from './f0-select.js';
import { decideVoicing } from './f0-decide.js';
import { autocorrelationF0 } from './f0-autocorr.js';
import { repairJumps } from './f0-continuity.js';

export interface EstimateF0Options {
  method?: 'dio' | 'autocorr';
  /** Seconds between frames (default 0.005). */
  framePeriod?: number;
  /** Lowest F0 in Hz (default 50). */
  f0Floor?: number;
  /** Highest F0 in Hz (default 1100). */
  f0Ceil?: number;
}

function validate(audio: Audio, framePeriod: number, f0Floor: number, f0Ceil: number): void {
  if (!(audio.sampleRate > 0) || !Number.isFinite(audio.sampleRate)) {
    throw new UserError(`sample rate must be a positive number, got ${audio.sampleRate}`);
  }
  if (!(framePeriod > 0) || framePeriod > 1) throw new UserError(`frame period must be in (0, 1] s, got ${framePeriod}`);
  if (!(f0Floor > 0) || !(f0Ceil > f0Floor)) {
    throw new UserError(`F0 range must satisfy 0 < floor < ceiling, got ${f0Floor}..${f0Ceil} Hz`);
  }
  if (f0Ceil >= audio.sampleRate / 4) {
    throw new UserError(`F0 ceiling ${f0Ceil} Hz is too high for a sample rate of ${audio.sampleRate} Hz`);
  }
  if (f0Floor < 10) throw new UserError(`F0 floor must be at least 10 Hz, got ${f0Floor}`);
}

/** Estimates F0 per frame (frame i at i * framePeriod, floor(duration / framePeriod) + 1 frames; 0 = unvoiced). */
export function estimateF0(audio: Audio, opts: EstimateF0Options = {}): F0Track {
  const framePeriod = opts.framePeriod ?? 0.005;
  const f0Floor = opts.f0Floor ?? 50;
  const f0Ceil = opts.f0Ceil ?? 1100;
  validate(audio, framePeriod, f0Floor, f0Ceil);
  const nFrames = Math.floor(audio.samples.length / audio.sampleRate / framePeriod) + 1;
  if (audio.samples.length === 0) return { framePeriod, f0: new Float64Array(nFrames) };
  const method = opts.method ?? 'dio';
  let candidates: Float64Array;
  if (method === 'dio') {
    const raw = dio(audio, { framePeriod, f0Floor, f0Ceil });
    const init = selectCandidates(raw.channels, raw.decimated, framePeriod, f0Floor);
    candidates = stoneMask(audio, init, framePeriod);
  } else if (method === 'autocorr') {
    candidates = autocorrelationF0(audio, { framePeriod, f0Floor, f0Ceil });
  } else {
    throw new UserError(`unknown F0 method "${String(method)}" (expected dio or autocorr)`);
  }
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i] < f0Floor || candidates[i] > f0Ceil) candidates[i] = 0;
  }
  const f0 = decideVoicing(audio, candidates, framePeriod);
  const changed = repairJumps(f0);
  if (changed.length > 0) {
    const redo = new Float64Array(f0.length);
    for (const i of changed) redo[i] = f0[i];
    const refined = stoneMask(audio, redo, framePeriod);
    for (const i of changed) f0[i] = refined[i] >= f0Floor && refined[i] <= f0Ceil ? refined[i] : 0;
  }
  return { framePeriod, f0 };
}
