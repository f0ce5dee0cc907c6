import type { PhonemeClass } from '../lyrics/types.js';

/** Vibrato as the pitch planner uses it: every field filled. */
export interface VibratoParams {
  /** Hz. */
  rate: number;
  /** Half-amplitude in cents. */
  depth: number;
  /** Seconds from the (held) note's onset before vibrato starts. */
  delay: number;
  /** Seconds to reach full depth. */
  fadeIn: number;
  /** Seconds to fade out before the note ends. */
  fadeOut: number;
  /** Starting phase, 0..1 of a cycle. */
  phase: number;
  /** Automatic vibrato on/off. */
  enabled: boolean;
  /** Automatic vibrato only on held notes at least this long (s). */
  minLength: number;
}

/** Everything the pitch planner decides per note; settable globally (PlanOptions.pitch) and per note. */
export interface PitchParams {
  /** Length of the S-shaped transition into a note (s), before scaling by interval and note length. */
  portamento: number;
  /** Overshoot after a transition, as a fraction of the interval (0.06 = 6 cents per semitone). */
  overshoot: number;
  /** Largest overshoot in cents. */
  overshootMax: number;
  /** Preparation (a small move the other way before a transition), fraction of the interval. */
  preparation: number;
  /** Largest preparation in cents. */
  preparationMax: number;
  vibrato: VibratoParams;
  /** Slow random drift, standard deviation in cents (0 = off). */
  drift: number;
  /** Fine random jitter, standard deviation in cents (0 = off). */
  jitter: number;
}

export type PitchParamsInput = Partial<Omit<PitchParams, 'vibrato'>> & { vibrato?: Partial<VibratoParams> };

/** Loudness and colour defaults (neutral: a mezzo-forte, unchanged voice). */
export interface DynamicsParams {
  /** dB the last note of a phrase falls over its final 40 %. */
  phraseEndDrop: number;
  /** Breathiness added at a phrase end (0..1), over the last note's final 40 %. */
  phraseEndBreath: number;
  /** Crossfade between note levels (s). */
  crossfade: number;
  /** dB added at the attack of an accented note ('accent' / 'strong'), decaying with `accentDecay`. */
  accentDb: number;
  strongAccentDb: number;
  /** Time constant (s) of the accent's exponential decay after the onset. */
  accentDecay: number;
  /** Base breathiness, 0..1. */
  breathiness: number;
  /** Breathiness added per dB below neutral (soft singing is breathier). */
  breathPerSoftDb: number;
  /** Base tension, -1..1. */
  tension: number;
  /** Tension added per dB of loudness (loud singing is pressed, soft is lax). */
  tensionPerDb: number;
  /** Formant frequency ratio (1 = unchanged; > 1 brighter / smaller vocal tract). */
  formant: number;
}

export interface DurationParams {
  /** Consonant length in seconds by phoneme symbol (from the voice); wins over classDurations. */
  consonantDurations?: Record<string, number>;
  /** Consonant length by class, when the symbol has no entry. */
  classDurations: Record<PhonemeClass, number>;
  /** Consonants before an onset may take at most this share of the previous note (0.5). */
  maxConsonantShare: number;
  /** Breaths in rests (and after notes marked `breath`). */
  breaths: boolean;
  /** Longest breath (s). */
  breathLength: number;
  /** Rests shorter than this get no breath unless the note before asks for one (s). */
  breathMinRest: number;
}

export interface PlanOptions {
  /** Seconds between frames (0.005). */
  framePeriod?: number;
  /** Seed of the drift and jitter generator (default 1). */
  seed?: number;
  consonantDurations?: Record<string, number>;
  classDurations?: Partial<Record<PhonemeClass, number>>;
  maxConsonantShare?: number;
  breaths?: boolean;
  breathLength?: number;
  breathMinRest?: number;
  /** Global pitch settings. */
  pitch?: PitchParamsInput;
  /** Per-note pitch settings, by note index (win over `pitch`; Note.overrides win over these). */
  noteSettings?: Record<number, PitchParamsInput>;
  dynamics?: Partial<DynamicsParams>;
}

export const DEFAULT_FRAME_PERIOD = 0.005;

/** Consonant lengths by class when the voice gives none (typical sung-consonant lengths, seconds). */
export const DEFAULT_CLASS_DURATIONS: Record<PhonemeClass, number> = {
  vowel: 0.1,
  plosive: 0.05,
  fricative: 0.09,
  affricate: 0.08,
  nasal: 0.06,
  liquid: 0.05,
  glide: 0.04,
  silence: 0.05,
};

export const DEFAULT_VIBRATO: VibratoParams = {
  rate: 5.8,
  depth: 30,
  delay: 0.2,
  fadeIn: 0.2,
  fadeOut: 0.08,
  phase: 0,
  enabled: true,
  minLength: 0.4,
};

export const DEFAULT_PITCH: PitchParams = {
  portamento: 0.08,
  overshoot: 0.06,
  overshootMax: 35,
  preparation: 0.04,
  preparationMax: 20,
  vibrato: DEFAULT_VIBRATO,
  drift: 6,
  jitter: 1.5,
};

export const DEFAULT_DYNAMICS: DynamicsParams = {
  phraseEndDrop: 3,
  phraseEndBreath: 0.1,
  crossfade: 0.05,
  accentDb: 3,
  strongAccentDb: 6,
  accentDecay: 0.15,
  breathiness: 0,
  breathPerSoftDb: 0.015,
  tension: 0,
  tensionPerDb: 0.03,
  formant: 1,
};

export function mergePitch(base: PitchParams, over: PitchParamsInput | undefined): PitchParams {
  if (!over) return base;
  const out: PitchParams = { ...base, vibrato: { ...base.vibrato } };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'vibrato' || v === undefined) continue;
    (out as unknown as Record<string, unknown>)[k] = v;
  }
  if (over.vibrato) {
    for (const [k, v] of Object.entries(over.vibrato)) {
      if (v !== undefined) (out.vibrato as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

export function durationParams(opts: PlanOptions = {}): DurationParams {
  return {
    consonantDurations: opts.consonantDurations,
    classDurations: { ...DEFAULT_CLASS_DURATIONS, ...(opts.classDurations ?? {}) },
    maxConsonantShare: opts.maxConsonantShare ?? 0.5,
    breaths: opts.breaths ?? true,
    breathLength: opts.breathLength ?? 0.3,
    breathMinRest: opts.breathMinRest ?? 0.4,
  };
}

export function dynamicsParams(opts: PlanOptions = {}): DynamicsParams {
  return { ...DEFAULT_DYNAMICS, ...(opts.dynamics ?? {}) };
}

/** Number of frames covering [0, duration]: frame i is at i * framePeriod. */
export function frameCount(duration: number, framePeriod: number): number {
  return Math.floor(duration / framePeriod + 1e-9) + 1;
}
