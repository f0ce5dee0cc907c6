/**
 * Speech and rap in a voice: the planner options a voice supplies (src/planner/speech.ts SpeechOptions), shared by the
 * CLI's speak and rap and the library API.
 */
import type { SpeechOptions } from '../planner/index.js';
import type { Voice } from '../voice/types.js';

/** The voice's speaking pitch floor as the intonation base (MIDI): two semitones under its median F0. */
function basePitch(voice: Voice): number {
  const f = voice.stats.f0Median > 0 ? voice.stats.f0Median : 200;
  return 69 + 12 * Math.log2(f / 440) - 2;
}

/**
 * Bounds on a voice's own sentence pause (s): a reference read with long hesitations, or with its sentences run
 * together, should not make every sentence of a text wait seconds, or none. The shared voices measure 0.29-0.64 s.
 */
const MIN_SENTENCE_PAUSE = 0.15;
const MAX_SENTENCE_PAUSE = 1;

/** What speech and rap take from the voice: its own phoneme lengths, sentence pauses and speaking pitch. */
export function voiceSpeechOptions(voice: Voice): SpeechOptions {
  return {
    consonantDurations: voice.stats.consonantDurations,
    vowelDurations: voice.stats.vowelDurations,
    sentencePause:
      voice.stats.pauseDuration === undefined ? undefined : Math.min(MAX_SENTENCE_PAUSE, Math.max(MIN_SENTENCE_PAUSE, voice.stats.pauseDuration)),
    intonation: { basePitch: basePitch(voice) },
  };
}

