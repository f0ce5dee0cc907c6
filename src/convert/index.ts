/** Voice conversion: a recording's melody, timing and loudness in a cloned voice's timbre. */
export { convertVoice, type ConvertOptions, type ConvertReport } from './convert.js';
export { makeBank, normStats, selectFrames, JOIN_BONUS, type FrameBank, type NormStats, type Selection, type SelectOptions } from './frame-selection.js';
