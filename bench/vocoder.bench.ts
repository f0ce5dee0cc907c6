/**
 * Vocoder synthesis speed: times faster than real time (audio duration / synthesis time, one core, best of 3 runs)
 * for each reference voice at its own rate and resampled to 44.1 kHz, and for a 3-minute 44.1 kHz file made by
 * concatenating the voices; plus the process's peak RSS. Parameters come from analyze() (not timed).
 */
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import type { VocoderParams } from '../src/analysis/types.js';
import { analyze } from '../src/analysis/analyze.js';
import { synthesisFftSize, synthesize } from '../src/vocoder/synthesis.js';
import { voiceNames, voicesDir } from '../test/helpers/paths.js';
import { readWavFile } from '../src/audio/wav.js';
import { concatenate } from './three-minute-file.js';

type Resampler = (audio: Audio, rate: number) => Audio | Promise<Audio>;

async function loadResampler(): Promise<{ resample: Resampler; note: string }> {
  try {
    const m = (await import('../src/audio/resample.js' as string)) as { resample: Resampler };
    return { resample: m.resample, note: 'src/audio/resample.ts' };
  } catch {
    // Fallback until src/audio/resample.ts exists: linear interpolation (enough to time the synthesis).
    const linear: Resampler = (a, rate) => {
      const n = Math.round((a.samples.length * rate) / a.sampleRate);
      const out = new Float32Array(n);
      const step = a.sampleRate / rate;
      for (let i = 0; i < n; i++) {
        const x = i * step;
        const j = Math.floor(x);
        const f = x - j;
        const a0 = a.samples[j] ?? 0;
        const a1 = a.samples[j + 1] ?? a0;
        out[i] = a0 + f * (a1 - a0);
      }
      return { sampleRate: rate, samples: out };
    };
    return { resample: linear, note: 'linear interpolation (src/audio/resample.ts not in the tree yet)' };
  }
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Best of `runs` syntheses, as times faster than real time, by process CPU time (user + system: what one core spends,
 * little affected by other processes on a shared machine) and by wall-clock time.
 */
function timeSynthesis(p: VocoderParams, runs = 3, fftSize?: number): { cpu: number; wall: number; seconds: number } {
  const seconds = (p.f0.length - 1) * p.framePeriod;
  let bestCpu = Infinity;
  let bestWall = Infinity;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    synthesize(p, { seed: 1, fftSize });
    bestWall = Math.min(bestWall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { cpu: (seconds * 1000) / bestCpu, wall: (seconds * 1000) / bestWall, seconds };
}

function speeds(t: { cpu: number; wall: number }): string {
  return `${t.cpu.toFixed(1)}x (wall ${t.wall.toFixed(1)}x)`;
}

export default async function bench(): Promise<void> {
  const { resample, note } = await loadResampler();
  console.log(
    `synthesis speed, times faster than real time on one core (best of 3, by CPU time; wall clock in brackets); ` +
      `44.1 kHz via ${note}`,
  );
  const at44: Audio[] = [];
  for (const voice of voiceNames) {
    const audio = readWavFile(join(voicesDir, voice, 'reference.wav'));
    const p = analyze(audio);
    const own = timeSynthesis(p);
    const a44 = await resample(audio, 44100);
    at44.push(a44);
    const p44 = analyze(a44);
    const fast = timeSynthesis(p44);
    console.log(
      `  ${voice.padEnd(11)} ${own.seconds.toFixed(1)} s: ${(audio.sampleRate / 1000).toFixed(2)} kHz ` +
        `(fft ${p.fftSize}, synthesis ${synthesisFftSize(p)}) ${speeds(own)}, ` +
        `44.1 kHz (fft ${p44.fftSize}, synthesis ${synthesisFftSize(p44)}) ${speeds(fast)}`,
    );
  }
  // A 3-minute file at 44.1 kHz: the voices end to end, repeated as needed.
  const long = concatenate(at44, 180, 44100);
  const rssBefore = peakRssMb();
  const pLong = analyze(long);
  const rssParams = peakRssMb();
  const t = timeSynthesis(pLong, 2);
  console.log(`  3-minute file, 44.1 kHz: ${speeds(t)}`);
  const full = timeSynthesis(pLong, 1, pLong.fftSize);
  console.log(`  3-minute file, 44.1 kHz, synthesis at the analysis FFT size (${pLong.fftSize}, as WORLD does): ${speeds(full)}`);
  console.log(
    `  peak RSS: ${rssBefore.toFixed(0)} MB before the 3-minute analysis, ${rssParams.toFixed(0)} MB with its parameters, ` +
      `${peakRssMb().toFixed(0)} MB after synthesis (parameters alone: ${(((pLong.f0.length * (pLong.fftSize / 2 + 1) * 2 * 8) / 1e6)).toFixed(0)} MB of spectra)`,
  );
}
