/**
 * Conversion speed and memory on one core (src/convert): times faster than real time (input seconds / conversion
 * seconds, best of 2) for a ~1 minute input (kal's reference, 16 kHz, into slt, 32 kHz: resampling, analysis,
 * matching and synthesis; the default autocorrelation F0 and the faster DIO) at the voice's rate and at 44.1 kHz (the CLI's default), and for a 3-minute input at 44.1 kHz
 * (the shared references end to end); the share of each stage; the peak RSS of the process after the 3-minute run.
 * The voices are built and cached beforehand (not timed).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { convertVoice } from '../src/convert/index.js';
import type { Voice } from '../src/voice/types.js';
import { evalVoice, referenceAudio } from '../eval/songs.js';
import { threeMinuteFile } from './three-minute-file.js';

function timed(input: Audio, voice: Voice, sampleRate?: number, f0Method?: 'dio' | 'autocorr'): { seconds: number; stages: Record<string, number> } {
  let best = Infinity;
  let stages: Record<string, number> = {};
  for (let r = 0; r < 2; r++) {
    const st: Record<string, number> = {};
    let stage = '';
    let last = performance.now();
    const t0 = last;
    convertVoice(input, voice, {
      sampleRate,
      f0Method,
      onProgress: (_f, s) => {
        if (s === stage) return;
        const now = performance.now();
        if (stage) st[stage] = (st[stage] ?? 0) + (now - last) / 1000;
        stage = s;
        last = now;
      },
    });
    const t = (performance.now() - t0) / 1000;
    if (t < best) {
      best = t;
      stages = st;
    }
  }
  return { seconds: best, stages };
}

function line(what: string, input: Audio, r: { seconds: number; stages: Record<string, number> }): void {
  const d = input.samples.length / input.sampleRate;
  const st = Object.entries(r.stages)
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
    .join(', ');
  console.log(`${what}: ${d.toFixed(1)} s in ${r.seconds.toFixed(2)} s = ${(d / r.seconds).toFixed(1)}x real time (${st})`);
}

export default function bench(): void {
  const cache = join(tmpdir(), 'cantor-convert-test-voices');
  const slt = evalVoice('slt', 'en', cache);
  const minute = referenceAudio('kal');
  line('kal (16 kHz) -> slt, at 32 kHz', minute, timed(minute, slt));
  line('kal (16 kHz) -> slt, at 44.1 kHz', minute, timed(minute, slt, 44100));
  line('kal (16 kHz) -> slt, at 44.1 kHz, DIO F0', minute, timed(minute, slt, 44100, 'dio'));
  const long = threeMinuteFile(44100, 180);
  line('3-minute 44.1 kHz input -> slt, at 44.1 kHz', long, timed(long, slt, 44100));
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (node, modules, the voice, the 3-minute input and output)`);
}
