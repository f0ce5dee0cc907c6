/**
 * WAV decode/encode and resampling speed on a 3-minute 44.1 kHz file (the reference voices, resampled to 44.1 kHz and
 * concatenated): MB/s and times faster than real time (audio duration / processing time), best of several runs on one
 * core; plus peak RSS. For reference, libsamplerate-js (SRC_SINC_MEDIUM_QUALITY, its wasm2js build) on 20 s.
 */
import { decodeWav, encodeWav, type WavEncodeOptions } from '../src/audio/wav.js';
import { resample } from '../src/audio/resample.js';
import type { Audio } from '../src/audio/types.js';
import { threeMinuteFile } from './three-minute-file.js';

function best(runs: number, fn: () => void): number {
  let t = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, performance.now() - t0);
  }
  return t / 1000;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export default async function bench(): Promise<void> {
  const rate = 44100;
  const seconds = 180;
  const audio: Audio = threeMinuteFile(rate, seconds);
  console.log(`WAV I/O, 3-minute mono 44.1 kHz file, best of 5 (MB/s of WAV bytes; times faster than real time)`);
  const formats: [string, WavEncodeOptions][] = [
    ['16-bit PCM', { bitDepth: 16 }],
    ['24-bit PCM', { bitDepth: 24 }],
    ['32-bit float', { bitDepth: 32 }],
  ];
  for (const [name, opts] of formats) {
    let bytes: Uint8Array = new Uint8Array(0);
    const enc = best(5, () => {
      bytes = encodeWav(audio, opts);
    });
    const dec = best(5, () => {
      decodeWav(bytes, 'bench.wav');
    });
    const mb = bytes.length / 1e6;
    console.log(
      `  ${name.padEnd(12)} ${mb.toFixed(1)} MB: decode ${(mb / dec).toFixed(0)} MB/s (${(seconds / dec).toFixed(0)}x), ` +
        `encode ${(mb / enc).toFixed(0)} MB/s (${(seconds / enc).toFixed(0)}x)`,
    );
  }
  console.log(`resampling the 3-minute file (band-limited sinc, 100 dB; best of 2; times faster than real time)`);
  const pairs: [number, number][] = [
    [44100, 16000],
    [16000, 44100],
    [44100, 48000],
    [32000, 44100],
    [44100, 22050],
  ];
  const byRate = new Map<number, Audio>([[44100, audio]]);
  for (const r of [16000, 32000]) byRate.set(r, resample(audio, r));
  for (const [from, to] of pairs) {
    const src = byRate.get(from)!;
    const t = best(2, () => resample(src, to));
    console.log(`  ${(from / 1000).toFixed(1)} -> ${(to / 1000).toFixed(1)} kHz: ${(seconds / t).toFixed(0)}x`);
  }
  try {
    type Create = (c: number, i: number, o: number, opts: { converterType: number }) => Promise<{ simple: (x: Float32Array) => Float32Array }>;
    type Lib = { create?: Create; default?: Lib };
    let lib = (await import('@alexanderolsen/libsamplerate-js')) as unknown as Lib;
    while (!lib.create && lib.default) lib = lib.default; // a CommonJS bundle: the exports sit under default
    const src = await lib.create!(1, 44100, 16000, { converterType: 1 });
    const clip = audio.samples.subarray(0, 20 * rate);
    const t = best(2, () => src.simple(clip));
    console.log(`  reference: libsamplerate-js medium, 44.1 -> 16.0 kHz on 20 s: ${(20 / t).toFixed(0)}x`);
  } catch (err) {
    console.log(`  reference: libsamplerate-js unavailable (${String(err)})`);
  }
  console.log(`  peak RSS ${peakRssMb().toFixed(0)} MB`);
}
