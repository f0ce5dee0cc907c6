/**
 * Scores, plans and renderings for the studio's routes: request bodies checked and turned into the library's types.
 *
 * The page's state is a cantor-score JSON document (docs/score-json.md) and every edit is written into it: a moved
 * note changes its pitch/ticks, a drawn F0 curve becomes the note's `overrides.pitchPoints`, the lanes become
 * `curves.loudness/breathiness/tension/formant`, vibrato and timing controls the note's `overrides`. So the server
 * renders exactly what is saved and exported. A request may instead carry a plan (planToJson form) to render as is.
 */
import type { Audio } from '../audio/types.js';
import { planFromJson } from '../planner/plan-json.js';
import { planSong } from '../planner/song.js';
import type { Plan } from '../planner/types.js';
import { render, type RenderReport } from '../render/render.js';
import { scaleTempo, transposeScore } from '../render/score-edits.js';
import { scoreFromJson, type Score } from '../score/index.js';
import type { Voice } from '../voice/types.js';
import { HttpError } from './http-errors.js';
import { slicePlan } from './plan-slice.js';

/** Longest song the server renders in one request (s). */
export const MAX_RENDER_SECONDS = 900;
const MAX_NOTES = 20000;

export interface SongRequest {
  score?: Score;
  plan?: Plan;
  voice?: string;
  key: number;
  tempo: number;
  seed: number;
  /** Render only [start, end) seconds of the plan. */
  range?: { start: number; end: number };
}

function num(o: Record<string, unknown>, k: string, min: number, max: number, dflt: number): number {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new HttpError(400, `'${k}' must be a number in ${min}..${max} (got ${JSON.stringify(v).slice(0, 40)})`);
  }
  return v;
}

/** A Score from a cantor-score document in a request; problems are 400s naming the document and the JSON path. */
export function scoreFromDoc(doc: unknown, name = 'score.json'): Score {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new HttpError(400, `'score' must be a cantor-score JSON object`);
  const notes = (doc as { notes?: unknown }).notes;
  if (Array.isArray(notes) && notes.length > MAX_NOTES) throw new HttpError(413, `the score has ${notes.length} notes (at most ${MAX_NOTES})`);
  const score = scoreFromJson(JSON.stringify(doc), name);
  if (score.duration > MAX_RENDER_SECONDS) throw new HttpError(413, `the score lasts ${score.duration.toFixed(0)} s (at most ${MAX_RENDER_SECONDS} s)`);
  return score;
}

/** A Plan from its JSON object, checked so the renderer never meets inconsistent arrays. */
export function planFromDoc(doc: unknown): Plan {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new HttpError(400, `'plan' must be a cantor-plan JSON object`);
  let plan: Plan;
  try {
    plan = planFromJson(JSON.stringify(doc));
  } catch (err) {
    throw new HttpError(400, `invalid plan: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fp = plan.framePeriod;
  if (!(fp >= 0.001 && fp <= 0.05)) throw new HttpError(400, 'invalid plan: framePeriod must be in 0.001..0.05 s');
  if (!(plan.duration > 0 && plan.duration <= MAX_RENDER_SECONDS)) throw new HttpError(400, `invalid plan: duration must be in (0, ${MAX_RENDER_SECONDS}] s`);
  const n = plan.f0.length;
  if (Math.abs(n - (plan.duration / fp + 1)) > 2) throw new HttpError(400, `invalid plan: ${n} frames do not cover ${plan.duration} s`);
  for (const k of ['f0', 'loudness', 'breathiness', 'tension', 'formant'] as const) {
    const a = plan[k];
    if (a.length !== n) throw new HttpError(400, `invalid plan: '${k}' has ${a.length} frames, f0 has ${n}`);
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new HttpError(400, `invalid plan: ${k}[${i}] is not a number`);
  }
  for (let i = 0; i < n; i++) if (plan.f0[i] < 0 || plan.f0[i] > 2000) throw new HttpError(400, `invalid plan: f0[${i}] out of 0..2000 Hz`);
  for (let i = 0; i < n; i++) if (plan.formant[i] < 0.5 || plan.formant[i] > 2) throw new HttpError(400, `invalid plan: formant[${i}] out of 0.5..2`);
  if (!Array.isArray(plan.segments) || plan.segments.length === 0) throw new HttpError(400, 'invalid plan: no segments');
  let t = 0;
  for (const [i, s] of plan.segments.entries()) {
    if (typeof s !== 'object' || s === null || typeof s.phoneme !== 'string' || typeof s.cls !== 'string' ||
      !Number.isFinite(s.start) || !Number.isFinite(s.end) || s.end < s.start || Math.abs(s.start - t) > 1e-3) {
      throw new HttpError(400, `invalid plan: segments[${i}] must be {start, end, phoneme, cls, voiced} tiling the timeline`);
    }
    t = s.end;
  }
  return plan;
}

/** Reads the fields of a plan/render request body. */
export function songRequest(body: Record<string, unknown>): SongRequest {
  const req: SongRequest = {
    key: num(body, 'key', -24, 24, 0),
    tempo: num(body, 'tempo', 0.25, 4, 1),
    seed: Math.round(num(body, 'seed', -(2 ** 31), 2 ** 31 - 1, 1)),
  };
  if (body.voice !== undefined) {
    if (typeof body.voice !== 'string') throw new HttpError(400, `'voice' must be a voice id`);
    req.voice = body.voice;
  }
  if (body.plan !== undefined) req.plan = planFromDoc(body.plan);
  else if (body.score !== undefined) req.score = scoreFromDoc(body.score, typeof body.name === 'string' ? body.name.slice(0, 200) : 'score.json');
  else throw new HttpError(400, `the request needs a 'score' (cantor-score JSON) or a 'plan' (cantor-plan JSON)`);
  if (body.range !== undefined) {
    const r = body.range as Record<string, unknown>;
    if (typeof r !== 'object' || r === null) throw new HttpError(400, `'range' must be {start, end} in seconds`);
    const start = num(r, 'start', 0, MAX_RENDER_SECONDS, 0);
    const end = num(r, 'end', 0, MAX_RENDER_SECONDS, MAX_RENDER_SECONDS);
    if (!(end > start)) throw new HttpError(400, `'range' must have end > start`);
    req.range = { start, end };
  }
  return req;
}

/** The plan of a request: its own plan, or its score (transposed, tempo-scaled) planned for the voice. */
export function planOf(req: SongRequest, voice: Voice): Plan {
  let plan: Plan;
  if (req.plan) plan = req.plan;
  else {
    const score = req.score!;
    if (!score.notes.some((n) => n.kind !== 'rest')) throw new HttpError(400, 'the score has no notes to sing');
    const edited = scaleTempo(transposeScore(score, req.key), req.tempo);
    plan = planSong(edited, { seed: req.seed, consonantDurations: voice.stats.consonantDurations });
  }
  return req.range ? slicePlan(plan, req.range.start, req.range.end) : plan;
}

export function renderRequest(req: SongRequest, voice: Voice): { audio: Audio; report: RenderReport; plan: Plan } {
  const plan = planOf(req, voice);
  const { audio, report } = render(plan, voice, { seed: req.seed });
  return { audio, report, plan };
}
