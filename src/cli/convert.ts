import type { Command } from 'commander';
import { readWavFile } from '../audio/wav.js';
import { convertVoice, DEFAULT_SIMILARITY } from '../convert/convert.js';
import { withFile } from '../errors.js';
import { readVoiceFile } from '../voice/voice-file.js';
import { numberOption, oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';
import { checkWritableDir, intOption, outputFormat, progressReporter, writeOutput } from './sing.js';

interface ConvertCliOptions {
  voice: string;
  out: string;
  key?: string;
  formant?: string;
  similarity?: string;
  keepBreath?: boolean;
  seed?: string;
  rate?: string;
  bitDepth?: string;
}

export interface ConvertSettings {
  key: number;
  formant: number;
  similarity: number;
  keepBreath: boolean;
  seed: number;
  rate: 44100 | 48000;
  bitDepth: 16 | 24 | 32;
}

/** Checks the options; every problem is a UserError naming the option. */
export function convertSettings(o: Omit<ConvertCliOptions, 'voice' | 'out'>): ConvertSettings {
  const { rate, bitDepth } = outputFormat(o);
  return {
    key: numberOption(o.key, 'key', -24, 24, 'semitones') ?? 0,
    formant: numberOption(o.formant, 'formant', 0.5, 2) ?? 1,
    similarity: numberOption(o.similarity, 'similarity', 0, 1) ?? DEFAULT_SIMILARITY,
    keepBreath: o.keepBreath === true,
    seed: intOption(o.seed, 'seed', -(2 ** 31), 2 ** 31 - 1) ?? 1,
    rate,
    bitDepth,
  };
}

/**
 * `cantor convert INPUT.wav --voice V.voice --out OUT.wav [--key +N] [--formant R] [--similarity S] [--keep-breath]
 * [--seed N] [--rate 44100|48000] [--bit-depth 16|24|32]`: the recording's melody, timing and loudness in the voice's timbre.
 */
export function registerConvert(program: Command): void {
  const cmd = program
    .command('convert')
    .description("convert a recording (singing or speech) into a cloned voice: its melody, timing and loudness in the voice's timbre")
    .argument('<input>', 'WAV file to convert')
    .requiredOption('--voice <file>', '.voice file made by `cantor clone`')
    .requiredOption('--out <file>', 'WAV file to write')
    .option('--key <semitones>', 'shift the melody by this many semitones, -24..24 (default 0)')
    .option('--formant <ratio>', 'formant shift factor, 0.5..2 (default 1)')
    .option(
      '--similarity <s>',
      `weight of the voice's own sounds, 0..1 (default ${DEFAULT_SIMILARITY}): higher is closer to the voice, lower keeps the words clearer`,
    )
    .option('--keep-breath', "keep the input's own breaths (default: breaths take the voice's sound too)")
    .option('--seed <n>', 'seed of the noise generator (default 1): same seed, same output')
    .option('--rate <hz>', 'output sample rate, 44100 or 48000 (default 44100)')
    .option('--bit-depth <bits>', 'output sample format: 16 or 24-bit PCM, or 32-bit float (default 16)')
    .action(
      runAction((inPath: string, o: ConvertCliOptions) => {
        const s = convertSettings(o);
        checkWritableDir(o.out);
        const t0 = performance.now();
        const audio = readWavFile(inPath);
        const voice = readVoiceFile(o.voice);
        const progress = progressReporter(t0);
        let result;
        try {
          result = convertVoice(audio, voice, {
            key: s.key,
            formant: s.formant,
            similarity: s.similarity,
            keepBreath: s.keepBreath,
            seed: s.seed,
            sampleRate: s.rate,
            onProgress: (f, stage) => progress.report(stage, f),
          });
        } catch (err) {
          throw withFile(err, inPath);
        }
        progress.done();
        if (result.report.voicedFrames === 0) {
          process.stderr.write(`warning: no voiced sound found in ${inPath}: the output has only the voice's noise sounds\n`);
        }
        writeOutput(o.out, result.audio, s.bitDepth);
        const taken = (performance.now() - t0) / 1000;
        const r = result.report;
        process.stdout.write(
          `converted ${r.duration.toFixed(2)} s into voice ${voice.name}` +
            `${s.key !== 0 ? ` (key ${s.key > 0 ? '+' : ''}${s.key})` : ''}${s.formant !== 1 ? ` (formant x${s.formant})` : ''} ` +
            `in ${taken.toFixed(2)} s (${(r.duration / taken).toFixed(1)}x faster than real time) -> ${o.out} ` +
            `(the input's formants matched x${r.warp.toFixed(2)}, similarity ${r.similarity})\n`,
        );
      }),
    );
  oneLineErrors(cmd);
}
