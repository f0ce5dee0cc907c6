/**
 * The page's document: a cantor-score JSON object (docs/score-json.md), the same thing the server parses, renders,
 * saves and exports. Every edit in the studio is written into it:
 *  - moving a note: its `pitch` (and its pitch points) or its ticks;
 *  - drawing/dragging the F0 curve: the note's `overrides.pitchPoints` (absolute time, float MIDI);
 *  - the lanes: `curves.loudness / breathiness / tension / formant` (points in seconds);
 *  - vibrato and timing controls: the note's `overrides.vibrato / preutterance / portamento / dynamics`.
 */
import type { Score, VibratoSettings } from '../../src/score/types.js';
import { buildTempoMap, tickToTime } from '../../src/score/tempo-map.js';

export interface PhonemeDoc {
  symbol: string;
  cls: string;
  voiced: boolean;
  stress?: number;
}

export interface PitchPointDoc {
  time: number;
  pitch: number;
  shape?: 's' | 'l' | 'r' | 'j';
}

/** Per-note vibrato in the JSON score: the score model's own settings. */
export type VibratoDoc = VibratoSettings;

export interface OverridesDoc {
  phonemes?: string[];
  vibrato?: VibratoDoc;
  pitchPoints?: PitchPointDoc[];
  dynamics?: number;
  preutterance?: number;
  portamento?: number;
}

export interface NoteDoc {
  index?: number;
  kind?: 'syllable' | 'continuation' | 'rest';
  startTick: number;
  endTick: number;
  start?: number;
  end?: number;
  pitch: number | null;
  lyric?: string;
  syllabic?: string;
  language?: string;
  phonemes?: PhonemeDoc[];
  velocity?: number;
  overrides?: OverridesDoc;
  [k: string]: unknown;
}

export interface CurvePointDoc {
  time: number;
  value: number;
}

export type LaneName = 'loudness' | 'breathiness' | 'tension' | 'formant';

export interface ScoreDoc {
  format: 'cantor-score';
  version: 1;
  title?: string;
  language?: string;
  tempo: { tick: number; bpm: number; time?: number }[];
  duration?: number;
  notes: NoteDoc[];
  curves?: { pitch?: PitchPointDoc[] } & Partial<Record<LaneName, CurvePointDoc[]>>;
  [k: string]: unknown;
}

export const TICKS_PER_QUARTER = 480;

/** An empty song: four bars at 120 bpm with one note to start from. */
export function emptyDoc(): ScoreDoc {
  return {
    format: 'cantor-score',
    version: 1,
    title: 'untitled',
    language: 'en',
    tempo: [{ tick: 0, bpm: 120 }],
    notes: [{ startTick: 0, endTick: 960, pitch: 67, lyric: 'la' }],
  };
}

/** Seconds of every note's start and end from its ticks (after a timing edit), and the song's duration. */
export function retime(doc: ScoreDoc): void {
  const map = buildTempoMap(doc.tempo.map((t) => ({ tick: t.tick, bpm: t.bpm })));
  for (const n of doc.notes) {
    n.start = tickToTime(map, n.startTick);
    n.end = tickToTime(map, n.endTick);
  }
  const last = doc.notes[doc.notes.length - 1];
  doc.duration = last ? Math.max(last.end ?? 0, 0) : 0;
}

export function sungNotes(doc: ScoreDoc): NoteDoc[] {
  return doc.notes.filter((n) => n.kind !== 'rest' && n.pitch !== null);
}

/** The library's Score from the document, for the worker's planner (the document must have been parsed once). */
export function docToScore(doc: ScoreDoc): Score {
  return {
    title: doc.title,
    language: doc.language ?? 'en',
    notes: doc.notes.map((n, i) => ({
      ...(n as object),
      index: i,
      kind: n.kind ?? 'syllable',
      start: n.start ?? 0,
      end: n.end ?? 0,
      pitch: n.pitch === null ? NaN : n.pitch,
      lyric: n.lyric ?? '',
      phonemes: (n.phonemes ?? []) as Score['notes'][number]['phonemes'],
    })) as Score['notes'],
    tempo: buildTempoMap(doc.tempo.map((t) => ({ tick: t.tick, bpm: t.bpm }))),
    duration: doc.duration ?? 0,
    curves: (doc.curves ?? {}) as Score['curves'],
    warnings: [],
  };
}

/** Moves a note by `semitones`, its own pitch points with it. */
export function transposeNote(n: NoteDoc, semitones: number): void {
  if (n.pitch === null) return;
  n.pitch = Math.min(127, Math.max(0, n.pitch + semitones));
  for (const p of n.overrides?.pitchPoints ?? []) p.pitch += semitones;
}

/** True when the document needs the server's parser (new lyrics, added notes) before it can be planned here. */
export function needsParse(doc: ScoreDoc): boolean {
  return doc.notes.some((n) => n.kind === undefined || (n.kind === 'syllable' && n.phonemes === undefined) || n.start === undefined);
}
