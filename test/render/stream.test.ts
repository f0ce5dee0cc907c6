/**
 * Streaming and mixing: renderStream gives the same samples as render (up to render's peak normalisation), whatever
 * the chunk size, at the voice's rate and at 44.1 kHz; a too-loud
 * plan is held under 0 dBFS by the limiter; a backing track is mixed at its gain and the mix is as long as the longer.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { planSong } from '../../src/planner/index.js';
import type { Plan } from '../../src/planner/types.js';
import { defaultVoice } from '../../src/render/default-voice.js';
import { LIMIT } from '../../src/render/limiter.js';
import { mixBacking } from '../../src/render/mix.js';
import { render, renderStream } from '../../src/render/render.js';
import { getFft } from '../../src/audio/fft.js';
import { loadScore } from '../../src/score/index.js';
import { repoRoot } from '../helpers/paths.js';

const { voice } = defaultVoice();
const score = loadScore(join(repoRoot, 'assets', 'songs', 'twinkle.musicxml'));
const plan = planSong(score, { consonantDurations: voice.stats.consonantDurations });

function collect(chunks: Iterable<Float32Array>): { samples: Float32Array; count: number } {
  const parts = [...chunks];
  const samples = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    samples.set(p, o);
    o += p.length;
  }
  return { samples, count: parts.length };
}

/** Energy of (a * g - b) relative to the energy of b, dB. */
function errorDb(a: Float32Array, g: number, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let e = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    e += (a[i] * g - b[i]) ** 2;
    s += b[i] ** 2;
  }
  return 10 * Math.log10(e / s + 1e-30);
}

for (const rate of [undefined, 44100]) {
  test(`a streamed render equals the whole render within -100 dB, in small or large chunks (${rate ?? 'voice rate'})`, () => {
    const whole = render(plan, voice, { seed: 4, sampleRate: rate });
    const g = Math.pow(10, whole.report.normalizeDb / 20);
    for (const chunkSeconds of [0.02, 0.7]) {
      const st = renderStream(plan, voice, { seed: 4, sampleRate: rate, chunkSeconds });
      assert.equal(st.sampleRate, whole.audio.sampleRate);
      const { samples, count } = collect(st.chunks);
      assert.equal(samples.length, st.length);
      // Every chunk boundary is a cut through voiced singing somewhere: the joins must not show.
      assert.ok(count > plan.duration / chunkSeconds / 2, `${count} chunks`);
      const db = errorDb(samples, g, whole.audio.samples);
      console.log(`rate ${st.sampleRate}, ${count} chunks of ~${chunkSeconds} s: stream vs render error ${db.toFixed(1)} dB, limited ${st.limited()}`);
      assert.equal(st.limited(), 0);
      assert.ok(db < -100, `stream differs from render: ${db.toFixed(1)} dB`);
    }
  });
}

test('a plan too loud for full scale streams under 0 dBFS, bent only above -1 dBFS', () => {
  const loud: Plan = { ...plan, loudness: plan.loudness.map((v) => v + 14) };
  const whole = render(loud, voice, { seed: 1 });
  assert.ok(whole.report.normalizeDb < -3, `render normalised by ${whole.report.normalizeDb} dB`);
  const st = renderStream(loud, voice, { seed: 1 });
  const y = collect(st.chunks).samples;
  const g = Math.pow(10, whole.report.normalizeDb / 20);
  let peak = 0;
  let same = 0;
  let below = 0;
  for (let i = 0; i < y.length; i++) {
    peak = Math.max(peak, Math.abs(y[i]));
    const raw = whole.audio.samples[i] / g;
    if (Math.abs(raw) <= LIMIT * 0.999) {
      below++;
      if (Math.abs(y[i] - raw) < 1e-5) same++;
    }
  }
  console.log(`+14 dB plan: render normalised ${whole.report.normalizeDb.toFixed(1)} dB; stream peak ${(20 * Math.log10(peak)).toFixed(2)} dBFS, ` +
    `${st.limited()} samples limited`);
  assert.ok(st.limited() > 0);
  assert.ok(peak < 1);
  assert.ok(peak > LIMIT);
  assert.equal(same, below, 'samples under the limit pass unchanged');
});

test('a backing track is resampled, scaled by its gain and mixed; the mix lasts as long as the longer', () => {
  const sung = render(plan, voice, { seed: 1, sampleRate: 44100 }).audio;
  // A 220 Hz tone at 22.05 kHz, 2 s longer than the song.
  const n = Math.round((sung.samples.length / 44100 + 2) * 22050);
  const tone = new Float32Array(n);
  for (let i = 0; i < n; i++) tone[i] = 0.5 * Math.sin((2 * Math.PI * 220 * i) / 22050);
  const { audio, normalizeDb } = mixBacking(sung, { audio: { sampleRate: 22050, samples: tone }, gainDb: -12 });
  assert.equal(audio.sampleRate, 44100);
  assert.equal(audio.samples.length, Math.round((n * 44100) / 22050));
  // The tail is the backing alone: its level is 0.5 * 10^(-12/20) (RMS of a sine: peak / sqrt 2), scaled by normalizeDb.
  const t = audio.samples.subarray(audio.samples.length - 44100 + 2000, audio.samples.length - 2000);
  const rms = Math.sqrt(t.reduce((a, v) => a + v * v, 0) / t.length);
  const db = 20 * Math.log10(rms / (0.5 / Math.SQRT2)) - normalizeDb;
  console.log(`backing at -12 dB measured ${db.toFixed(2)} dB in the tail`);
  assert.ok(Math.abs(db + 12) < 0.1);
  let peak = 0;
  for (const v of audio.samples) peak = Math.max(peak, Math.abs(v));
  assert.ok(peak <= LIMIT + 1e-6);
});

/** Long-term power per band (dB) of a signal: 2048-point Hann frames, bands [lo, hi) Hz. */
function bandLevels(x: Float32Array, rate: number, edges: number[]): number[] {
  const n = 2048;
  const fft = getFft(n);
  const p = new Float64Array(edges.length - 1);
  const buf = new Float64Array(n);
  const spec = new Float64Array(n + 2);
  for (let s = 0; s + n <= x.length; s += n) {
    for (let i = 0; i < n; i++) buf[i] = x[s + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    fft.realForwardHalf(buf, spec);
    for (let k = 0; k <= n / 2; k++) {
      const f = (k * rate) / n;
      const b = edges.findIndex((e, i) => i + 1 < edges.length && f >= e && f < edges[i + 1]);
      if (b >= 0) p[b] += (spec[2 * k] ** 2 + spec[2 * k + 1] ** 2) / rate;
    }
  }
  return Array.from(p, (v) => 10 * Math.log10(v + 1e-30));
}

test('a 44.1 kHz render, synthesized at that rate, has the spectrum of the voice-rate render up to its band, nothing above', () => {
  const a = render(plan, voice, { seed: 1 }).audio;
  const b = render(plan, voice, { seed: 1, sampleRate: 44100 }).audio;
  const edges = [100, 500, 1000, 2000, 4000, 8000, 12000, 15000];
  const la = bandLevels(a.samples, a.sampleRate, edges);
  const lb = bandLevels(b.samples, b.sampleRate, edges);
  const [top] = bandLevels(b.samples, b.sampleRate, [16500, 22050]);
  const total = 10 * Math.log10(lb.reduce((s, v) => s + 10 ** (v / 10), 0));
  console.log(`band levels (dB) 32 kHz: ${la.map((v) => v.toFixed(1)).join(' ')}; 44.1 kHz: ${lb.map((v) => v.toFixed(1)).join(' ')}; ` +
    `above 16.5 kHz ${(top - total).toFixed(1)} dB`);
  for (let i = 0; i < la.length; i++) assert.ok(Math.abs(la[i] - lb[i]) < 1, `band ${edges[i]}-${edges[i + 1]} Hz: ${la[i].toFixed(1)} vs ${lb[i].toFixed(1)} dB`);
  assert.ok(top - total < -60, `energy above the voice's band: ${(top - total).toFixed(1)} dB`);
});
