import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { detectLanguage, phonemizeText } from '../lyrics/index.js';
import type { Language } from '../lyrics/types.js';
import { planRap, planSpeech, type SpokenWord } from '../planner/index.js';
import type { Plan } from '../planner/types.js';
import { voiceSpeechOptions } from '../render/speech-options.js';
import { numberOption, oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';
import { checkWritableDir, intOption, loadVoiceOption, outputFormat, progressReporter, renderToFile, summaryStream } from './sing.js';

export interface SpeakCliOptions {
  out: string;
  voice?: string;
  lang?: string;
  speed?: string;
  bpm?: string;
  seed?: string;
  rate?: string;
  bitDepth?: string;
  stream?: boolean;
}

function words(text: string, language: Language): SpokenWord[] {
  if (text.trim() === '') throw new UserError('the text is empty');
  const ws = phonemizeText(text, language);
  if (!ws.some((w) => w.phonemes.some((p) => p.cls !== 'silence'))) throw new UserError(`nothing to say in '${text}'`);
  return ws;
}

export function speakOrRap(kind: 'speak' | 'rap', text: string, o: SpeakCliOptions): void {
  const fmt = outputFormat(o);
  const seed = intOption(o.seed, 'seed', -(2 ** 31), 2 ** 31 - 1) ?? 1;
  const speed = numberOption(o.speed, 'speed', 0.25, 4) ?? 1;
  const bpm = kind === 'rap' ? numberOption(o.bpm ?? '90', 'bpm', 30, 300)! : 0;
  checkWritableDir(o.out);
  const t0 = performance.now();
  const progress = progressReporter(t0);
  const language: Language = o.lang ?? detectLanguage(text);
  const ws = words(text, language);
  const voice = loadVoiceOption(o.voice, progress);
  const common = { ...voiceSpeechOptions(voice), seed, rate: speed, language };
  const plan: Plan = kind === 'rap' ? planRap(ws, { ...common, bpm }) : planSpeech(ws, common);
  const { seconds, taken } = renderToFile(
    plan,
    voice,
    // No envelope smoothing in speech: it blurs the formant movements that carry the words (RenderOptions.smoothing).
    { out: o.out, seed, rate: fmt.rate, bitDepth: fmt.bitDepth, t0, stream: o.stream === true, smoothing: 0 },
    progress,
  );
  summaryStream(o.out).write(
    `${kind === 'rap' ? 'rapped' : 'spoke'} ${seconds.toFixed(2)} s (${ws.length} words, voice ${voice.name}) in ` +
      `${taken.toFixed(2)} s (${(seconds / taken).toFixed(1)}x faster than real time) -> ${o.out}\n`,
  );
}

export function speechCommandOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--out <file>', "WAV file to write ('-': standard output, streamed)")
    .option('--voice <file>', '.voice file made by `cantor clone` (default: the built-in voice)')
    .option('--lang <code>', 'language of the text (default: detected)')
    .option('--speed <ratio>', 'speaking rate factor, 0.25..4 (default 1)')
    .option('--seed <n>', 'seed of the noise (default 1)')
    .option('--rate <hz>', 'output sample rate, 44100 or 48000 (default 44100)')
    .option('--bit-depth <bits>', 'output sample format: 16 or 24-bit PCM, or 32-bit float (default 16)')
    .option('--stream', 'write the audio as it is made (a soft limiter above -1 dBFS instead of peak normalisation)');
}

/** `cantor speak TEXT --out OUT.wav [--voice V] [--lang L] [--speed R] [--seed N] [--rate HZ] [--bit-depth B]` */
export function registerSpeak(program: Command): void {
  const cmd = speechCommandOptions(program.command('speak').description('say a text in a cloned voice (default: the built-in voice)').argument('<text>', 'what to say'));
  cmd.action(runAction((text: string, o: SpeakCliOptions) => speakOrRap('speak', text, o)));
  oneLineErrors(cmd);
}
