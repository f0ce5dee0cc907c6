/**
 * Preparing a reference recording for cloning: checks its length, measures level, noise floor and clipping, trims
 * leading and trailing silence and normalises the loudness.
 *
 * Level is measured on 10 ms frames (RMS in dBFS). The noise floor is the 10th percentile of the frame levels and the
 * speech level the 95th; their difference is the SNR estimate. Frames above
 * max(noise floor + 6 dB, speech level - 45 dB) count as active. Normalisation: the RMS of the active frames is set to
 * -23 dBFS (a LUFS-like speech level without K-weighting), with the gain limited so that the peak stays at or below
 * -1 dBFS.
 */
import type { Audio } from '../audio/types.js';
import { resample } from '../audio/resample.js';
import { UserError } from '../errors.js';

export const MIN_REFERENCE_SECONDS = 3;
export const MAX_REFERENCE_SECONDS = 600;
/** Highest rate analysed: a higher-rate reference is resampled to this (the voice gains nothing above 24 kHz). */
export const MAX_VOICE_RATE = 48000;
export const MIN_VOICE_RATE = 8000;
export const TARGET_RMS_DBFS = -23;
export const PEAK_LIMIT_DBFS = -1;
const FRAME_SECONDS = 0.01;
/** Silence kept before the first and after the last active frame. */
const TRIM_MARGIN_SECONDS = 0.2;
/** An internal silence longer than this is reported. */
const LONG_SILENCE_SECONDS = 2;
/** Consecutive full-scale samples that count as clipping. */
const CLIP_RUN = 3;

export interface PreprocessResult {
  audio: Audio;
  /** Seconds trimmed off the start and the end of the input. */
  trimStart: number;
  trimEnd: number;
  inputDuration: number;
  /** Gain applied, dB. */
  gainDb: number;
  noiseFloorDb: number;
  speechLevelDb: number;
  snrDb: number;
  /** Samples in runs of 3 or more at full scale (|x| >= 0.999) in the input. */
  clippedSamples: number;
  /** Internal silences longer than 2 s: [start, end] seconds in the input. */
  longSilences: [number, number][];
  warnings: string[];
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/** Frame levels in dBFS (10 ms, non-overlapping); -120 for digital silence. */
export function frameLevels(audio: Audio, frameSeconds = FRAME_SECONDS): Float64Array {
  const n = Math.max(1, Math.round(frameSeconds * audio.sampleRate));
  const x = audio.samples;
  const frames = Math.max(1, Math.floor(x.length / n));
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let s = 0;
    const end = Math.min(x.length, (f + 1) * n);
    for (let i = f * n; i < end; i++) s += x[i] * x[i];
    const ms = s / Math.max(1, end - f * n);
    out[f] = ms > 1e-12 ? 10 * Math.log10(ms) : -120;
  }
  return out;
}

export function preprocessReference(input: Audio, file?: string): PreprocessResult {
  const fs0 = input.sampleRate;
  const inputDuration = input.samples.length / fs0;
  if (!(fs0 >= MIN_VOICE_RATE)) {
    throw new UserError(`sample rate ${fs0} Hz is too low for a voice (need at least ${MIN_VOICE_RATE} Hz)`, { file });
  }
  if (inputDuration < MIN_REFERENCE_SECONDS) {
    throw new UserError(`the recording is ${inputDuration.toFixed(2)} s long, too short: use 10 s to 10 min of speech`, { file });
  }
  if (inputDuration > MAX_REFERENCE_SECONDS) {
    throw new UserError(`the recording is ${(inputDuration / 60).toFixed(1)} min long, too long: use 10 s to 10 min of speech`, { file });
  }
  const audio = fs0 > MAX_VOICE_RATE ? resample(input, MAX_VOICE_RATE) : input;
  const fs = audio.sampleRate;
  const x = audio.samples;
  let clippedSamples = 0;
  let peak = 0;
  // Clipping shows as runs of samples stuck at full scale; a lone peak at full scale is just normalised audio.
  const xs = input.samples;
  for (let i = 0; i < xs.length; ) {
    if (Math.abs(xs[i]) < 0.999) {
      i++;
      continue;
    }
    let j = i;
    while (j < xs.length && Math.abs(xs[j]) >= 0.999) j++;
    if (j - i >= CLIP_RUN) clippedSamples += j - i;
    i = j;
  }
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  if (peak < 1e-4) throw new UserError('no voiced speech found: the recording is silent', { file });

  const levels = frameLevels(audio);
  const sorted = Float64Array.from(levels).sort();
  const noiseFloorDb = percentile(sorted, 0.1);
  const speechLevelDb = percentile(sorted, 0.95);
  const snrDb = speechLevelDb - noiseFloorDb;
  const threshold = Math.max(noiseFloorDb + 6, speechLevelDb - 45);
  const active = Array.from(levels, (l) => l > threshold);

  let first = active.indexOf(true);
  let last = active.lastIndexOf(true);
  if (first < 0) {
    first = 0;
    last = levels.length - 1;
  }
  const frameLen = Math.round(FRAME_SECONDS * fs);
  const startSample = Math.max(0, Math.round((first * FRAME_SECONDS - TRIM_MARGIN_SECONDS) * fs));
  const endSample = Math.min(x.length, Math.round(((last + 1) * FRAME_SECONDS + TRIM_MARGIN_SECONDS) * fs));

  const longSilences: [number, number][] = [];
  let run = -1;
  for (let f = first; f <= last + 1; f++) {
    const isActive = f > last || active[f];
    if (!isActive && run < 0) run = f;
    if (isActive && run >= 0) {
      if ((f - run) * FRAME_SECONDS > LONG_SILENCE_SECONDS) longSilences.push([run * FRAME_SECONDS, f * FRAME_SECONDS]);
      run = -1;
    }
  }

  // Loudness: RMS of active frames to the target, peak limited.
  let s = 0;
  let count = 0;
  for (let f = first; f <= last; f++) {
    if (!active[f]) continue;
    const end = Math.min(x.length, (f + 1) * frameLen);
    for (let i = f * frameLen; i < end; i++) s += x[i] * x[i];
    count += end - f * frameLen;
  }
  const rmsDb = count > 0 && s > 0 ? 10 * Math.log10(s / count) : 20 * Math.log10(peak);
  const peakDb = 20 * Math.log10(peak);
  const gainDb = Math.min(TARGET_RMS_DBFS - rmsDb, PEAK_LIMIT_DBFS - peakDb);
  const g = Math.pow(10, gainDb / 20);
  const out = new Float32Array(endSample - startSample);
  for (let i = 0; i < out.length; i++) out[i] = x[startSample + i] * g;

  const warnings: string[] = [];
  if (clippedSamples > 0) {
    warnings.push(`clipping: ${clippedSamples} samples at full scale; the timbre of those passages will be distorted`);
  }
  if (snrDb < 25) {
    warnings.push(`noisy recording: noise floor ${noiseFloorDb.toFixed(1)} dBFS, about ${snrDb.toFixed(0)} dB below the speech; the noise will colour the voice`);
  }
  for (const [a, b] of longSilences) {
    warnings.push(`long silence from ${a.toFixed(1)} s to ${b.toFixed(1)} s (${(b - a).toFixed(1)} s)`);
  }
  const used = out.length / fs;
  if (used < 10) warnings.push(`only ${used.toFixed(1)} s of speech: 10 s to 10 min is recommended, many phonemes will be missing`);
  return {
    audio: { sampleRate: fs, samples: out },
    trimStart: startSample / fs,
    trimEnd: inputDuration - endSample / fs,
    inputDuration,
    gainDb,
    noiseFloorDb,
    speechLevelDb,
    snrDb,
    clippedSamples,
    longSilences,
    warnings,
  };
}
