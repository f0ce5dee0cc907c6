import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { Audio } from '../audio/types.js';
import { readWavFile, writeWavFile } from '../audio/wav.js';
import { UserError } from '../errors.js';
import { baseLanguage } from '../lyrics/index.js';
import { planSong } from '../planner/index.js';
import type { PlanOptions } from '../planner/options.js';
import { defaultVoice } from '../render/default-voice.js';
import { LIMIT, softLimit } from '../render/limiter.js';
import { backingAt, type Backing, mixBacking } from '../render/mix.js';
import { render, renderStream, type RenderReport } from '../render/render.js';
import { WavStreamWriter } from '../render/wav-stream.js';
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
  stream?: boolean;
  backing?: string;
  backingGain?: string;
}

export type OutputRate = 44100 | 48000;

export interface SingSettings {
  key: number;
  tempo: number;
  seed: number;
  verse?: number;
  rate: OutputRate;
  bitDepth: 16 | 24 | 32;
  backingGain: number;
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
    backingGain: numberOption(o.backingGain, 'backing-gain', -60, 24, 'dB') ?? 0,
  };
}

export function checkWritableDir(outPath: string): void {
  if (outPath === '-') return;
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

export interface OutputSettings {
  /** WAV file, or '-' for standard output (streamed only). */
  out: string;
  seed?: number;
  rate: OutputRate;
  bitDepth: 16 | 24 | 32;
  t0: number;
  /** Write the audio as it is made (renderStream) rather than after the whole render. */
  stream?: boolean;
  backing?: Backing;
  /** RenderOptions.smoothing (default: the renderer's). */
  smoothing?: number;
}

/** Reads --backing (any WAV; downmixed to mono by the reader), with its --backing-gain. */
export function loadBacking(path: string | undefined, gainDb: number): Backing | undefined {
  return path === undefined ? undefined : { audio: readWavFile(path), gainDb };
}

/**
 * Bytes to `out` as they come: to standard output for '-', else to a temporary file beside it that is renamed over
 * it only once complete (like writeFileAtomic: a failure leaves no partial output).
 */
function progressiveSink(out: string): { write: (b: Uint8Array) => void; commit: () => void; abort: () => void } {
  if (out === '-') return { write: (b) => void process.stdout.write(b), commit: () => {}, abort: () => {} };
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
  } catch (err) {
    throw new UserError(`cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: out });
  }
  const file = fd;
  return {
    write(b) {
      let off = 0;
      while (off < b.length) off += writeSync(file, b, off, b.length - off);
    },
    commit() {
      fsyncSync(file);
      closeSync(file);
      renameSync(tmp, out);
    },
    abort() {
      closeSync(file);
      rmSync(tmp, { force: true });
    },
  };
}

/** The streamed path of renderToFile: chunks mixed with the backing (if any), limited, written as they come. */
function streamToFile(plan: Plan, voice: Voice, o: OutputSettings, progress: ReturnType<typeof progressReporter>): number {
  const st = renderStream(plan, voice, {
    seed: o.seed,
    sampleRate: o.rate,
    smoothing: o.smoothing,
    limit: o.backing === undefined,
    onProgress: (f, stage) => progress.report(stage, f),
  });
  warnFallbacks({ ...st.report, normalizeDb: 0 });
  const bk = o.backing ? backingAt(o.backing, st.sampleRate) : new Float32Array(0);
  const total = Math.max(st.length, bk.length);
  const sink = progressiveSink(o.out);
  try {
    const wav = new WavStreamWriter(sink.write, st.sampleRate, total, o.bitDepth);
    const put = (y: Float32Array) => {
      if (bk.length > 0) {
        const at = wav.count;
        for (let i = 0; i < y.length && at + i < bk.length; i++) y[i] += bk[at + i];
        softLimit(y);
      }
      wav.write(y);
    };
    for (const chunk of st.chunks) put(chunk);
    // The backing's tail after the song.
    for (let at = wav.count; at < total; at = wav.count) put(new Float32Array(Math.min(st.sampleRate, total - at)));
    wav.end();
    sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  }
  progress.done();
  return total / st.sampleRate;
}

/**
 * The common end of sing, speak and rap: render the plan with progress, warn about fallbacks, mix the backing track,
 * write the WAV (atomically; streamed as it is made with o.stream), and return the audio's length and the time taken
 * since `t0` (seconds).
 */
export function renderToFile(
  plan: Plan,
  voice: Voice,
  o: OutputSettings,
  progress: ReturnType<typeof progressReporter>,
): { seconds: number; taken: number } {
  if (o.stream || o.out === '-') {
    const seconds = streamToFile(plan, voice, o, progress);
    return { seconds, taken: (performance.now() - o.t0) / 1000 };
  }
  const rendered = render(plan, voice, {
    seed: o.seed,
    sampleRate: o.rate,
    smoothing: o.smoothing,
    onProgress: (f, stage) => progress.report(stage, f),
  });
  progress.done();
  warnFallbacks(rendered.report);
  const audio = o.backing ? mixBacking(rendered.audio, o.backing, LIMIT).audio : rendered.audio;
  writeOutput(o.out, audio, o.bitDepth);
  return { seconds: audio.samples.length / audio.sampleRate, taken: (performance.now() - o.t0) / 1000 };
}

/** Where the one-line summary goes: stdout, unless the audio itself goes there. */
export function summaryStream(out: string): NodeJS.WriteStream {
  return out === '-' ? process.stderr : process.stdout;
}

/** --rate and --bit-depth, shared by sing, speak and rap. The output rate is 44.1 kHz unless 48 kHz is asked for. */
export function outputFormat(o: { rate?: string; bitDepth?: string }): { rate: OutputRate; bitDepth: 16 | 24 | 32 } {
  const rate = o.rate === undefined ? 44100 : Number(o.rate);
  if (rate !== 44100 && rate !== 48000) throw new UserError(`--rate must be 44100 or 48000 (got '${o.rate}')`);
  const bits = o.bitDepth === undefined ? 16 : Number(o.bitDepth);
  if (bits !== 16 && bits !== 24 && bits !== 32) throw new UserError(`--bit-depth must be 16, 24 or 32 (got '${o.bitDepth}')`);
  return { rate, bitDepth: bits };
}

/**
 * `cantor sing SCORE [--voice V.voice] --out OUT.wav|- [--key +N] [--tempo R] [--part P] [--verse N] [--seed N]
 * [--rate 44100|48000] [--bit-depth 16|24|32] [--stream] [--backing B.wav [--backing-gain DB]]`: plan the score and
 * sing it in the voice (default: the built-in slt).
 */
export function registerSing(program: Command): void {
  const cmd = program
    .command('sing')
    .description('sing a score in a cloned voice (default: the built-in voice) and write a WAV file')
    .argument('<score>', 'score file (.musicxml, .xml, .mxl, .mid, .ust, .json)')
    .requiredOption('--out <file>', "WAV file to write ('-': standard output, streamed)")
    .option('--voice <file>', '.voice file made by `cantor clone` (default: the built-in voice)')
    .option('--key <semitones>', 'transpose by this many semitones, -24..24 (default 0)')
    .option('--tempo <ratio>', 'tempo factor, 0.25..4 (2 = twice as fast; default 1)')
    .option('--part <part>', 'MusicXML part: id, name or 1-based position')
    .option('--verse <n>', 'lyric verse, 1-based')
    .option('--seed <n>', 'seed of the pitch drift and the noise (default 1): same seed, same output')
    .option('--rate <hz>', 'output sample rate, 44100 or 48000 (default 44100)')
    .option('--bit-depth <bits>', 'output sample format: 16 or 24-bit PCM, or 32-bit float (default 16)')
    .option('--stream', 'write the audio as it is made (first audio within a second; a soft limiter above -1 dBFS instead of peak normalisation)')
    .option('--backing <file>', 'WAV backing track to mix under the voice (any rate, mixed to mono; the output lasts as long as the longer)')
    .option('--backing-gain <dB>', 'gain of the backing track, -60..24 dB (default 0)')
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
        const backing = loadBacking(o.backing, s.backingGain);
        const voice = loadVoiceOption(o.voice, progress);
        for (const w of score.warnings) process.stderr.write(`warning: ${w}\n`);
        if (baseLanguage(score.language) !== baseLanguage(voice.language)) {
          process.stderr.write(`warning: the lyrics are '${score.language}' but the voice is '${voice.language}': missing sounds are approximated\n`);
        }
        const planOpts: PlanOptions = { seed: s.seed, consonantDurations: voice.stats.consonantDurations };
        const plan = planSong(score, planOpts);
        const { seconds, taken } = renderToFile(
          plan,
          voice,
          { out: o.out, seed: s.seed, rate: s.rate, bitDepth: s.bitDepth, t0, stream: o.stream === true, backing },
          progress,
        );
        summaryStream(o.out).write(
          `sang ${seconds.toFixed(2)} s (${score.notes.filter((n) => n.kind !== 'rest').length} notes, voice ${voice.name}) ` +
            `in ${taken.toFixed(2)} s (${(seconds / taken).toFixed(1)}x faster than real time) -> ${o.out}\n`,
        );
      }),
    );
  oneLineErrors(cmd);
}
