import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { smoothSegments } from '../../src/render/segment-smoothing.js';
import { evalPitch } from '../../eval/pitch.js';
import { EVAL_SONGS, renderSong } from '../../eval/songs.js';
import { sharedVoice } from '../convert/voices.js';
import { judgedPlan, plannedF0 } from '../helpers/measure.js';
import { tempDir } from '../helpers/paths.js';
import { praatPitch } from '../helpers/praat.js';

/** A 2-dimensional "mcep" (c0, c1) per frame: c1 a slow ramp plus frame-to-frame jitter of +-0.2. */
function jittered(frames: number): Float64Array {
  const m = new Float64Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    m[i * 2] = -3 + 0.01 * i;
    m[i * 2 + 1] = 0.01 * i + (i % 2 === 0 ? 0.2 : -0.2);
  }
  return m;
}

test('segment smoothing takes frame-to-frame jitter out, keeps slow movement, c0 and the span edges', () => {
  const frames = 60;
  const m = jittered(frames);
  const before = m.slice();
  const mask = new Uint8Array(frames).fill(1);
  mask.fill(0, 50, 60); // unvoiced tail: untouched
  // Two phonemes, frames 0-29 and 30-59; a +-4 frame average, 2 frames at each edge left alone.
  smoothSegments(m, 2, [{ first: 0, end: 30 }, { first: 30, end: 60 }], mask, 4, 2);
  // Inside the first span, 4 frames or more from its edges: the jitter (0.2) is gone to within 0.025, the ramp kept.
  for (let i = 4; i < 26; i++) assert.ok(Math.abs(m[i * 2 + 1] - 0.01 * i) < 0.025, `frame ${i}: ${m[i * 2 + 1]}`);
  // c0 untouched everywhere; unmasked frames untouched.
  for (let i = 0; i < frames; i++) assert.equal(m[i * 2], before[i * 2]);
  for (let i = 50; i < 60; i++) assert.equal(m[i * 2 + 1], before[i * 2 + 1]);
  // Never across a span edge, and symmetric inside it: frames 30-31 (the second span's first two) and 28-29 (the
  // first span's last two) keep their values; frame 32 is the mean of 30-34, frame 27 the mean of 25-29.
  const mean = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i <= b; i++) s += before[i * 2 + 1];
    return s / (b - a + 1);
  };
  for (const i of [28, 29, 30, 31]) assert.equal(m[i * 2 + 1], before[i * 2 + 1], `frame ${i}`);
  assert.ok(Math.abs(m[32 * 2 + 1] - mean(30, 34)) < 1e-12, `frame 32: ${m[32 * 2 + 1]} vs ${mean(30, 34)}`);
  assert.ok(Math.abs(m[27 * 2 + 1] - mean(25, 29)) < 1e-12, `frame 27: ${m[27 * 2 + 1]} vs ${mean(25, 29)}`);
  // Half width 0: nothing changes.
  const again = jittered(frames);
  smoothSegments(again, 2, [{ first: 0, end: 60 }], mask, 0);
  assert.deepEqual(again, jittered(frames));
});

/**
 * On a real voice: espeak-cmn (a formant synthesizer's voice, whose envelope steps from frame to frame) singing the
 * shared score 61c with its Mandarin 'e' for the English vowels (the voice's substitutes, as a voice file may list
 * them; its 'e' units step the most). With the vocoder's drift measured between frames, Praat read stretches of 30 ms
 * up to 80 cents flat while the pulses were on pitch: 16.7 cents over the vowels' middles without smoothing, 1.2 with
 * it (the whole song: 19.3 and 12.0). With the drift measured between consecutive pulses' own responses
 * (src/vocoder/synthesis.ts) the stepping no longer moves the periods: 1.5 without smoothing, 2.0 with it (the whole
 * song: 1.6 and 2.1). Measured over the vowels' middles (30 ms in from each edge: the joins have an error of their own),
 * against Praat's reading of the planned tone as the eval does.
 */
test("espeak-cmn's stepping envelope leaves its sung vowels on pitch, with segment smoothing or without (61c, Praat)", () => {
  const song = EVAL_SONGS.find((s) => s.startsWith('61c'))!;
  const shared = sharedVoice('espeak-cmn');
  const voice = { ...shared, substitutes: { ...shared.substitutes, AE: 'e', IH: 'e', AA: 'e', R: 'l' } };
  const dir = tempDir('cantor-smoothing-');
  /** Praat's F0 against its reading of the planned tone, RMSE in cents over the vowels' middles, and the song's. */
  const measure = (smoothing?: number): { vowels: number; song: number } => {
    const s = renderSong(song, 'espeak-cmn', voice, dir, smoothing === undefined ? {} : { smoothing });
    const pr = praatPitch(s.wav, { floor: s.floor, ceiling: s.ceiling });
    const judged = judgedPlan(s.plan, s.floor, s.ceiling);
    let se = 0;
    let n = 0;
    for (let i = 0; i < pr.time.length; i++) {
      const t = pr.time[i];
      const pf = plannedF0(s.plan, t);
      if (!(pf > 0 && pr.f0[i] > 0)) continue;
      const g = s.plan.segments.find((x) => x.start <= t && x.end > t);
      if (g?.cls !== 'vowel' || t < g.start + 0.03 || t > g.end - 0.03) continue;
      const c = 1200 * Math.log2(pr.f0[i] / (judged[i] > 0 ? judged[i] : pf));
      se += c * c;
      n++;
    }
    assert.ok(n > 200, `${n} vowel frames`);
    return { vowels: Math.sqrt(se / n), song: evalPitch(s).rmse };
  };
  try {
    const on = measure();
    const off = measure(0);
    console.log(`espeak-cmn 61c: pitch RMSE over the vowels' middles ${off.vowels.toFixed(1)} cents without smoothing, ` +
      `${on.vowels.toFixed(1)} with it (the whole song: ${off.song.toFixed(1)} and ${on.song.toFixed(1)})`);
    assert.ok(off.vowels <= 5, `without smoothing ${off.vowels.toFixed(1)} cents`);
    assert.ok(on.vowels <= 5, `with smoothing ${on.vowels.toFixed(1)} cents`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
