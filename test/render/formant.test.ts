/**
 * The plan's formant curve at output level, measured by Praat's formant tracker (Burg LPC; independent of our code):
 * the bundled song sung by the default voice with formant ratio 1.15 and 0.87 everywhere, against 1.0. Over the
 * vowels' middles, the median F1 and F2 should move by about the ratio (the pitch stays where the plan puts it), and
 * the power-weighted spectral centroid below 4 kHz with them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getFft } from '../../src/audio/fft.js';
import type { Audio } from '../../src/audio/types.js';
import { writeWavFile } from '../../src/audio/wav.js';
import { planSong } from '../../src/planner/index.js';
import type { Plan } from '../../src/planner/types.js';
import { defaultVoice } from '../../src/render/default-voice.js';
import { render } from '../../src/render/render.js';
import { loadScore } from '../../src/score/index.js';
import { median } from '../helpers/measure.js';
import { repoRoot, tempDir } from '../helpers/paths.js';

const { voice } = defaultVoice();
// An octave down (about 150-200 Hz): with harmonics that close, LPC follows the envelope's formants rather than the
// harmonics nearest to them (at the song's own 300-400 Hz, F1 moved x1.07 for a ratio of 1.15).
const sung = planSong(loadScore(join(repoRoot, 'assets', 'songs', 'twinkle.musicxml')), { consonantDurations: voice.stats.consonantDurations });
const plan: Plan = { ...sung, f0: sung.f0.map((f) => f / 2) };
const dir = tempDir('cantor-formant-');
after(() => rmSync(dir, { recursive: true, force: true }));

const script = `form args
  sentence wav
  sentence out
  real ceiling 5500
endform
Read from file: wav$
To Formant (burg): 0.01, 5, ceiling, 0.025, 50
n = Get number of frames
writeFile: out$, ""
for i to n
  t = Get time from frame number: i
  f1 = Get value at time: 1, t, "hertz", "linear"
  f2 = Get value at time: 2, t, "hertz", "linear"
  appendFileLine: out$, fixed$(t, 4), " ", fixed$(f1, 1), " ", fixed$(f2, 1)
endfor
`;

/**
 * F1 and F2 (Praat, Burg LPC, 5 formants under `ceiling` Hz) per 10 ms frame in the middle half of every vowel of the
 * plan (NaN elsewhere). The same plan gives the same frames in every rendering, so two renderings compare frame by frame.
 */
function formants(wav: string, ceiling: number): { f1: Float64Array; f2: Float64Array } {
  const sp = join(dir, 'formant.praat');
  const out = join(dir, 'formant.txt');
  writeFileSync(sp, script);
  execFileSync('praat', ['--run', sp, wav, out, String(ceiling)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const f1 = new Float64Array(rows.length).fill(NaN);
  const f2 = new Float64Array(rows.length).fill(NaN);
  for (const seg of plan.segments) {
    if (seg.cls !== 'vowel') continue;
    const q = (seg.end - seg.start) / 4;
    rows.forEach(([t, a, b], i) => {
      if (t < seg.start + q || t > seg.end - q || !(a > 0) || !(b > 0)) return;
      f1[i] = a;
      f2[i] = b;
    });
  }
  return { f1, f2 };
}

/** Median over frames of b / a (frames where both are measured). */
function medianRatio(a: Float64Array, b: Float64Array): number {
  const r: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] > 0 && b[i] > 0) r.push(b[i] / a[i]);
  return median(r);
}

/** Power-weighted spectral centroid below 4 kHz (Hz). */
function centroid(a: Audio): number {
  const n = 2048;
  const fft = getFft(n);
  const buf = new Float64Array(n);
  const spec = new Float64Array(n + 2);
  let num = 0;
  let den = 0;
  for (let s = 0; s + n <= a.samples.length; s += n) {
    for (let i = 0; i < n; i++) buf[i] = a.samples[s + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    fft.realForwardHalf(buf, spec);
    for (let k = 0; (k * a.sampleRate) / n < 4000; k++) {
      const p = spec[2 * k] ** 2 + spec[2 * k + 1] ** 2;
      num += p * ((k * a.sampleRate) / n);
      den += p;
    }
  }
  return num / den;
}

/**
 * The plan sung with formant ratio `ratio` everywhere, measured. Praat's ceiling scales with the ratio (5500 Hz for the
 * voice as it is, the usual setting for a female voice): Praat's own advice is a ceiling that follows the vocal tract's
 * length, and a formant ratio is a shorter or longer tract; a fixed ceiling would let a 5th formant cross it.
 */
function sing(ratio: number): { f1: Float64Array; f2: Float64Array; centroid: number } {
  const p: Plan = { ...plan, formant: plan.formant.map(() => ratio) };
  const { audio } = render(p, voice, { seed: 1 });
  const wav = join(dir, `r${ratio}.wav`);
  writeWavFile(wav, audio);
  return { ...formants(wav, 5500 * ratio), centroid: centroid(audio) };
}

test('a formant ratio moves the measured F1 and F2 (Praat) and the spectral centroid by about the ratio', () => {
  const base = sing(1);
  for (const r of [1.15, 0.87]) {
    const m = sing(r);
    const f1 = medianRatio(base.f1, m.f1);
    const f2 = medianRatio(base.f2, m.f2);
    const c = m.centroid / base.centroid;
    console.log(`formant ${r}: median per-frame F1 ratio x${f1.toFixed(3)}, F2 x${f2.toFixed(3)}; ` +
      `centroid < 4 kHz ${base.centroid.toFixed(0)} -> ${m.centroid.toFixed(0)} Hz (x${c.toFixed(3)})`);
    // Within a fifth of the asked shift, in the log domain, for F1 and F2; the centroid at least half way.
    for (const [name, got] of [['F1', f1], ['F2', f2]] as const) {
      const share = Math.log(got) / Math.log(r);
      assert.ok(share > 0.8 && share < 1.2, `${name} moved x${got.toFixed(3)} for a ratio of ${r}`);
    }
    assert.ok(Math.log(c) / Math.log(r) > 0.5, `centroid moved x${c.toFixed(3)} for a ratio of ${r}`);
  }
});
