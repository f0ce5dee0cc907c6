import { UserError } from '../errors.js';
import type { Language } from '../lyrics/types.js';
import { parsePitchName } from './pitch-name.js';
import type { RawNote } from './raw-note.js';
import { scoreFileSchema, type ScoreFile } from './json-schema.js';
import { buildTempoMap } from './tempo-map.js';
import type { Score, ScoreCurves, TempoEvent } from './types.js';

export const SCORE_FORMAT = 'cantor-score';
export const SCORE_VERSION = 1;

/** Writes a Score as a cantor-score v1 JSON document (pretty, rests included, pitch null for rests). */
export function scoreToJson(score: Score): string {
  const doc: ScoreFile = {
    format: SCORE_FORMAT,
    version: SCORE_VERSION,
    title: score.title,
    source: score.source,
    language: score.language,
    tempo: score.tempo.map((t) => ({ tick: t.tick, bpm: t.bpm, time: round6(t.time) })),
    duration: round6(score.duration),
    notes: score.notes.map((n) => {
      const out: ScoreFile['notes'][number] = {
        index: n.index,
        kind: n.kind,
        startTick: n.startTick,
        endTick: n.endTick,
        start: round6(n.start),
        end: round6(n.end),
        pitch: Number.isNaN(n.pitch) ? null : n.pitch,
        lyric: n.lyric,
      };
      if (n.syllabic) out.syllabic = n.syllabic;
      if (n.language) out.language = n.language;
      if (n.kind === 'syllable') out.phonemes = n.phonemes;
      for (const k of ['approximate', 'velocity', 'tie', 'melisma', 'breath', 'grace', 'fermata', 'accent', 'overrides'] as const) {
        if (n[k] !== undefined) (out as Record<string, unknown>)[k] = n[k];
      }
      return out;
    }),
    curves: score.curves,
    selection: score.selection,
    warnings: score.warnings.length ? score.warnings : undefined,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** "notes[3].pitch" from a zod issue path. */
function jsonPath(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(top level)';
}

export interface JsonScoreParts {
  raw: RawNote[];
  tempo: TempoEvent[];
  title?: string;
  language?: Language;
  curves: ScoreCurves;
  selection?: Score['selection'];
  warnings: string[];
}

/** Parses and validates a cantor-score JSON document into raw notes (the Score is built by the caller). */
export function readScoreJson(text: string, file: string): JsonScoreParts {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new UserError(`not valid JSON: ${msg}`, { file, where: jsonErrorLine(text, msg), cause: err });
  }
  return readScoreData(data, file);
}

/** The line of a JSON.parse error: from "at position N" (older V8) or the quoted context (newer V8). */
function jsonErrorLine(text: string, msg: string): string | undefined {
  const pos = /position (\d+)/.exec(msg);
  let at = pos ? Number(pos[1]) : -1;
  if (at < 0) {
    const ctx = /"(?:\.\.\.)?([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(msg)?.[1];
    const idx = ctx ? text.indexOf(ctx) : -1;
    if (idx >= 0) at = idx + ctx!.length - 1;
  }
  return at >= 0 ? `line ${text.slice(0, at).split('\n').length}` : undefined;
}

function readScoreData(data: unknown, file: string): JsonScoreParts {
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format !== SCORE_FORMAT) {
    throw new UserError(`not a cantor score: "format" must be "${SCORE_FORMAT}"`, { file, where: 'at format' });
  }
  if (typeof data === 'object' && data !== null && (data as { version?: unknown }).version !== SCORE_VERSION) {
    throw new UserError(`unsupported cantor-score version ${JSON.stringify((data as { version?: unknown }).version)} (this program reads version ${SCORE_VERSION})`, { file, where: 'at version' });
  }
  const res = scoreFileSchema.safeParse(data);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw new UserError(`invalid score: ${issue.message}`, { file, where: `at ${jsonPath(issue.path)}` });
  }
  const doc = res.data;
  const raw: RawNote[] = doc.notes.map((n, i) => {
    let pitch: number;
    if (n.pitch === null || n.pitch === undefined || n.kind === 'rest') pitch = NaN;
    else if (typeof n.pitch === 'string') {
      const p = parsePitchName(n.pitch);
      if (p === undefined) throw new UserError(`invalid score: "${n.pitch}" is not a pitch name (e.g. "C#4")`, { file, where: `at notes[${i}].pitch` });
      pitch = p;
    } else pitch = n.pitch;
    if (Number.isNaN(pitch) && n.kind !== undefined && n.kind !== 'rest') {
      throw new UserError(`invalid score: a ${n.kind} note needs a pitch`, { file, where: `at notes[${i}].pitch` });
    }
    const r: RawNote = { startTick: n.startTick, endTick: n.endTick, pitch, where: `notes[${i}]` };
    if (n.kind === 'continuation') r.continuation = true;
    if (n.kind === 'syllable') r.syllable = true;
    if (n.kind !== 'continuation' && n.lyric !== undefined && n.lyric !== '') r.lyric = n.lyric;
    if (n.syllabic) r.syllabic = n.syllabic;
    if (n.kind === 'syllable' && n.phonemes && n.phonemes.length > 0) r.phonemes = n.phonemes;
    if (n.approximate) r.approximate = true;
    if (n.velocity !== undefined) r.velocity = n.velocity;
    if (n.tie) r.tieStart = true;
    if (n.breath) r.breath = true;
    if (n.grace) r.grace = true;
    if (n.fermata) r.fermata = true;
    if (n.accent) r.accent = n.accent;
    if (n.overrides) r.overrides = n.overrides;
    return r;
  });
  // Overlaps are an error here (the file is meant to be exact), unlike in MIDI where they are tidied.
  const order = raw.map((r, i) => ({ r, i })).filter((x) => !Number.isNaN(x.r.pitch)).sort((a, b) => a.r.startTick - b.r.startTick);
  for (let k = 1; k < order.length; k++) {
    if (order[k].r.startTick < order[k - 1].r.endTick) {
      throw new UserError(`invalid score: notes[${order[k].i}] starts at tick ${order[k].r.startTick}, before notes[${order[k - 1].i}] ends (tick ${order[k - 1].r.endTick}); a voice sings one note at a time`, { file, where: `at notes[${order[k].i}].startTick` });
    }
  }
  // Tied notes: the next note continues this one.
  for (const x of order) if (x.r.tieStart) {
    const next = order.find((y) => y.r.startTick === x.r.endTick);
    if (next) next.r.tieStop = true;
  }
  return {
    raw,
    tempo: buildTempoMap(doc.tempo ?? []),
    title: doc.title,
    language: doc.language,
    curves: doc.curves ?? {},
    selection: doc.selection,
    warnings: doc.warnings ?? [],
  };
}
