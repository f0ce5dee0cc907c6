/** The renderer: a Plan sung in a Voice (unit selection, fitting, joins, colour, vocoding), and the default voice. */
export { render, renderStream, type RenderOptions, type RenderReport, type RenderedPhoneme, type RenderStream, type StreamOptions } from './render.js';
export { mixBacking, type Backing } from './mix.js';
export { selectUnits, resolvePhoneme, DEFAULT_WEIGHTS, type SelectionTarget, type SelectionWeights, type Fallback } from './unit-selection.js';
export { fitUnit, warpTime } from './unit-fitting.js';
export { smoothJoins, type Join } from './join.js';
export { applyColour } from './colour.js';
export { EnvelopeDecoder, AperiodicityDecoder } from './decode.js';
export { transposeScore, scaleTempo } from './score-edits.js';
export { voiceSpeechOptions } from './speech-options.js';
export { defaultVoice, cachedVoice, DEFAULT_VOICE, type VoiceSource, type CachedVoice } from './default-voice.js';
