import type { Command } from 'commander';
import { estimateF0 } from '../analysis/f0.js';
import { readWavFile } from '../audio/wav.js';
import { UserError, withFile } from '../errors.js';
import { runAction } from './run-action.js';

interface F0CliOptions {
  method: string;
  floor?: string;
  ceil?: string;
}

/**
 * Parses a numeric option strictly (the whole string must be a finite decimal number) and checks its range;
 * anything else is a UserError naming the option.
 */
export function numberOption(value: string | undefined, name: string, min: number, max: number, unit = ''): number | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  const v = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : NaN;
  const range = `${min}..${max}${unit ? ' ' + unit : ''}`;
  if (!Number.isFinite(v)) throw new UserError(`--${name} must be a number in ${range} (got '${value}')`);
  if (v < min || v > max) throw new UserError(`--${name} ${s} is out of range (${range})`);
  return v;
}

/**
 * Commander's own errors (unknown option, missing argument) as one line and exit code 2, like a UserError;
 * --help still exits 0.
 */
export function oneLineErrors(cmd: Command): Command {
  return cmd.showHelpAfterError(false).exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
}

/** The default F0 ceiling, 1100 Hz, lowered below a quarter of the sample rate for low-rate files (the estimators' limit). */
export function defaultF0Ceil(sampleRate: number): number {
  return Math.min(1100, Math.floor(sampleRate / 4) - 1);
}

/** `cantor f0 IN.wav [--method dio|autocorr] [--floor HZ] [--ceil HZ]`: prints CSV `time,hz,voiced` on stdout. */
export function registerF0(program: Command): void {
  const cmd = program
    .command('f0')
    .description('estimate the F0 (pitch) of a recording every 5 ms; prints CSV time,hz,voiced')
    .argument('<in>', 'WAV file to analyse')
    .option('--method <method>', 'dio (fast) or autocorr (robust, slower)', 'dio')
    .option('--floor <hz>', 'lowest F0 searched, Hz (default 50)')
    .option('--ceil <hz>', 'highest F0 searched, Hz (default 1100, lower for files below 4.4 kHz)')
    .action(
      runAction((inPath: string, o: F0CliOptions) => {
        if (o.method !== 'dio' && o.method !== 'autocorr') {
          throw new UserError(`--method must be dio or autocorr (got '${o.method}')`);
        }
        const f0Floor = numberOption(o.floor, 'floor', 10, 10000, 'Hz');
        const f0Ceil = numberOption(o.ceil, 'ceil', 10, 100000, 'Hz');
        if (f0Floor !== undefined && f0Ceil !== undefined && !(f0Ceil > f0Floor)) {
          throw new UserError(`--ceil ${f0Ceil} must be above --floor ${f0Floor}`);
        }
        const audio = readWavFile(inPath);
        let track;
        try {
          track = estimateF0(audio, { method: o.method, f0Floor, f0Ceil: f0Ceil ?? defaultF0Ceil(audio.sampleRate) });
        } catch (err) {
          throw withFile(err, inPath);
        }
        const lines = ['time,hz,voiced'];
        const { f0, framePeriod } = track;
        for (let i = 0; i < f0.length; i++) {
          lines.push(`${(i * framePeriod).toFixed(3)},${f0[i].toFixed(2)},${f0[i] > 0 ? 1 : 0}`);
        }
        // A reader that stops early (`| head`) closes the pipe: end quietly, as Unix tools do.
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(0);
          throw err;
        });
        process.stdout.write(lines.join('\n') + '\n');
      }),
    );
  oneLineErrors(cmd);
}
