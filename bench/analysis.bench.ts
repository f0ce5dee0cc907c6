/**
 * Analysis speed, times faster than real time on one core: CheapTrick (envelope), D4C (aperiodicity) and the whole
 * analyze() with the dio F0 path, per reference voice at its own rate and for a 3-minute 44.1 kHz file made by
 * concatenating the voices (bench/three-minute-file.ts), plus peak RSS.
 * Each figure is the best of a few runs (wall clock; the machines are shared, so the best run is the least
 * disturbed one); the CPU-time figure of the same run is printed too. D4C runs with its defaults (fast path,
 * every other voiced frame interpolated at 5 ms frames).
 * WORLD C++ on this kind of machine at 44.1 kHz: CheapTrick 54x, D4C 8.4x.
 */
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import type { F0Track, VocoderParams } from '../src/analysis/types.js';
import { analyze } from '../src/analysis/analyze.js';
import { cheapTrick } from '../src/analysis/cheaptrick.js';
import { d4c } from '../src/analysis/d4c.js';
import { estimateF0 } from '../src/analysis/f0.js';
import { readWavFile } from '../src/audio/wav.js';
import { voicesDir, voiceNames } from '../test/helpers/paths.js';
import { threeMinuteFile } from './three-minute-file.js';

interface Timing {
  wallX: number;
  cpuX: number;
}

/** Best of `runs` (by wall clock) as times faster than real time, with that run's CPU-time speed. */
function speed(duration: number, runs: number, fn: () => unknown): Timing {
  let best: Timing = { wallX: 0, cpuX: 0 };
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    if (duration / wall > best.wallX) best = { wallX: duration / wall, cpuX: duration / cpuS };
  }
  return best;
}

const fmt = (t: Timing) => `${t.wallX.toFixed(1)}x (cpu ${t.cpuX.toFixed(1)}x)`;

function measure(name: string, audio: Audio, runs: number): void {
  const duration = audio.samples.length / audio.sampleRate;
  // Warm-up on one second so the JIT has compiled the hot loops.
  const warm = { sampleRate: audio.sampleRate, samples: audio.samples.subarray(0, audio.sampleRate) };
  analyze(warm);
  let track: F0Track = { framePeriod: 0.005, f0: new Float64Array(0) };
  const f0 = speed(duration, runs, () => (track = estimateF0(audio, { method: 'dio' })));
  const ct = speed(duration, runs, () => cheapTrick(audio, track));
  const ap = speed(duration, runs, () => d4c(audio, track));
  const all = speed(duration, runs, () => analyze(audio, { f0Method: 'dio' }));
  const voiced = track.f0.filter((v) => v > 0).length / track.f0.length;
  console.log(
    `${name.padEnd(22)} ${duration.toFixed(1).padStart(6)} s @ ${String(audio.sampleRate).padStart(5)} Hz  ` +
      `F0(dio) ${fmt(f0)}  CheapTrick ${fmt(ct)}  D4C ${fmt(ap)}  analyze ${fmt(all)}  (voiced ${(100 * voiced).toFixed(0)} %)`,
  );
}

export default async function bench(): Promise<void> {
  const audio: Audio = threeMinuteFile();
  // Memory first, while the process is fresh: one analysis of the 3-minute file, holding its result (envelope and
  // aperiodicity are each frames x (fftSize/2+1) doubles: 36 001 x 1025 x 8 B = 295 MB).
  const before = process.memoryUsage().rss;
  let params: VocoderParams | null = analyze(audio);
  const after = process.memoryUsage().rss;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `3-min analysis at 44.1 kHz: ${params.f0.length} frames, fftSize ${params.fftSize}; rss ${(before / 2 ** 20).toFixed(0)} -> ` +
      `${(after / 2 ** 20).toFixed(0)} MiB holding the result; process peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
  params = null;
  for (const v of voiceNames) measure(v, readWavFile(join(voicesDir, v, 'reference.wav')), 2);
  measure('3-min concat 44.1 kHz', audio, 2);
}
