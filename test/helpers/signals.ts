/**
 * Test signals with a KNOWN F0 contour at any sample rate: phase-continuous sums of harmonics with a speech-like
 * decaying spectrum (about -6 dB per octave), silent where the contour is 0, plus contour builders (steady notes,
 * vibrato, glides, silences) and noise. Deterministic: noise comes from a seeded generator.
 */
import type { Audio } from '../../src/audio/types.js';

/** F0 contour: Hz at time t (s), 0 where unvoiced. */
export type Contour = (t: number) => number;

export interface HarmonicSignalOptions {
  sampleRate: number;
  f0: Contour;
  /** Seconds. */
  duration: number;
  /** Most harmonics to sum (default 40); harmonics are also faded out between 0.40 and 0.45 * sampleRate. */
  harmonics?: number;
  /** Peak-ish amplitude of the voiced signal (default 0.5). */
  amplitude?: number;
  /** Standard deviation of added white Gaussian noise, absolute (default 0). Added everywhere, silences included. */
  noise?: number;
  /** Spectral tilt: harmonic k has amplitude k^-tilt (default 1, i.e. -6 dB/octave). */
  tilt?: number;
  /** Seed for the noise (default 1). */
  seed?: number;
  /** Fade-in/out time at voicing boundaries in seconds (default 0.003), so that onsets do not click. */
  fade?: number;
}

/** mulberry32: small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box-Muller) from a seeded generator. */
export function gaussianNoise(n: number, std: number, seed = 1): Float32Array {
  const rnd = seededRandom(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = Math.max(rnd(), 1e-12);
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u)) * std;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/**
 * A harmonic signal following `f0`. Returns the audio and the true contour (the same function, for convenience).
 * The phase is integrated sample by sample, so glides and vibrato are phase-continuous.
 */
export function harmonicSignal(opts: HarmonicSignalOptions): { audio: Audio; truthF0: Contour } {
  const fs = opts.sampleRate;
  const n = Math.round(opts.duration * fs);
  const maxH = opts.harmonics ?? 40;
  const amp = opts.amplitude ?? 0.5;
  const tilt = opts.tilt ?? 1;
  const fadeStep = 1 / Math.max(1, (opts.fade ?? 0.003) * fs);
  const samples = new Float32Array(n);
  const hAmp = new Float64Array(maxH + 1);
  let norm = 0;
  for (let k = 1; k <= maxH; k++) {
    hAmp[k] = Math.pow(k, -tilt);
    norm += hAmp[k];
  }
  // Scale so that the sum of amplitudes is about 2.5x the requested amplitude (peaks of a harmonic sum are well below
  // the sum of its amplitudes for random-ish phases, and a sawtooth-like wave with aligned phases peaks near it).
  const scale = (amp * 2) / Math.max(1, norm * 0.8);
  const lo = 0.4 * fs;
  const hi = 0.45 * fs;
  let phase = 0;
  let env = 0;
  let lastF = 0;
  for (let i = 0; i < n; i++) {
    const f = opts.f0(i / fs);
    if (f > 0) {
      lastF = f;
      env = Math.min(1, env + fadeStep);
    } else {
      env = Math.max(0, env - fadeStep);
    }
    if (env > 0 && lastF > 0) {
      phase += (2 * Math.PI * lastF) / fs;
      if (phase > 2 * Math.PI) phase -= 2 * Math.PI;
      // sin(k * phase) by the Chebyshev recursion s_k = 2 cos(phase) s_{k-1} - s_{k-2}.
      const c2 = 2 * Math.cos(phase);
      let sPrev = 0;
      let s = Math.sin(phase);
      let acc = 0;
      for (let k = 1; k <= maxH; k++) {
        const fk = k * lastF;
        if (fk >= hi) break;
        const w = fk <= lo ? 1 : 0.5 + 0.5 * Math.cos((Math.PI * (fk - lo)) / (hi - lo));
        acc += hAmp[k] * w * s;
        const next = c2 * s - sPrev;
        sPrev = s;
        s = next;
      }
      samples[i] = acc * scale * env;
    } else {
      phase = 0;
    }
  }
  if (opts.noise && opts.noise > 0) {
    const nz = gaussianNoise(n, opts.noise, opts.seed ?? 1);
    for (let i = 0; i < n; i++) samples[i] += nz[i];
  }
  return { audio: { sampleRate: fs, samples }, truthF0: opts.f0 };
}

/** One piece of a contour: `f0(tLocal)` for tLocal in [0, duration). */
export interface Segment {
  duration: number;
  f0: Contour;
}

export function steady(hz: number, duration: number): Segment {
  return { duration, f0: () => hz };
}

/** Sinusoidal vibrato around `hz`: default 5.5 Hz rate, +-50 cents depth. */
export function vibrato(hz: number, duration: number, rate = 5.5, depthCents = 50): Segment {
  return { duration, f0: (t) => hz * Math.pow(2, (depthCents / 1200) * Math.sin(2 * Math.PI * rate * t)) };
}

/** A glide from `fromHz` to `toHz`, linear in log-frequency (cents per second constant). */
export function glide(fromHz: number, toHz: number, duration: number): Segment {
  const ratio = Math.log2(toHz / fromHz);
  return { duration, f0: (t) => fromHz * Math.pow(2, (ratio * t) / duration) };
}

export function silence(duration: number): Segment {
  return { duration, f0: () => 0 };
}

/** Concatenates segments into one contour; returns it and the total duration. */
export function sequence(...segments: Segment[]): { f0: Contour; duration: number } {
  const starts: number[] = [];
  let total = 0;
  for (const s of segments) {
    starts.push(total);
    total += s.duration;
  }
  const f0: Contour = (t) => {
    if (t < 0 || t >= total) return 0;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo].f0(t - starts[lo]);
  };
  return { f0, duration: total };
}

/** Steady notes separated by silences: [gap, note, gap, note, ..., gap]. */
export function steadyNotes(hzList: number[], noteDuration = 0.4, gap = 0.1): { f0: Contour; duration: number } {
  const segs: Segment[] = [silence(gap)];
  for (const hz of hzList) segs.push(steady(hz, noteDuration), silence(gap));
  return sequence(...segs);
}

/** White Gaussian noise as audio. */
export function whiteNoiseAudio(sampleRate: number, duration: number, std = 0.1, seed = 7): Audio {
  return { sampleRate, samples: gaussianNoise(Math.round(duration * sampleRate), std, seed) };
}

/** Digital silence (all zeros). */
export function silenceAudio(sampleRate: number, duration: number): Audio {
  return { sampleRate, samples: new Float32Array(Math.round(duration * sampleRate)) };
}
