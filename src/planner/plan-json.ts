import type { Plan } from './types.js';

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * The plan as JSON text (times to the microsecond, curves to 3-4 decimals): stable, so the same plan gives
 * the same bytes.
 */
export function planToJson(plan: Plan, extra: Record<string, unknown> = {}): string {
  const out = {
    format: 'cantor-plan',
    version: 1,
    ...extra,
    framePeriod: plan.framePeriod,
    duration: round(plan.duration, 6),
    segments: plan.segments.map((s) => ({
      start: round(s.start, 6),
      end: round(s.end, 6),
      phoneme: s.phoneme,
      cls: s.cls,
      voiced: s.voiced,
      noteIndex: s.noteIndex,
    })),
    f0: Array.from(plan.f0, (x) => round(x, 3)),
    loudness: Array.from(plan.loudness, (x) => round(x, 3)),
    breathiness: Array.from(plan.breathiness, (x) => round(x, 4)),
    tension: Array.from(plan.tension, (x) => round(x, 4)),
    formant: Array.from(plan.formant, (x) => round(x, 4)),
  };
  return JSON.stringify(out) + '\n';
}

/** Reads back what planToJson wrote (e.g. for the synthesizer). Throws on a text that is not a plan. */
export function planFromJson(text: string): Plan {
  const o = JSON.parse(text) as Record<string, unknown>;
  if (o.format !== 'cantor-plan') throw new Error('not a cantor plan (format field missing)');
  const arr = (k: string) => {
    const v = o[k];
    if (!Array.isArray(v)) throw new Error(`plan: '${k}' is not an array`);
    return Float64Array.from(v as number[]);
  };
  return {
    framePeriod: Number(o.framePeriod),
    duration: Number(o.duration),
    segments: o.segments as Plan['segments'],
    f0: arr('f0'),
    loudness: arr('loudness'),
    breathiness: arr('breathiness'),
    tension: arr('tension'),
    formant: arr('formant'),
  };
}
