import type { PhonemeClass } from '../lyrics/types.js';

/** One phoneme placed on the timeline. Segments tile [0, Plan.duration] with no gap or overlap. */
export interface PhonemeSegment {
  start: number;
  end: number;
  phoneme: string;
  cls: PhonemeClass;
  voiced: boolean;
  /** The score note this segment belongs to (-1 for silence outside any note). */
  noteIndex: number;
}

/** What the planners decide: every phoneme's time and every frame's pitch, loudness and colour. */
export interface Plan {
  /** Seconds between frames (0.005). Frame i is at i * framePeriod. */
  framePeriod: number;
  duration: number;
  segments: PhonemeSegment[];
  /** Hz per frame; 0 where unvoiced or silent. */
  f0: Float64Array;
  /** dB relative to neutral, per frame. */
  loudness: Float64Array;
  /** 0..1, per frame. */
  breathiness: Float64Array;
  /** -1..1, per frame. */
  tension: Float64Array;
  /** Formant frequency ratio, per frame (1 = unchanged). */
  formant: Float64Array;
}
