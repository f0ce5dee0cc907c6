/**
 * The benchmarks' long input: the shared reference voices resampled to `rate` (our own resampler) and laid end to
 * end, repeated as needed, to `seconds` of audio (3 minutes at 44.1 kHz by default).
 */
import { join } from 'node:path';
import { resample } from '../src/audio/resample.js';
import type { Audio } from '../src/audio/types.js';
import { readWavFile } from '../src/audio/wav.js';
import { voicesDir, voiceNames } from '../test/helpers/paths.js';

export function concatenate(parts: Audio[], seconds: number, rate: number): Audio {
  const long = new Float32Array(Math.round(seconds * rate));
  for (let off = 0, v = 0; off < long.length; v++) {
    const s = parts[v % parts.length].samples;
    const n = Math.min(s.length, long.length - off);
    long.set(s.subarray(0, n), off);
    off += n;
  }
  return { sampleRate: rate, samples: long };
}

export function threeMinuteFile(rate = 44100, seconds = 180): Audio {
  const parts = voiceNames.map((v) => resample(readWavFile(join(voicesDir, v, 'reference.wav')), rate));
  return concatenate(parts, seconds, rate);
}
