/**
 * Intelligibility of speech mode, judged by pocketsphinx (eval/wer.ts): each English shared voice says its own
 * transcript (the Harvard sentences it was cloned from) through the very code path of `cantor speak`
 * (src/cli/speak.ts speakOrRap: phonemizeText, planSpeech with the voice's intonation base, render, WAV), and the
 * recogniser's word error rate on that output is compared with its WER on the reference recording itself. The
 * difference in points is what the renderer loses (target: <= 10 points).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { readWavFile } from '../src/audio/wav.js';
import { speakOrRap } from '../src/cli/speak.js';
import { cachedVoice } from '../src/render/default-voice.js';
import { voicesDir } from '../test/helpers/paths.js';
import { referenceAudio, referencePath } from './songs.js';
import { recogniserWer, type WordErrors } from './wer.js';

/** The English shared voices (pocketsphinx-en-us only judges English). */
export const WER_VOICES = ['slt', 'kal', 'espeak-en'];

/** Target: speak WER at most this many points above the reference's. */
export const WER_TARGET_POINTS = 10;

export function transcriptText(name: string): string {
  return readFileSync(join(voicesDir, name, 'transcript.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** The shared voice's .voice file (built once into cacheDir). */
export function voiceFile(name: string, cacheDir: string): string {
  return cachedVoice(
    { name, wav: referencePath(name), transcript: join(voicesDir, name, 'transcript.txt'), language: 'en' },
    { cacheDir },
  ).path;
}

/** `cantor speak TEXT --voice VOICE --out OUT` in-process; returns the audio written and the seconds it took. */
export function speakLikeCli(text: string, voicePath: string, out: string): { audio: Audio; taken: number } {
  const t0 = performance.now();
  // speakOrRap reports on stdout like the command does; keep the eval's printout to our own lines.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    speakOrRap('speak', text, { out, voice: voicePath, lang: 'en' });
  } finally {
    process.stdout.write = write;
  }
  return { audio: readWavFile(out), taken: (performance.now() - t0) / 1000 };
}

export interface Intelligibility {
  voice: string;
  reference: WordErrors & { hypothesis: string };
  speak: WordErrors & { hypothesis: string };
  /** speak.wer - reference.wer in points (percent). */
  points: number;
  speakSeconds: number;
  referenceSeconds: number;
}

/** Reference and speak WER of one voice; dir receives the speak WAV, cacheDir the voice. */
export function evalIntelligibility(name: string, cacheDir: string, dir: string): Intelligibility {
  const text = transcriptText(name);
  const ref = referenceAudio(name);
  const { audio } = speakLikeCli(text, voiceFile(name, cacheDir), join(dir, `${name}-speak.wav`));
  const reference = recogniserWer(ref, text);
  const speak = recogniserWer(audio, text);
  return {
    voice: name,
    reference,
    speak,
    points: 100 * (speak.wer - reference.wer),
    speakSeconds: audio.samples.length / audio.sampleRate,
    referenceSeconds: ref.samples.length / ref.sampleRate,
  };
}
