/**
 * Speaker statistics of a voice: F0 percentiles, consonant durations, phoneme counts, mean mel-cepstrum per phoneme
 * class, spectral tilt and breathiness.
 */
import type { VocoderParams } from '../analysis/types.js';
import type { PhonemeClass } from '../lyrics/types.js';
import type { VoiceStats, VoiceUnit } from './types.js';

/** Linear-interpolated quantile q (0..1) of ascending `sorted`. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = q * (n - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}

/** Key of a vowel's length by stress: the phoneme and 1 for stressed (primary or secondary) or 0 (unstressed). */
export function vowelStressKey(phoneme: string, stress: number): string {
  return `${phoneme}${stress > 0 ? 1 : 0}`;
}

/** Median of each list, keyed and sorted by phoneme. */
function medians(lists: Map<string, number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [ph, list] of [...lists].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out[ph] = median(list);
  return out;
}

export function median(values: number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * Spectral tilt in dB per octave: least-squares slope of the mean log envelope of the voiced frames against
 * log2 frequency, from 100 Hz to 0.9 x Nyquist (at most 8 kHz, where the voice's own source dominates).
 */
export function spectralTilt(p: VocoderParams): number {
  const bins = p.fftSize / 2 + 1;
  const mean = new Float64Array(bins);
  let n = 0;
  for (let t = 0; t < p.f0.length; t++) {
    if (!(p.f0[t] > 0)) continue;
    const row = p.spectrogram[t];
    for (let k = 1; k < bins; k++) mean[k] += 10 * Math.log10(row[k] + 1e-20);
    n++;
  }
  if (n === 0) return 0;
  const fs = p.sampleRate;
  const hi = Math.min(8000, 0.45 * fs);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (let k = 1; k < bins; k++) {
    const f = (k * fs) / p.fftSize;
    if (f < 100 || f > hi) continue;
    const x = Math.log2(f);
    const y = mean[k] / n;
    sx += x; sy += y; sxx += x * x; sxy += x * y; m++;
  }
  const den = m * sxx - sx * sx;
  return den > 0 ? (m * sxy - sx * sy) / den : 0;
}

/** Mean aperiodicity (dB, 20 log10 of the ratio) of the voiced frames below 4 kHz. */
export function breathiness(p: VocoderParams): number {
  const bins = p.fftSize / 2 + 1;
  const kMax = Math.min(bins - 1, Math.floor((4000 * p.fftSize) / p.sampleRate));
  let s = 0, n = 0;
  for (let t = 0; t < p.f0.length; t++) {
    if (!(p.f0[t] > 0)) continue;
    const row = p.aperiodicity[t];
    for (let k = 1; k <= kMax; k++) s += 20 * Math.log10(Math.max(row[k], 1e-6));
    n += kMax;
  }
  return n > 0 ? s / n : 0;
}

/** Shortest silence between two aligned phonemes that counts as a pause (shorter ones are stop closures and joins). */
export const MIN_PAUSE_SECONDS = 0.1;

/** Median pause between the units (in time order), or undefined with fewer than three pauses. */
export function pauseDuration(units: VoiceUnit[]): number | undefined {
  const byTime = [...units].sort((a, b) => a.start - b.start);
  const pauses: number[] = [];
  for (let i = 1; i < byTime.length; i++) {
    const gap = byTime[i].start - byTime[i - 1].end;
    if (gap >= MIN_PAUSE_SECONDS) pauses.push(gap);
  }
  return pauses.length >= 3 ? median(pauses) : undefined;
}

export function computeStats(
  params: VocoderParams,
  units: VoiceUnit[],
  mcep: Float32Array,
  mcepOrder: number,
): VoiceStats {
  const voicedF0: number[] = [];
  for (let t = 0; t < params.f0.length; t++) if (params.f0[t] > 0) voicedF0.push(params.f0[t]);
  voicedF0.sort((a, b) => a - b);

  const durations = new Map<string, number[]>();
  const vowelLengths = new Map<string, number[]>();
  const phonemeCounts: Record<string, number> = {};
  const dim = mcepOrder + 1;
  const sums = new Map<PhonemeClass, { sum: Float64Array; n: number }>();
  for (const u of units) {
    phonemeCounts[u.phoneme] = (phonemeCounts[u.phoneme] ?? 0) + 1;
    if (u.cls !== 'silence') {
      const table = u.cls === 'vowel' ? vowelLengths : durations;
      // Vowels also by stress (English AH is a schwa unstressed and a full vowel stressed): keys like 'AH0', 'AH1'.
      const keys = u.cls === 'vowel' && u.stress !== undefined ? [u.phoneme, vowelStressKey(u.phoneme, u.stress)] : [u.phoneme];
      for (const key of keys) {
        const list = table.get(key) ?? [];
        list.push(u.end - u.start);
        table.set(key, list);
      }
    }
    let acc = sums.get(u.cls);
    if (!acc) sums.set(u.cls, (acc = { sum: new Float64Array(dim), n: 0 }));
    for (let f = u.frameStart; f < u.frameStart + u.frameCount; f++) {
      for (let i = 0; i < dim; i++) acc.sum[i] += mcep[f * dim + i];
      acc.n++;
    }
  }
  const consonantDurations = medians(durations);
  // A stress-keyed length needs a few examples to be better than the phoneme's own.
  for (const [key, list] of vowelLengths) if (/\d$/.test(key) && list.length < 3) vowelLengths.delete(key);
  const vowelDurations = medians(vowelLengths);
  const meanMcepByClass: VoiceStats['meanMcepByClass'] = {};
  for (const [cls, acc] of sums) {
    if (acc.n > 0) meanMcepByClass[cls] = Array.from(acc.sum, (v) => Math.fround(v / acc.n));
  }
  const pause = pauseDuration(units);
  return {
    f0Median: quantile(voicedF0, 0.5),
    f0P5: quantile(voicedF0, 0.05),
    f0P95: quantile(voicedF0, 0.95),
    consonantDurations,
    vowelDurations,
    ...(pause !== undefined ? { pauseDuration: pause } : {}),
    phonemeCounts,
    meanMcepByClass,
    spectralTilt: spectralTilt(params),
    breathiness: breathiness(params),
  };
}
