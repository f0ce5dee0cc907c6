/**
 * A phrase of a plan: the frames and phoneme segments between two times, shifted to start at 0, so that one phrase
 * can be rendered on its own (the page's worker does this for the selection; the server for a render range).
 * Plain TypeScript, no Node built-ins: the page bundles it.
 */
import type { Plan } from '../planner/types.js';

/** The part of `plan` from `start` to `end` seconds (clamped to the plan), starting at time 0. */
export function slicePlan(plan: Plan, start: number, end: number): Plan {
  const fp = plan.framePeriod;
  const a = Math.max(0, Math.min(plan.duration, start));
  const b = Math.max(a, Math.min(plan.duration, end));
  const first = Math.round(a / fp);
  const t0 = first * fp;
  const last = Math.min(plan.f0.length - 1, Math.round(b / fp));
  const duration = Math.max(fp, (last - first) * fp);
  const segments = plan.segments
    .filter((s) => s.end > t0 && s.start < t0 + duration)
    .map((s) => ({ ...s, start: Math.max(0, s.start - t0), end: Math.min(duration, s.end - t0) }))
    .filter((s) => s.end > s.start);
  if (segments.length > 0) {
    segments[0].start = 0;
    segments[segments.length - 1].end = duration;
  } else segments.push({ start: 0, end: duration, phoneme: 'pau', cls: 'silence', voiced: false, noteIndex: -1 });
  const cut = (x: Float64Array) => x.slice(first, last + 1);
  return {
    framePeriod: fp,
    duration,
    segments,
    f0: cut(plan.f0),
    loudness: cut(plan.loudness),
    breathiness: cut(plan.breathiness),
    tension: cut(plan.tension),
    formant: cut(plan.formant),
  };
}
