import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { Audio } from '../audio/types.js';
import { writeWavFile } from '../audio/wav.js';
import { UserError } from '../errors.js';
import { baseLanguage } from '../lyrics/index.js';
import { planSong } from '../planner/index.js';
import type { PlanOptions } from '../planner/options.js';
import { defaultVoice } from '../render/default-voice.js';
import { render, type RenderReport } from '../render/render.js';
import { scaleTempo, transposeScore } from '../render/score-edits.js';
import { loadScore, type ScoreOptions } from '../score/index.js';
import type { Plan } from '../planner/types.js';
import type { Voice } from '../voice/types.js';
import { readVoiceFile } from '../voice/voice-file.js';
import { numberOption, oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';

interface SingCliOptions {
  out: string;
  voice?: string;
  key?: string;
  tempo?: string;
  part?: string;
  verse?: string;
  seed?: string;
  rate?: string;
  bitDepth?: string;
}

export interface SingSettings {
  key: number;
  tempo: number;
  seed: number;
  verse?: number;
  rate?: 44100 | 48000;
  bitDepth: 16 | 24 | 32;
}

export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const v = /^[-+]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new UserError(`--${name} must be an integer in ${min}..${max} (got '${value}')`);
  return v;
}

/** Checks the options; every problem is a UserError naming the option. */
export function singSettings(o: SingCliOptions): SingSettings {
  const { rate, bitDepth } = outputFormat(o);
  return {
    key: numberOption(o.key, 'key', -24, 24, 'semitones') ?? 0,
    tempo: numberOption(o.tempo, 'tempo', 0.25, 4) ?? 1,
    seed: intOption(o.seed, 'seed', -(2 ** 31), 2 ** 31 - 1) ?? 1,
    verse: intOption(o.verse, 'verse', 1, 99),
    rate,
    bitDepth,
  };
}

export function checkWritableDir(outPath: string): void {
  let isDir = false;
  try {
    isDir = statSync(dirname(outPath)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UserError(`cannot write: folder ${dirname(outPath)} does not exist`, { file: outPath });
}

/** Progress on stderr, only once the job has taken more than a second; one line per stage (a live line on a TTY). */
export function progressReporter(t0: number): { report: (stage: string, fraction: number) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastStage = '';
  let lastShown = -1;
  let live = false;
  return {
    report(stage, fraction) {
      if (performance.now() - t0 < 1000) return;
      const pct = Math.floor(fraction * 100);
      if (tty) {
        if (pct === lastShown && stage === lastStage) return;
        process.stderr.write(`\r${stage} ${pct}%   `);
        live = true;
      } else if (stage !== lastStage && fraction < 1) {
        process.stderr.write(`${stage}...\n`);
      }
      lastStage = stage;
      lastShown = pct;
    },
    done() {
      if (live) process.stderr.write('\r\x1b[K');
    },
  };
}

/** The voice of --voice, or the built-in default voice (built and cached on first use, with progress). */
export function loadVoiceOption(path: string | undefined, progress: ReturnType<typeof progressReporter>): Voice {
  if (path !== undefined) return readVoiceFile(path);
  const t1 = performance.now();
  const cv = defaultVoice({ onProgress: (stage, f) => progress.report(`building the default voice (first use): ${stage}`, f) });
  if (!cv.fromCache) {
    progress.done();
    process.stderr.write(`built the default voice in ${((performance.now() - t1) / 1000).toFixed(1)} s (cached in ${cv.path})\n`);
  }
  return cv.voice;
}

/** Fallbacks and missing phonemes of a rendering, as warnings on stderr. */
export function warnFallbacks(report: RenderReport): void {
  for (const fb of report.fallbacks) {
    process.stderr.write(`warning: the voice has no '${fb.phoneme}': sung as '${fb.used}' (${fb.reason})\n`);
  }
  if (report.missing.length > 0) {
    process.stderr.write(`warning: no unit for ${report.missing.map((p) => `'${p}'`).join(', ')}: sung from the average sound of its class\n`);
  }
}

/** Writes the WAV atomically; a failure is a UserError naming the file. */
export function writeOutput(path: string, audio: Audio, bitDepth: 16 | 24 | 32): void {
  try {
    writeWavFile(path, audio, { bitDepth });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write (${code ?? String(err)})`, { file: path });
  }
}

/**
 * The common end of sing, speak and rap: render the plan with progress, warn about fallbacks, write the WAV
 * atomically, and return the audio's length and the time taken since `t0` (seconds).
 */
export function renderToFile(
  plan: Plan,
  voice: Voice,
  o: { out: string; seed?: number; rate?: 44100 | 48000; bitDepth: 16 | 24 | 32; t0: number },
  progress: ReturnType<typeof progressReporter>,
): { seconds: number; taken: number } {
  const { audio, report } = render(plan, voice, {
    seed: o.seed,
    sampleRate: o.rate,
    onProgress: (f, stage) => progress.report(stage, f),
  });
  progress.done();
  warnFallbacks(report);
  writeOutput(o.out, audio, o.bitDepth);
  return { seconds: audio.samples.length / audio.sampleRate, taken: (performance.now() - o.t0) / 1000 };
}

/** --rate and --bit-depth, shared by sing, speak and rap. */
export function outputFormat(o: { rate?: string; bitDepth?: string }): { rate?: 44100 | 48000; bitDepth: 16 | 24 | 32 } {
  const rate = o.rate === undefined ? undefined : Number(o.rate);
  if (rate !== undefined && rate !== 44100 && rate !== 48000) throw new UserError(`--rate must be 44100 or 48000 (got '${o.rate}')`);
  const bits = o.bitDepth === undefined ? 16 : Number(o.bitDepth);
  if (bits !== 16 && bits !== 24 && bits !== 32) throw new UserError(`--bit-depth must be 16, 24 or 32 (got '${o.bitDepth}')`);
  return { rate, bitDepth: bits };
}

/**
 * `cantor sing SCORE [--voice V.voice] --out OUT.wav [--key +N] [--tempo R] [--part P] [--verse N] [--seed N]
 * [--rate 44100|48000] [--bit-depth 16|24|32]`: plan the score and sing it in the voice (default: the built-in slt).
 */
export function registerSing(program: Command): void {
  const cmd = program
    .command('sing')
    .description('sing a score in a cloned voice (default: the built-in voice) and write a WAV file')
    .argument('<score>', 'score file (.musicxml, .xml, .mxl, .mid, .ust, .json)')
    .requiredOption('--out <file>', 'WAV file to write')
    .option('--voice <file>', '.voice file made by `cantor clone` (default: the built-in voice)')
    .option('--key <semitones>', 'transpose by this many semitones, -24..24 (default 0)')
    .option('--tempo <ratio>', 'tempo factor, 0.25..4 (2 = twice as fast; default 1)')
    .option('--part <part>', 'MusicXML part: id, name or 1-based position')
    .option('--verse <n>', 'lyric verse, 1-based')
    .option('--seed <n>', 'seed of the pitch drift and the noise (default 1): same seed, same output')
    .option('--rate <hz>', "output sample rate, 44100 or 48000 (default: the voice's)")
    .option('--bit-depth <bits>', 'output sample format: 16 or 24-bit PCM, or 32-bit float (default 16)')
    .action(
      runAction((scorePath: string, o: SingCliOptions) => {
        const s = singSettings(o);
        checkWritableDir(o.out);
        const t0 = performance.now();
        const progress = progressReporter(t0);
        const scoreOpts: ScoreOptions = {};
        if (o.part !== undefined) scoreOpts.part = o.part;
        if (s.verse !== undefined) scoreOpts.verse = s.verse;
        let score = loadScore(scorePath, scoreOpts);
        if (!score.notes.some((n) => n.kind !== 'rest')) throw new UserError('the score has no notes to sing', { file: scorePath });
        score = scaleTempo(transposeScore(score, s.key), s.tempo);
        const voice = loadVoiceOption(o.voice, progress);
        for (const w of score.warnings) process.stderr.write(`warning: ${w}\n`);
        if (baseLanguage(score.language) !== baseLanguage(voice.language)) {
          process.stderr.write(`warning: the lyrics are '${score.language}' but the voice is '${voice.language}': missing sounds are approximated\n`);
        }
        const planOpts: PlanOptions = { seed: s.seed, consonantDurations: voice.stats.consonantDurations };
        const plan = planSong(score, planOpts);
        const { seconds, taken } = renderToFile(plan, voice, { out: o.out, seed: s.seed, rate: s.rate, bitDepth: s.bitDepth, t0 }, progress);
        process.stdout.write(
          `sang ${seconds.toFixed(2)} s (${score.notes.filter((n) => n.kind !== 'rest').length} notes, voice ${voice.name}) ` +
            `in ${taken.toFixed(2)} s (${(seconds / taken).toFixed(1)}x faster than real time) -> ${o.out}\n`,
        );
      }),
    );
  oneLineErrors(cmd);
}
