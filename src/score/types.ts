import type { Language, Phoneme } from '../lyrics/types.js';

/** Ticks per quarter note in every Score, whatever the source file used. */
export const TICKS_PER_QUARTER = 480;

/** One entry of the tempo map: from `tick` on (at `time` seconds) the tempo is `bpm` quarter notes a minute. */
export interface TempoEvent {
  tick: number;
  time: number;
  bpm: number;
}

/** A point of a user curve, at an absolute time in seconds. */
export interface CurvePoint {
  time: number;
  value: number;
}

/** A user pitch point: absolute time (s) and pitch as a float MIDI note number. */
export interface PitchPoint {
  time: number;
  pitch: number;
  /** Shape of the segment that ends at this point (UTAU PBM: s = S-curve, l = linear, r = ease-out, j = ease-in). */
  shape?: 's' | 'l' | 'r' | 'j';
}

/** Vibrato settings; any missing field takes the planner's default. */
export interface VibratoSettings {
  /** Hz. */
  rate?: number;
  /** Half-amplitude in cents. */
  depth?: number;
  /** Seconds from note onset before vibrato starts. */
  delay?: number;
  /** Seconds to reach full depth. */
  fadeIn?: number;
  /** Seconds to fade out before the note ends. */
  fadeOut?: number;
  /** Starting phase, 0..1 of a cycle. */
  phase?: number;
  /** Set false to turn vibrato off for this note. */
  enabled?: boolean;
}

/** Per-note overrides from the JSON score (or UST), which win over everything automatic. */
export interface NoteOverrides {
  /** Replace the lyric's phonemes (symbols of the note's language). */
  phonemes?: string[];
  vibrato?: VibratoSettings;
  /** Absolute pitch points for this note's span. */
  pitchPoints?: PitchPoint[];
  /** Loudness in dB relative to the neutral level (0). */
  dynamics?: number;
  /** Seconds the first consonant starts before the onset (UTAU preutterance). */
  preutterance?: number;
  /** Portamento length override in seconds. */
  portamento?: number;
}

export type NoteKind =
  /** A note that starts a syllable (its phonemes are in `phonemes`). */
  | 'syllable'
  /** A note that continues the previous syllable's vowel (melisma, `-`/`+`, extender, or no lyric). */
  | 'continuation'
  /** Silence. */
  | 'rest';

export interface Note {
  /** Position in `Score.notes`. */
  index: number;
  kind: NoteKind;
  /** Seconds from the start of the score. */
  start: number;
  end: number;
  startTick: number;
  endTick: number;
  /** MIDI note number as a float (microtones allowed). NaN for rests. */
  pitch: number;
  /** The lyric as written ('' for none). */
  lyric: string;
  syllabic?: 'single' | 'begin' | 'middle' | 'end';
  language?: Language;
  /** Phonemes sung from this note on; empty for continuations and rests. */
  phonemes: Phoneme[];
  /** The pronunciation was guessed (eSpeak-NG fallback). */
  approximate?: boolean;
  /** 0..127, from MIDI velocity or the dynamics mark in force. */
  velocity?: number;
  /** Tied to the next note (the next note is a continuation of this one). */
  tie?: boolean;
  /** Part of a slur/extender: the syllable's vowel continues over the following note(s). */
  melisma?: boolean;
  /** A breath is taken after this note. */
  breath?: boolean;
  grace?: boolean;
  fermata?: boolean;
  /** Accent mark: 'accent' (>) or 'strong' (^): a louder attack. */
  accent?: 'accent' | 'strong';
  overrides?: NoteOverrides;
}

/** User curves carried from the source (UST pitch bends, JSON curves, dynamics marks and wedges). */
export interface ScoreCurves {
  /** Absolute pitch points (override the automatic F0 where present). */
  pitch?: PitchPoint[];
  /** Loudness in dB relative to neutral (0 dB = mf). */
  loudness?: CurvePoint[];
  /** 0..1. */
  breathiness?: CurvePoint[];
  /** -1..1 (negative: lax, positive: tense). */
  tension?: CurvePoint[];
  /** Formant frequency ratio (1 = unchanged). */
  formant?: CurvePoint[];
}

export interface Score {
  title?: string;
  /** Where it came from: file name and format. */
  source?: { file?: string; format: 'musicxml' | 'mxl' | 'midi' | 'ust' | 'json' };
  language: Language;
  /** Ordered by start; notes and rests tile the timeline from 0 to `duration`. */
  notes: Note[];
  tempo: TempoEvent[];
  /** Seconds. */
  duration: number;
  curves: ScoreCurves;
  /** The part / track / voice / verse that was chosen. */
  selection?: { part?: string; voice?: string; verse?: number; track?: number };
  /** Anything noticed while reading (dropped chord notes, unknown words...). */
  warnings: string[];
}
