import type { Score } from '../score/types.js';
import { planDurations } from './durations.js';
import { planDynamics } from './dynamics.js';
import { DEFAULT_FRAME_PERIOD, type PlanOptions } from './options.js';
import { planPitch } from './pitch.js';
import type { Plan } from './types.js';

/** Plans a sung score: phoneme timing, then the F0 curve and the loudness and colour curves on 5 ms frames. */
export function planSong(score: Score, opts: PlanOptions = {}): Plan {
  const framePeriod = opts.framePeriod ?? DEFAULT_FRAME_PERIOD;
  const segments = planDurations(score, opts);
  const f0 = planPitch(score, segments, opts);
  const dyn = planDynamics(score, segments, opts);
  return { framePeriod, duration: score.duration, segments, f0, ...dyn };
}
