import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { analyze } from '../analysis/analyze.js';
import type { VocoderParams } from '../analysis/types.js';
import { readWavFile, writeWavFile } from '../audio/wav.js';
import { UserError, withFile } from '../errors.js';
import { synthesize } from '../vocoder/synthesis.js';
import { formantShift, pitchShift, timeStretch } from '../vocoder/transform.js';
import { defaultF0Ceil, numberOption, oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';

/** The sample rates analyze() accepts. */
const MIN_ANALYSIS_RATE = 4000;
const MAX_ANALYSIS_RATE = 384000;

interface ResynthCliOptions {
  pitch?: string;
  speed?: string;
  formant?: string;
  seed?: string;
  bitDepth?: string;
  method: string;
}

export interface ResynthSettings {
  /** Semitones, -24..24. */
  pitch: number;
  /** Playback speed, 0.25..4 (2 = twice as fast, half as long). */
  speed: number;
  /** Formant (envelope) frequency ratio, 0.5..2. */
  formant: number;
  seed: number;
  bitDepth: 16 | 24 | 32;
  method: 'dio' | 'autocorr';
}

/** Checks the command-line options; every problem is a UserError naming the option. */
export function resynthSettings(o: ResynthCliOptions): ResynthSettings {
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (o.seed !== undefined && (!/^-?\d+$/.test(o.seed.trim()) || !Number.isSafeInteger(seed))) {
    throw new UserError(`--seed must be an integer (got '${o.seed}')`);
  }
  const bits = o.bitDepth === undefined ? 16 : Number(o.bitDepth);
  if (bits !== 16 && bits !== 24 && bits !== 32) throw new UserError(`--bit-depth must be 16, 24 or 32 (got '${o.bitDepth}')`);
  if (o.method !== 'dio' && o.method !== 'autocorr') throw new UserError(`--method must be dio or autocorr (got '${o.method}')`);
  return {
    pitch: numberOption(o.pitch, 'pitch', -24, 24, 'semitones') ?? 0,
    speed: numberOption(o.speed, 'speed', 0.25, 4) ?? 1,
    formant: numberOption(o.formant, 'formant', 0.5, 2) ?? 1,
    seed,
    bitDepth: bits,
    method: o.method,
  };
}

/** Applies speed, pitch and formant changes to analysed parameters (identity settings are skipped). */
export function transformParams(p: VocoderParams, s: Pick<ResynthSettings, 'pitch' | 'speed' | 'formant'>): VocoderParams {
  let q = p;
  if (s.speed !== 1) q = timeStretch(q, 1 / s.speed); // timeStretch's ratio is a length ratio: > 1 = longer
  if (s.pitch !== 0) q = pitchShift(q, s.pitch);
  if (s.formant !== 1) q = formantShift(q, s.formant);
  return q;
}

function checkWritableDir(outPath: string): void {
  const dir = dirname(outPath);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UserError(`cannot write: folder ${dir} does not exist`, { file: outPath });
}

/**
 * `cantor resynth IN.wav OUT.wav [--pitch SEMITONES] [--speed RATIO] [--formant RATIO] [--seed N] [--bit-depth 16|24|32]`:
 * analyse a recording, change it, synthesise it again.
 */
export function registerResynth(program: Command): void {
  const cmd = program
    .command('resynth')
    .description('analyse a recording and synthesise it again, optionally shifting pitch, speed and formants')
    .argument('<in>', 'WAV file to analyse')
    .argument('<out>', 'WAV file to write')
    .option('--pitch <semitones>', 'pitch shift in semitones, -24..24 (default 0)')
    .option('--speed <ratio>', 'speed factor, 0.25..4 (2 = twice as fast; default 1)')
    .option('--formant <ratio>', 'formant shift factor, 0.5..2 (default 1)')
    .option('--seed <n>', 'seed of the noise generator (default 1): same seed, same output')
    .option('--bit-depth <bits>', 'output sample format: 16 or 24-bit PCM, or 32-bit float (default 16)')
    .option('--method <method>', 'F0 estimator: dio (fast) or autocorr (robust, slower)', 'dio')
    .action(
      runAction((inPath: string, outPath: string, o: ResynthCliOptions) => {
        const s = resynthSettings(o);
        checkWritableDir(outPath);
        const t0 = performance.now();
        const audio = readWavFile(inPath);
        const seconds = audio.samples.length / audio.sampleRate;
        // Checked here rather than left to analyze(), so that a bad file gives one line and no progress output.
        if (audio.sampleRate < MIN_ANALYSIS_RATE || audio.sampleRate > MAX_ANALYSIS_RATE) {
          throw new UserError(
            `sample rate ${audio.sampleRate} Hz is outside what the analysis handles (${MIN_ANALYSIS_RATE}..${MAX_ANALYSIS_RATE} Hz)`,
            { file: inPath },
          );
        }
        process.stderr.write(`analysing ${inPath} (${seconds.toFixed(2)} s at ${audio.sampleRate} Hz)...\n`);
        let params: VocoderParams;
        try {
          params = analyze(audio, { f0Method: s.method, f0Ceil: defaultF0Ceil(audio.sampleRate) });
        } catch (err) {
          throw withFile(err, inPath);
        }
        process.stderr.write('synthesising...\n');
        const out = synthesize(transformParams(params, s), { seed: s.seed });
        try {
          writeWavFile(outPath, out, { bitDepth: s.bitDepth });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new UserError(`cannot write (${code ?? String(err)})`, { file: outPath });
        }
        const taken = (performance.now() - t0) / 1000;
        const outSeconds = out.samples.length / out.sampleRate;
        process.stderr.write(
          `wrote ${outPath}: ${outSeconds.toFixed(2)} s from ${seconds.toFixed(2)} s of input in ${taken.toFixed(2)} s ` +
            `(${(seconds / taken).toFixed(1)}x faster than real time)\n`,
        );
      }),
    );
  oneLineErrors(cmd);
}
