/**
 * Mixing the sung voice with a backing track: the backing is downmixed to mono by the WAV reader, resampled to the
 * output rate, scaled by its gain (dB), and added; the result is as long as the longer of the two. Whole files are
 * then normalised to a -1 dBFS peak when they go over it; streams go through the soft limiter instead (limiter.ts).
 */
import { limitPeak, PEAK_LIMIT } from '../audio/peak.js';
import { resample } from '../audio/resample.js';
import type { Audio } from '../audio/types.js';

export interface Backing {
  audio: Audio;
  /** Gain applied to the backing, dB (0 = as recorded). */
  gainDb: number;
}

/** The backing at `rate`, gain applied. */
export function backingAt(b: Backing, rate: number): Float32Array {
  const y = resample(b.audio, rate).samples;
  const out = new Float32Array(y.length);
  const g = Math.pow(10, b.gainDb / 20);
  for (let i = 0; i < y.length; i++) out[i] = y[i] * g;
  return out;
}

/** voice + backing (at voice.sampleRate), max of both lengths, peak normalised to `limit` if it goes over. */
export function mixBacking(voice: Audio, b: Backing, limit = PEAK_LIMIT): { audio: Audio; normalizeDb: number } {
  const bk = backingAt(b, voice.sampleRate);
  const out = new Float32Array(Math.max(voice.samples.length, bk.length));
  out.set(voice.samples);
  for (let i = 0; i < bk.length; i++) out[i] += bk[i];
  const normalizeDb = limitPeak(out, limit);
  return { audio: { sampleRate: voice.sampleRate, samples: out }, normalizeDb };
}
