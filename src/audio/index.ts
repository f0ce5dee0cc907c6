/** The audio core: the mono Audio type, WAV reading/writing, sample-rate conversion and the FFT. */
export type { Audio } from './types.js';
export { decodeWav, encodeWav, readWavFile, writeWavFile, MIN_SAMPLE_RATE, MAX_SAMPLE_RATE, type WavEncodeOptions } from './wav.js';
export { resample, resampledLength } from './resample.js';
export { Fft, getFft, nextPow2 } from './fft.js';
