/**
 * Intelligibility of speech mode, judged by pocketsphinx (eval/wer.ts): each English shared voice says its own
 * transcript (the Harvard sentences it was cloned from) through the very code path of `cantor speak`
 * (src/cli/speak.ts speakOrRap: phonemizeText, planSpeech with the voice's intonation base, render, WAV), and the
 * recogniser's word error rate on that output is compared with its WER on the reference recording itself. The
 * difference in points is what the renderer loses (target: <= 10 points).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analysis/analyze.js';
import type { Audio } from '../src/audio/types.js';
import { readWavFile } from '../src/audio/wav.js';
import { speakOrRap } from '../src/cli/speak.js';
import { voiceSpeechOptions } from '../src/render/speech-options.js';
import { phonemizeText } from '../src/lyrics/index.js';
import { planSpeech } from '../src/planner/index.js';
import type { PhonemeSegment, Plan } from '../src/planner/types.js';
import { cachedVoice } from '../src/render/default-voice.js';
import { render } from '../src/render/render.js';
import { synthesize } from '../src/vocoder/index.js';
import { readVoiceFile } from '../src/voice/voice-file.js';
import { voicesDir } from '../test/helpers/paths.js';
import { referenceAudio, referencePath } from './songs.js';
import { recogniserWer, werOverSeeds, type WordErrors } from './wer.js';

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

/** `cantor speak TEXT --voice VOICE --out OUT --seed SEED` in-process; returns the audio written and the seconds it took. */
export function speakLikeCli(text: string, voicePath: string, out: string, seed = 1): { audio: Audio; taken: number } {
  const t0 = performance.now();
  // speakOrRap reports on stdout like the command does; keep the eval's printout to our own lines.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    speakOrRap('speak', text, { out, voice: voicePath, lang: 'en', seed: String(seed) });
  } finally {
    process.stdout.write = write;
  }
  return { audio: readWavFile(out), taken: (performance.now() - t0) / 1000 };
}

export interface Intelligibility {
  voice: string;
  reference: WordErrors & { hypothesis: string };
  /** The first seed's recognition. */
  speak: WordErrors & { hypothesis: string };
  /** speak's WER per seed of WER_SEEDS, and their mean. */
  speakWers: number[];
  speakWer: number;
  /** speakWer - reference.wer in points (percent). */
  points: number;
  speakSeconds: number;
  referenceSeconds: number;
}

/** Reference and speak WER (mean over WER_SEEDS) of one voice; dir receives the speak WAVs, cacheDir the voice. */
export function evalIntelligibility(name: string, cacheDir: string, dir: string): Intelligibility {
  const text = transcriptText(name);
  const ref = referenceAudio(name);
  const voice = voiceFile(name, cacheDir);
  let speakSeconds = 0;
  const speak = werOverSeeds((seed) => {
    const { audio } = speakLikeCli(text, voice, join(dir, `${name}-speak-seed${seed}.wav`), seed);
    speakSeconds = audio.samples.length / audio.sampleRate;
    return audio;
  }, text);
  const reference = recogniserWer(ref, text);
  return {
    voice: name,
    reference,
    speak: speak.first,
    speakWers: speak.perSeed,
    speakWer: speak.mean,
    points: 100 * (speak.mean - reference.wer),
    speakSeconds,
    referenceSeconds: ref.samples.length / ref.sampleRate,
  };
}

/**
 * The vocoder's own share: the reference analysed (DIO + StoneMask, CheapTrick, D4C) and synthesized again as it is,
 * with no planner, units or joins in between, judged like speak (mean over WER_SEEDS). speak cannot be expected to
 * do better than this. Measured: slt 34.0 / 30.8 / 31.4 % (32.1), kal 34.0 / 32.1 / 33.3 % (33.1), against 25.8 and 24.5 % on the
 * recordings; neither the voicing (Praat's F0 track instead of ours), the FFT length nor less aperiodicity changed it.
 */
export function resynthesisWer(name: string): { mean: number; perSeed: number[] } {
  const params = analyze(referenceAudio(name));
  const { mean, perSeed } = werOverSeeds((seed) => synthesize(params, { seed }), transcriptText(name));
  return { mean, perSeed };
}

/**
 * A diagnosis, for the voices with true phone segments: the plan of `speak` (same options as src/cli/speak.ts) with
 * each vowel's duration replaced by the reference's own for that vowel (phones.txt, matched one to one: the lexicon
 * and Festival's labels give the same 501 phones for slt and kal), everything else (consonants, pauses, intonation,
 * units, vocoder) unchanged; the frame curves are stretched with their segments. If this is recognised much better
 * than `speak`, the planner's vowel durations are what costs the words. undefined when the phones do not match.
 */
export function trueVowelDurationsWer(name: string, cacheDir: string): (WordErrors & { hypothesis: string }) | undefined {
  const phones = join(voicesDir, name, 'phones.txt');
  if (!existsSync(phones)) return undefined;
  const text = transcriptText(name);
  const voice = readVoiceFile(voiceFile(name, cacheDir));
  const plan = planSpeech(phonemizeText(text, 'en'), { ...voiceSpeechOptions(voice), seed: 1, rate: 1, language: 'en' });
  const truth = readFileSync(phones, 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r.length >= 3 && r[2] !== 'pau');
  const spoken = plan.segments.filter((x) => x.cls !== 'silence');
  if (spoken.length !== truth.length) return undefined;
  const segments: PhonemeSegment[] = [];
  let t = 0;
  let k = 0;
  for (const seg of plan.segments) {
    let d = seg.end - seg.start;
    if (seg.cls !== 'silence') {
      const row = truth[k++];
      if (seg.cls === 'vowel') d = Number(row[1]) - Number(row[0]);
    }
    segments.push({ ...seg, start: t, end: t + d });
    t += d;
  }
  const fp = plan.framePeriod;
  const n = Math.ceil(t / fp) + 1;
  const warped: Plan = {
    framePeriod: fp,
    duration: t,
    segments,
    f0: new Float64Array(n),
    loudness: new Float64Array(n),
    breathiness: new Float64Array(n),
    tension: new Float64Array(n),
    formant: new Float64Array(n),
  };
  for (let i = 0, si = 0; i < n; i++) {
    const x = i * fp;
    while (si < segments.length - 1 && x >= segments[si].end) si++;
    const to = segments[si];
    const from = plan.segments[si];
    const u = to.end > to.start ? (x - to.start) / (to.end - to.start) : 0;
    const j = Math.min(plan.f0.length - 1, Math.max(0, Math.round((from.start + u * (from.end - from.start)) / fp)));
    for (const key of ['f0', 'loudness', 'breathiness', 'tension', 'formant'] as const) warped[key][i] = plan[key][j];
  }
  return recogniserWer(render(warped, voice, { seed: 1, smoothing: 0 }).audio, text);
}
