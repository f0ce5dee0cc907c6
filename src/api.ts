/**
 * The library API: everything needed to sing a score in a cloned voice from code.
 *
 *   const score = loadScore('song.musicxml');
 *   const { voice } = clone(readWavFile('me.wav'), 'the words I read', 'en');
 *   const { audio } = render(plan(score, { consonantDurations: voice.stats.consonantDurations }), voice);
 *   writeWavFile('song.wav', audio);
 */
export { loadScore, parseScore, type Score, type Note, type ScoreOptions } from './score/index.js';
export { planSong as plan, planSong, planSpeech, planRap, type Plan, type PlanOptions } from './planner/index.js';
export { buildVoice as clone, buildVoice, readVoiceFile, writeVoiceFile, type Voice } from './voice/index.js';
export {
  render,
  renderStream,
  mixBacking,
  defaultVoice,
  transposeScore,
  scaleTempo,
  voiceSpeechOptions,
  type RenderOptions,
  type RenderReport,
  type RenderStream,
  type StreamOptions,
  type Backing,
} from './render/index.js';
export { startStudio, createStudioApp } from './studio/server.js';
export { convertVoice, type ConvertOptions, type ConvertReport } from './convert/index.js';
export { readWavFile, writeWavFile } from './audio/wav.js';
export type { Audio } from './audio/types.js';
export { UserError } from './errors.js';
