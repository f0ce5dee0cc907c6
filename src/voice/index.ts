/** Voices: building one from a reference recording (clone), the .voice file, the clone report. */
export type { Voice, VoiceUnit, VoiceStats, VoiceFrames, VoiceProvenance } from './types.js';
export { buildVoice, buildVoiceAsync, voiceMcepOrder, VOICE_FRAME_PERIOD, type BuildVoiceOptions, type BuildVoiceResult } from './build.js';
export { decodeVoice, encodeVoice, VOICE_FILE_VERSION } from './voice-codec.js';
export { readVoiceFile, writeVoiceFile } from './voice-file.js';
export { formatCloneReport, LOW_CONFIDENCE, type CloneReport } from './report.js';
export { preprocessReference, type PreprocessResult } from './preprocess.js';
