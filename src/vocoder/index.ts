/** The vocoder: synthesis from source-filter parameters, parameter transforms, compact features and distances. */
export { synthesize, synthesisLength, synthesisFftSize, UNVOICED_EVENT_RATE, type SynthesisOptions } from './synthesis.js';
export { pitchShift, timeStretch, formantShift, setF0 } from './transform.js';
export {
  allPassConstant,
  defaultMelCepstrumOrder,
  spectrumToMelCepstrum,
  melCepstrumToSpectrum,
  spectrogramToMelCepstra,
  melCepstraToSpectrogram,
  warpFrequency,
} from './mel-cepstrum.js';
export { codeAperiodicity, decodeAperiodicity, aperiodicityBandCount } from './aperiodicity-coding.js';
export { melCepstralDistance, melCepstralDistortion, type McdOptions } from './mcd.js';
export { toCompactFeatures, fromCompactFeatures, type CompactFeatures, type CompactOptions } from './features.js';
