import type { NoteOverrides } from './types.js';

/** A note (or rest) as a reader found it, before kinds, times, rests and phonemes are worked out. */
export interface RawNote {
  startTick: number;
  endTick: number;
  /** Float MIDI note number; NaN for an explicit rest. */
  pitch: number;
  /** The lyric as written; undefined when the note has none (in the chosen verse). */
  lyric?: string;
  syllabic?: 'single' | 'begin' | 'middle' | 'end';
  /** The lyric asks its vowel to be held over following notes (extender line, slur start, `-`/`+` marks). */
  extend?: boolean;
  /** The note is explicitly a continuation of the previous one (UST/MIDI `+`/`-` lyric). */
  continuation?: boolean;
  /** The note is explicitly a new syllable even without a lyric (JSON kind "syllable"). */
  syllable?: boolean;
  /** The next note is tied to this one. */
  tieStart?: boolean;
  /** This note is the end of a tie from the previous one. */
  tieStop?: boolean;
  velocity?: number;
  breath?: boolean;
  grace?: boolean;
  fermata?: boolean;
  accent?: 'accent' | 'strong';
  overrides?: NoteOverrides;
  /** Phonemes already known (JSON input); kept as they are. */
  phonemes?: import('../lyrics/types.js').Phoneme[];
  approximate?: boolean;
  /** Where in the source ("measure 4"), for messages. */
  where?: string;
}
