/**
 * Praat's pitch tracker (Boersma 1993, "To Pitch (ac)") as a reference for tests: runs /usr/bin/praat on a temporary
 * script and reads back one frame per line. Praat must be installed (Debian's `praat`; CI installs it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './paths.js';

export interface PraatPitchOptions {
  /** Seconds between frames (default 0.005). */
  timeStep?: number;
  /** Pitch floor in Hz (default 75). */
  floor?: number;
  /** Pitch ceiling in Hz (default 600). */
  ceiling?: number;
}

const script = `form args
  sentence wav
  sentence out
  real timeStep 0.005
  real floor 75
  real ceiling 600
endform
Read from file: wav$
To Pitch: timeStep, floor, ceiling
n = Get number of frames
writeFile: out$, ""
for i to n
  t = Get time from frame number: i
  f = Get value in frame: i, "Hertz"
  if f = undefined
    f = 0
  endif
  appendFileLine: out$, fixed$(t, 6), " ", fixed$(f, 4)
endfor
`;

/** Praat's pitch track of a WAV file: frame times (s) and F0 (Hz; 0 where Praat calls the frame unvoiced). */
export function praatPitch(wavPath: string, opts: PraatPitchOptions = {}): { time: Float64Array; f0: Float64Array } {
  const timeStep = opts.timeStep ?? 0.005;
  const floor = opts.floor ?? 75;
  const ceiling = opts.ceiling ?? 600;
  const dir = tempDir('cantor-praat-');
  try {
    const scriptPath = join(dir, 'pitch.praat');
    const outPath = join(dir, 'pitch.txt');
    writeFileSync(scriptPath, script);
    execFileSync('praat', ['--run', scriptPath, resolve(wavPath), outPath, String(timeStep), String(floor), String(ceiling)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const lines = readFileSync(outPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const time = new Float64Array(lines.length);
    const f0 = new Float64Array(lines.length);
    lines.forEach((line, i) => {
      const [t, f] = line.trim().split(/\s+/);
      time[i] = Number(t);
      f0[i] = Number(f);
    });
    return { time, f0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads any audio file sox understands as mono float samples (independent of the project's own WAV reader). */
export function soxReadAudio(path: string): { sampleRate: number; samples: Float32Array } {
  const sampleRate = Number(execFileSync('soxi', ['-r', path]).toString().trim());
  const buf = execFileSync('sox', [path, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-L', '-c', '1', '-'], {
    maxBuffer: 1 << 30,
  });
  const samples = new Float32Array(buf.buffer, buf.byteOffset, buf.length >> 2).slice();
  return { sampleRate, samples };
}
