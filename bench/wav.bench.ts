/**
 * WAV decode/encode and resampling speed on a generated 3-minute 44.1 kHz mono file (a vowel-like harmonic tone
 * with noise): MB/s of WAV bytes, times faster than real time, and peak RSS.
 */
import { decodeWav, encodeWav } from '../src/audio/wav.js';
import { resample } from '../src/audio/resample.js';
import type { Audio } from '../src/audio/types.js';

const RATE = 44100;
const SECONDS = 180;

function makeAudio(): Audio {
  const n = RATE * SECONDS;
  const s = new Float32Array(n);
  let seed = 12345;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f0 = 220 * (1 + 0.02 * Math.sin((2 * Math.PI * 5.5 * i) / RATE));
    phase += (2 * Math.PI * f0) / RATE;
    seed = (seed * 1664525 + 1013904223) >>> 0;
    s[i] = 0.3 * Math.sin(phase) + 0.15 * Math.sin(2 * phase) + 0.08 * Math.sin(3 * phase) + 0.02 * (seed / 2 ** 32 - 0.5);
  }
  return { sampleRate: RATE, samples: s };
}

function timeIt<T>(fn: () => T, runs: number): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const mb = (bytes: number) => bytes / 1e6;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export default function bench(): void {
  const audio = makeAudio();
  console.log(`3-minute 44.1 kHz mono (${audio.samples.length} samples); best of 3 runs`);
  for (const opts of [{ bitDepth: 16 as const }, { bitDepth: 24 as const }, { bitDepth: 32 as const }]) {
    const label = opts.bitDepth === 32 ? 'float32' : `${opts.bitDepth}-bit`;
    const enc = timeIt(() => encodeWav(audio, opts), 3);
    const bytes = enc.result;
    const dec = timeIt(() => decodeWav(bytes, 'bench.wav'), 3);
    console.log(
      `${label.padEnd(7)} ${fmt(mb(bytes.length))} MB: encode ${enc.ms.toFixed(0)} ms (${fmt(mb(bytes.length) / (enc.ms / 1000))} MB/s, ` +
        `${fmt(SECONDS / (enc.ms / 1000))}x real time), decode ${dec.ms.toFixed(0)} ms ` +
        `(${fmt(mb(bytes.length) / (dec.ms / 1000))} MB/s, ${fmt(SECONDS / (dec.ms / 1000))}x real time)`,
    );
  }
  // Stereo 16-bit (downmix on decode): build it by interleaving the mono signal with itself, scaled.
  const mono16 = encodeWav(audio);
  const n = audio.samples.length;
  const st = new Uint8Array(44 + 4 * n);
  st.set(mono16.subarray(0, 44));
  const v = new DataView(st.buffer);
  v.setUint32(4, st.length - 8, true);
  v.setUint16(22, 2, true);
  v.setUint32(28, RATE * 4, true);
  v.setUint16(32, 4, true);
  v.setUint32(40, 4 * n, true);
  for (let i = 0; i < n; i++) {
    st[44 + 4 * i] = st[46 + 4 * i] = mono16[44 + 2 * i];
    st[45 + 4 * i] = st[47 + 4 * i] = mono16[45 + 2 * i];
  }
  const dst = timeIt(() => decodeWav(st, 'stereo.wav'), 3);
  console.log(`stereo 16-bit ${fmt(mb(st.length))} MB: decode+downmix ${dst.ms.toFixed(0)} ms (${fmt(mb(st.length) / (dst.ms / 1000))} MB/s, ${fmt(SECONDS / (dst.ms / 1000))}x real time)`);

  for (const target of [16000, 48000, 22050]) {
    const r = timeIt(() => resample(audio, target), 1);
    console.log(`resample 44100 -> ${target} Hz: ${r.ms.toFixed(0)} ms (${fmt(SECONDS / (r.ms / 1000))}x real time), ${r.result.samples.length} samples`);
  }
  const down = resample(audio, 16000);
  const up = timeIt(() => resample(down, 44100), 1);
  console.log(`resample 16000 -> 44100 Hz: ${up.ms.toFixed(0)} ms (${fmt(SECONDS / (up.ms / 1000))}x real time)`);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${rss.toFixed(0)} MB (whole process)`);
}
