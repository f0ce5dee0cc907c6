/**
 * Compact features: the vocoder parameters in the form statistical/parametric voices store them (as in HTS/Merlin
 * systems built on WORLD): F0, a mel-cepstrum per frame instead of fftSize / 2 + 1 envelope bins, and band
 * aperiodicity in dB instead of a full aperiodicity row. At 44.1 kHz that is 41 + 5 numbers a frame instead of 2050.
 */
import type { VocoderParams } from '../analysis/types.js';
import { allPassConstant, defaultMelCepstrumOrder, melCepstraToSpectrogram, spectrogramToMelCepstra } from './mel-cepstrum.js';
import { codeAperiodicity, decodeAperiodicity } from './aperiodicity-coding.js';

export interface CompactFeatures {
  sampleRate: number;
  framePeriod: number;
  /** FFT length to decode the spectra to. */
  fftSize: number;
  f0: Float64Array;
  /** All-pass constant of the mel-cepstra. */
  alpha: number;
  /** Mel-cepstrum per frame (order + 1 coefficients, log-amplitude convention). */
  melCepstrum: Float64Array[];
  /** Band aperiodicity per frame, dB (see aperiodicity-coding.ts). */
  bandAperiodicity: Float64Array[];
}

export interface CompactOptions {
  /** Mel-cepstrum order (default defaultMelCepstrumOrder(fs)). */
  order?: number;
  /** All-pass constant (default allPassConstant(fs)). */
  alpha?: number;
}

export function toCompactFeatures(p: VocoderParams, opts: CompactOptions = {}): CompactFeatures {
  const fs = p.sampleRate;
  const alpha = opts.alpha ?? allPassConstant(fs);
  const order = opts.order ?? defaultMelCepstrumOrder(fs);
  return {
    sampleRate: fs,
    framePeriod: p.framePeriod,
    fftSize: p.fftSize,
    f0: p.f0.slice(),
    alpha,
    melCepstrum: spectrogramToMelCepstra(p.spectrogram, fs, order, alpha),
    bandAperiodicity: codeAperiodicity(p.aperiodicity, fs),
  };
}

/** Full vocoder parameters from compact features (fftSize defaults to the one they were made from). */
export function fromCompactFeatures(f: CompactFeatures, fftSize = f.fftSize): VocoderParams {
  return {
    sampleRate: f.sampleRate,
    framePeriod: f.framePeriod,
    fftSize,
    f0: f.f0.slice(),
    spectrogram: melCepstraToSpectrogram(f.melCepstrum, f.sampleRate, fftSize, f.alpha),
    aperiodicity: decodeAperiodicity(f.bandAperiodicity, f.sampleRate, fftSize),
  };
}
