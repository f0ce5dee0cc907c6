import type { Language, PhonemeClass } from '../lyrics/types.js';

/**
 * A voice: what `clone` learns from a reference recording and its transcript, and what the renderer draws on.
 * Frames are stored in the vocoder's compact form (mel-cepstrum + coded aperiodicity, src/vocoder/features.ts)
 * at the voice's own frame period; units index into them.
 */
export interface VoiceUnit {
  /** Phoneme symbol in the voice language's phone set (src/lyrics inventories). */
  phoneme: string;
  cls: PhonemeClass;
  voiced: boolean;
  /** Neighbouring phonemes in the reference ('pau' at the edges of a phrase). */
  left: string;
  right: string;
  /** Word position (index into the transcript's words) and the phoneme's stress/tone, when known. */
  wordIndex?: number;
  stress?: number;
  /** Seconds in the reference recording. */
  start: number;
  end: number;
  /** First frame and number of frames in Voice.frames. */
  frameStart: number;
  frameCount: number;
  /** Median F0 over the unit's voiced frames, Hz (0 if none). */
  f0: number;
  /** Mean frame energy, dB (c0 of the mel-cepstrum in dB terms). */
  energy: number;
  /** Alignment confidence of this unit, 0..1. */
  confidence?: number;
}

/** Per-speaker statistics: what the planners and the renderer use as defaults. */
export interface VoiceStats {
  /** F0 percentiles over voiced frames, Hz. */
  f0Median: number;
  f0P5: number;
  f0P95: number;
  /** Median duration per consonant phoneme, seconds (feeds the duration planner's consonantDurations). */
  consonantDurations: Record<string, number>;
  /**
   * Median duration per vowel phoneme in the reference, seconds (speech mode times vowels by these: a schwa is far
   * shorter than a diphthong). Absent in voices made before it was added.
   */
  vowelDurations?: Record<string, number>;
  /**
   * Median length of the speaker's pauses in the reference (silences between aligned phonemes of at least
   * MIN_PAUSE_SECONDS), seconds; speech mode pauses this long at the end of a sentence. Absent when the reference has
   * fewer than three pauses, and in voices made before it was added.
   */
  pauseDuration?: number;
  /** How many units of each phoneme the voice has. */
  phonemeCounts: Record<string, number>;
  /** Mean mel-cepstrum per phoneme class (for fallbacks and colour). */
  meanMcepByClass: Partial<Record<PhonemeClass, number[]>>;
  /** Spectral tilt, dB per octave (regression of the mean envelope on log frequency). */
  spectralTilt: number;
  /** Mean aperiodicity of voiced frames below 4 kHz, dB. */
  breathiness: number;
}

export interface VoiceProvenance {
  file: string;
  /** Seconds of audio used. */
  duration: number;
  transcript: string;
  /** SHA-256 of the reference file's bytes, hex. */
  sha256: string;
  createdAt: string;
  tool: string;
}

export interface VoiceFrames {
  /** F0 per frame, Hz (0 = unvoiced). */
  f0: Float32Array;
  /** Mel-cepstrum per frame, row-major: frames x (mcepOrder + 1). */
  mcep: Float32Array;
  /** Coded aperiodicity per frame, dB, row-major: frames x apBands. */
  ap: Float32Array;
}

export interface Voice {
  format: 'cantor-voice';
  version: 1;
  name: string;
  language: Language;
  sampleRate: number;
  /** Seconds between frames. */
  framePeriod: number;
  /** FFT size the envelope is decoded to. */
  fftSize: number;
  mcepOrder: number;
  /** All-pass constant of the mel-cepstrum. */
  alpha: number;
  apBands: number;
  frameCount: number;
  frames: VoiceFrames;
  units: VoiceUnit[];
  stats: VoiceStats;
  provenance: VoiceProvenance;
  /** Phonemes of the language the reference lacks, and what stands in for each. */
  substitutes: Record<string, string>;
}
