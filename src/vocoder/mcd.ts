/**
 * Mel-cepstral distortion (Kubichek, "Mel-cepstral distance measure for objective speech quality assessment",
 * IEEE PacRim 1993): for two frames with mel-cepstra c and c' (log-amplitude convention, see mel-cepstrum.ts),
 *     MCD = (10 / ln 10) * sqrt(2 * sum_{d=1..D} (c_d - c'_d)^2)   dB,
 * c_0 (overall level) excluded; over an utterance, the mean over frames. This is the form TTS papers report; note
 * that with log-amplitude cepstra it is half the RMS log-spectral distance (in dB) on the warped axis.
 */
import { allPassConstant, defaultMelCepstrumOrder, spectrumToMelCepstrum } from './mel-cepstrum.js';

const K = 10 / Math.LN10;

/** Kubichek's distance between two mel-cepstra (c_0 excluded; the shorter length decides D), in dB. */
export function melCepstralDistance(a: Float64Array, b: Float64Array): number {
  const d = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 1; i < d; i++) {
    const x = a[i] - b[i];
    s += x * x;
  }
  return K * Math.sqrt(2 * s);
}

export interface McdOptions {
  order?: number;
  alpha?: number;
  /** Only frames where this is true count (e.g. frames voiced in both); default all. */
  mask?: ArrayLike<boolean>;
}

/**
 * Mean mel-cepstral distortion (dB) between two spectrograms (power spectra, one row per frame, frames paired by
 * index; the extra frames of the longer one are ignored). Order defaults to defaultMelCepstrumOrder(fs), alpha to
 * allPassConstant(fs).
 */
export function melCepstralDistortion(specA: Float64Array[], specB: Float64Array[], fs: number, opts: McdOptions = {}): number {
  const order = opts.order ?? defaultMelCepstrumOrder(fs);
  const alpha = opts.alpha ?? allPassConstant(fs);
  const n = Math.min(specA.length, specB.length);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (opts.mask && !opts.mask[i]) continue;
    const a = spectrumToMelCepstrum(specA[i], fs, order, alpha);
    const b = spectrumToMelCepstrum(specB[i], fs, order, alpha);
    sum += melCepstralDistance(a, b);
    count++;
  }
  if (count === 0) throw new RangeError('melCepstralDistortion: no frames to compare');
  return sum / count;
}
