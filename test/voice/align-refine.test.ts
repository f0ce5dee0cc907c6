import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Audio } from '../../src/audio/types.js';
import { commonShift, refineBoundaries, spectralChange } from '../../src/voice/align/refine.js';

/** Segments of different harmonic tones and noise with exact boundaries; returns the audio and the boundaries. */
function segmentedSignal(sr: number): { audio: Audio; bounds: number[] } {
  const plan: [string, number, number][] = [
    ['tone', 220, 0.12],
    ['noise', 0, 0.09],
    ['tone', 330, 0.07],
    ['tone', 150, 0.11],
    ['noise', 0, 0.06],
    ['tone', 440, 0.13],
    ['tone', 262, 0.08],
    ['noise', 0, 0.1],
    ['tone', 196, 0.12],
  ];
  const total = plan.reduce((s, p) => s + p[2], 0);
  const x = new Float32Array(Math.round(total * sr));
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const bounds: number[] = [];
  let t0 = 0;
  for (const [kind, f0, dur] of plan) {
    const a = Math.round(t0 * sr);
    const b = Math.round((t0 + dur) * sr);
    for (let i = a; i < b; i++) {
      const t = i / sr;
      if (kind === 'noise') x[i] = 0.1 * rand();
      else {
        let v = 0;
        for (let h = 1; h * f0 < 4000; h++) v += Math.sin(2 * Math.PI * h * f0 * t) / h;
        x[i] = 0.2 * v;
      }
    }
    t0 += dur;
    bounds.push(b / sr);
  }
  bounds.pop();
  return { audio: { sampleRate: sr, samples: x }, bounds };
}

// Where the two sides differ in level, the change curve has a plateau about one analysis window wide (frames that
// straddle the boundary look mostly like the louder side), so a peak can sit up to half a window off the boundary:
// measured 3.7-3.8 ms with a 10 ms window, 3.8-8.8 ms with the default 15 ms one.
test('spectral change (10 ms window) peaks within 5 ms of the true boundaries of a segmented signal', () => {
  const { audio, bounds } = segmentedSignal(16000);
  const sc = spectralChange(audio, 0.0025, 0.01);
  for (const b of bounds) {
    let arg = 0;
    const c = Math.round(b / sc.hop + 0.5);
    for (let t = c - 12; t <= c + 12; t++) if (sc.change[t] > sc.change[arg]) arg = t;
    const err = (arg - 0.5) * sc.hop - b;
    assert.ok(Math.abs(err) <= 0.005, `boundary ${b.toFixed(3)} s: peak ${(err * 1000).toFixed(1)} ms away`);
  }
});

test('boundaries shifted by a common 20 ms and jittered +-8 ms come back within 10 ms', () => {
  const { audio, bounds } = segmentedSignal(16000);
  const sc = spectralChange(audio);
  const jitter = [0.008, -0.006, 0.003, -0.008, 0.005, 0, -0.004, 0.007];
  const moved = bounds.map((b, i) => b + 0.02 + jitter[i]);
  const shift = commonShift(moved, sc, 0.04);
  assert.ok(Math.abs(shift + 0.02) <= 0.0075, `common shift ${(shift * 1000).toFixed(1)} ms, expected -20`);
  const end = audio.samples.length / audio.sampleRate;
  const refined = refineBoundaries(moved, sc, end);
  const before = moved.map((b, i) => Math.abs(b - bounds[i]));
  const after = refined.map((b, i) => Math.abs(b - bounds[i]));
  assert.ok(Math.max(...before) >= 0.027);
  assert.ok(Math.max(...after) <= 0.01, `refined errors ${after.map((e) => (e * 1000).toFixed(1)).join(', ')} ms`);
  // Order and the minimum segment length hold.
  for (let i = 1; i < refined.length; i++) assert.ok(refined[i] - refined[i - 1] >= 0.015 - 1e-9);
});

test('refinement keeps crowded boundaries ordered and at least minSeconds apart', () => {
  const { audio } = segmentedSignal(16000);
  const sc = spectralChange(audio);
  const times = [0.1, 0.105, 0.11, 0.3, 0.301];
  const out = refineBoundaries(times, sc, 0.35, { minSeconds: 0.01 });
  assert.equal(out.length, times.length);
  for (let i = 1; i < out.length; i++) assert.ok(out[i] - out[i - 1] >= 0.01 - 1e-9, out.join(','));
  assert.ok(out[out.length - 1] <= 0.34 + 1e-9);
});
