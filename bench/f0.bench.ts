/**
 * F0 speed, times faster than real time on one core: DIO candidates, StoneMask refinement, the robust path
 * (method 'autocorr', autocorrelation + best path) and the whole default estimateF0, per reference voice at its own
 * rate and for a 3-minute 44.1 kHz file made by concatenating the voices (bench/three-minute-file.ts, resampled with
 * src/audio/resample.ts). WORLD C++ on this kind of machine at 44.1 kHz: DIO 45x, StoneMask 134x, Harvest 7.6x.
 */
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { dio } from '../src/analysis/dio.js';
import { stoneMask } from '../src/analysis/stonemask.js';
import { selectCandidates } from '../src/analysis/f0-select.js';
import { estimateF0 } from '../src/analysis/f0.js';
import { voicesDir, voiceNames } from '../test/helpers/paths.js';
import { readWavFile } from '../src/audio/wav.js';
import { threeMinuteFile } from './three-minute-file.js';

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function measure(name: string, audio: Audio): void {
  const dur = audio.samples.length / audio.sampleRate;
  estimateF0({ sampleRate: audio.sampleRate, samples: audio.samples.subarray(0, audio.sampleRate) }); // warm-up
  const d = timeIt(() => dio(audio));
  const init = selectCandidates(d.value.channels, d.value.decimated, 0.005, 50);
  const s = timeIt(() => stoneMask(audio, init, 0.005));
  const full = timeIt(() => estimateF0(audio));
  const h = timeIt(() => estimateF0(audio, { method: 'autocorr' }));
  const x = (ms: number) => `${(dur / (ms / 1000)).toFixed(1)}x`;
  const voiced = full.value.f0.filter((v) => v > 0).length / full.value.f0.length;
  console.log(
    `${name.padEnd(22)} ${dur.toFixed(1).padStart(6)} s @ ${audio.sampleRate} Hz  DIO ${x(d.ms).padStart(7)}  ` +
      `StoneMask ${x(s.ms).padStart(7)}  estimateF0(dio) ${x(full.ms).padStart(7)}  autocorr ${x(h.ms).padStart(7)}  ` +
      `(voiced ${(100 * voiced).toFixed(0)} %)`,
  );
}

export default async function bench(): Promise<void> {
  for (const v of voiceNames) {
    const path = join(voicesDir, v, 'reference.wav');
    measure(v, readWavFile(path));
  }
  const long = threeMinuteFile().samples;
  const before = process.memoryUsage().rss;
  measure('3-min concat 44.1 kHz', { sampleRate: 44100, samples: long });
  console.log(`peak RSS after the 3-minute run: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (before ${(before / 2 ** 20).toFixed(0)} MiB)`);
}
