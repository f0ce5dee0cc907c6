import type { Note, Score } from '../score/types.js';
import { DEFAULT_FRAME_PERIOD, dynamicsParams, frameCount, type PlanOptions } from './options.js';
import { sCurve } from './shapes.js';
import type { PhonemeSegment } from './types.js';
import { overlayCurve } from './user-curve.js';

export interface DynamicsCurves {
  loudness: Float64Array;
  breathiness: Float64Array;
  tension: Float64Array;
  formant: Float64Array;
}

/** Velocity to dB relative to mezzo-forte (velocity 80): the square-law amplitude mapping, 40 log10(v / 80). */
export function velocityDb(velocity: number | undefined): number {
  if (velocity === undefined || !Number.isFinite(velocity) || velocity <= 0) return 0;
  return 40 * Math.log10(Math.min(127, velocity) / 80);
}

function isSung(n: Note | undefined): boolean {
  return n !== undefined && n.kind !== 'rest' && !Number.isNaN(n.pitch);
}

/**
 * Loudness (dB re neutral), breathiness (0..1), tension (-1..1) and formant ratio per frame.
 * Loudness: each note's level from its velocity (the dynamics mark in force), replaced by the user loudness
 * curve (marks and wedges) where there is one and by the note's own `overrides.dynamics`; levels cross-fade
 * between notes and the last note of a phrase falls a little. Colour follows the level (soft singing is
 * breathier and laxer, loud singing more pressed) around neutral bases; user curves replace it where given.
 */
export function planDynamics(score: Score, _segments: PhonemeSegment[], opts: PlanOptions = {}): DynamicsCurves {
  const fp = opts.framePeriod ?? DEFAULT_FRAME_PERIOD;
  const p = dynamicsParams(opts);
  const frames = frameCount(score.duration, fp);
  const notes = score.notes;

  // Level per note; rests hold the level of the next sung note (else the previous).
  const level = new Float64Array(frames);
  const noteLevel = notes.map((n) => (isSung(n) ? velocityDb(n.velocity) : NaN));
  for (let j = notes.length - 2; j >= 0; j--) if (Number.isNaN(noteLevel[j])) noteLevel[j] = noteLevel[j + 1];
  for (let j = 1; j < notes.length; j++) if (Number.isNaN(noteLevel[j])) noteLevel[j] = noteLevel[j - 1];
  let i = 0;
  for (let j = 0; j < notes.length; j++) {
    const end = j === notes.length - 1 ? frames : Math.min(frames, Math.ceil(notes[j].end / fp - 1e-9));
    const v = Number.isNaN(noteLevel[j]) ? 0 : noteLevel[j];
    for (; i < end; i++) level[i] = v;
  }
  // Cross-fade level steps (a raised cosine centred on the boundary).
  const half = p.crossfade / 2;
  for (let j = 1; j < notes.length; j++) {
    const a = noteLevel[j - 1];
    const b = noteLevel[j];
    if (!(a !== b) || Number.isNaN(a) || Number.isNaN(b) || half <= 0) continue;
    const t0 = notes[j].start - half;
    for (let k = Math.max(0, Math.ceil(t0 / fp)); k <= Math.min(frames - 1, Math.floor((notes[j].start + half) / fp)); k++) {
      level[k] = a + (b - a) * sCurve((k * fp - t0) / p.crossfade);
    }
  }
  overlayCurve(level, fp, score.curves.loudness);
  for (const n of notes) {
    const d = n.overrides?.dynamics;
    if (d === undefined || !Number.isFinite(d) || !isSung(n)) continue;
    for (let k = Math.max(0, Math.ceil(n.start / fp)); k < Math.min(frames, Math.ceil(n.end / fp)); k++) level[k] = d;
  }

  // Accents: a louder attack that decays exponentially over the note (on top of the level in force).
  for (const n of notes) {
    if (!n.accent || !isSung(n)) continue;
    const boost = n.accent === 'strong' ? p.strongAccentDb : p.accentDb;
    for (let k = Math.max(0, Math.ceil(n.start / fp)); k < Math.min(frames, Math.ceil(n.end / fp)); k++) {
      level[k] += boost * Math.exp(-(k * fp - n.start) / p.accentDecay);
    }
  }

  // Phrase ends: the last sung note before a rest (or the end) falls by phraseEndDrop and gets breathier.
  const phraseEnd = new Float64Array(frames);
  for (let j = 0; j < notes.length; j++) {
    if (!isSung(notes[j]) || isSung(notes[j + 1])) continue;
    const n = notes[j];
    const from = n.start + 0.6 * (n.end - n.start);
    for (let k = Math.max(0, Math.ceil(from / fp)); k < Math.min(frames, Math.ceil(n.end / fp)); k++) {
      phraseEnd[k] = sCurve((k * fp - from) / (n.end - from));
    }
  }

  const loudness = new Float64Array(frames);
  const breathiness = new Float64Array(frames);
  const tension = new Float64Array(frames);
  const formant = new Float64Array(frames);
  for (let k = 0; k < frames; k++) {
    const db = level[k] - p.phraseEndDrop * phraseEnd[k];
    loudness[k] = db;
    breathiness[k] = clamp(p.breathiness + p.breathPerSoftDb * Math.max(0, -db) + p.phraseEndBreath * phraseEnd[k], 0, 1);
    tension[k] = clamp(p.tension + p.tensionPerDb * db, -1, 1);
    formant[k] = p.formant;
  }
  overlayCurve(breathiness, fp, score.curves.breathiness);
  overlayCurve(tension, fp, score.curves.tension);
  overlayCurve(formant, fp, score.curves.formant);
  return { loudness, breathiness, tension, formant };
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
