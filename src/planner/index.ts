/**
 * The planners: from a Score (or words, in speech and rap modes) to a Plan: every phoneme's time and every
 * 5 ms frame's F0, loudness, breathiness, tension and formant shift.
 */
export type { Plan, PhonemeSegment } from './types.js';
export type { PlanOptions, PitchParams, PitchParamsInput, VibratoParams, DynamicsParams } from './options.js';
export { planSong } from './song.js';
export { planDurations } from './durations.js';
export { planPitch, planPitchMidi } from './pitch.js';
export { planDynamics, velocityDb } from './dynamics.js';
export { planSpeech, planRap, type SpokenWord, type SpeechOptions, type RapOptions } from './speech.js';
export { intonationCurve, DEFAULT_INTONATION, type IntonationParams } from './intonation.js';
export { planToJson, planFromJson } from './plan-json.js';
export { renderPlanPng, type PlotOptions } from './plot-png.js';
