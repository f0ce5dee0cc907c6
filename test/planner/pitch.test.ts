import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPitchMidi, planSong } from '../../src/planner/index.js';
import { makeScore } from './make-score.js';

const FP = 0.005;
const still = { pitch: { drift: 0, jitter: 0, vibrato: { enabled: false } } };

const melody = makeScore([
  [null, 0.5, ''],
  [60, 1, 'L AA'],
  [67, 0.5, 'L AA'],
  [65, 0.25, 'L AA'],
  [64, 0.25, '-'],
  [62, 2, 'L AA'],
  [null, 1, ''],
  [72, 3, 'S IY'],
  [59, 0.125, 'T AH'],
  [60, 1.5, 'D UW'],
]);

test('without vibrato, drift and jitter, the F0 at the middle of every note is the note pitch within 1 cent', () => {
  const plan = planSong(melody, still);
  for (const n of melody.notes) {
    if (n.kind === 'rest') continue;
    const i = Math.round((n.start + n.end) / 2 / FP);
    assert.ok(plan.f0[i] > 0, `note ${n.index} voiced at its middle`);
    const cents = 1200 * Math.log2(plan.f0[i] / (440 * 2 ** ((n.pitch - 69) / 12)));
    assert.ok(Math.abs(cents) < 1, `note ${n.index}: ${cents.toFixed(3)} cents off`);
  }
});

test('transitions are S-shaped glides around the onset, with an overshoot after a leap', () => {
  const midi = planPitchMidi(melody, still);
  const onset = melody.notes[2].start; // 60 -> 67
  const at = (t: number) => midi[Math.round(t / FP)];
  // The 67 is a quaver (0.25 s): its 45 % share, less the overshoot's return, is too short for half of a 7-semitone
  // glide, so the glide starts earlier, in the consonant before the onset, at its full length.
  const cross = (level: number) => {
    let i = Math.round((onset - 0.2) / FP);
    while (midi[i] < level) i++;
    return (i - 1 + (level - midi[i - 1]) / (midi[i] - midi[i - 1])) * FP;
  };
  const half = cross(63.5) - onset;
  assert.ok(half < -0.01 && half > -0.04, `half-way before the onset: ${(half * 1000).toFixed(1)} ms`);
  const span = cross(66.3) - cross(60.7);
  assert.ok(span > 0.06 && span < 0.075, `10-90 % of the glide takes ${(span * 1000).toFixed(1)} ms (0.59 of 112 ms)`);
  assert.ok(at(onset - 0.1) < 60.01 && at(onset - 0.1) > 59.7, 'before: at the old pitch (with a small preparation dip)');
  let peak = -Infinity;
  for (let t = onset; t < onset + 0.2; t += FP) peak = Math.max(peak, at(t));
  const overshootCents = (peak - 67) * 100;
  assert.ok(overshootCents > 10 && overshootCents <= 35.01, `overshoot ${overshootCents.toFixed(1)} cents`);
  // A short note (1/32 at 120 bpm = 62.5 ms) gets a proportionally short glide and still reaches its pitch.
  const g = melody.notes[8];
  assert.ok(Math.abs(at((g.start + g.end) / 2) - 59) < 0.01);
});

/** Measures vibrato rate (zero crossings of the detrended cents) and depth (mean peak amplitude) on [t0, t1]. */
function measureVibrato(midi: Float64Array, pitch: number, t0: number, t1: number): { rate: number; depth: number } {
  const xs: number[] = [];
  for (let i = Math.ceil(t0 / FP); i <= Math.floor(t1 / FP); i++) xs.push((midi[i] - pitch) * 100);
  const crossings: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    if (xs[i - 1] < 0 && xs[i] >= 0) crossings.push(i - 1 + -xs[i - 1] / (xs[i] - xs[i - 1]));
  }
  const rate = (crossings.length - 1) / (((crossings[crossings.length - 1] - crossings[0]) * FP));
  const peaks: number[] = [];
  for (let i = 1; i < xs.length - 1; i++) if (Math.abs(xs[i]) >= Math.abs(xs[i - 1]) && Math.abs(xs[i]) > Math.abs(xs[i + 1])) peaks.push(Math.abs(xs[i]));
  return { rate, depth: peaks.reduce((a, b) => a + b, 0) / peaks.length };
}

test('vibrato rate and depth measured from the curve equal the settings within 5%', () => {
  const long = melody.notes[7]; // 1.5 s
  for (const [rate, depth] of [
    [5.5, 25],
    [6, 35],
    [5.8, 30],
  ]) {
    const midi = planPitchMidi(melody, { pitch: { drift: 0, jitter: 0, vibrato: { rate, depth } } });
    const m = measureVibrato(midi, 72, long.start + 0.45, long.end - 0.1);
    assert.ok(Math.abs(m.rate / rate - 1) < 0.05, `rate ${m.rate.toFixed(3)} vs ${rate}`);
    assert.ok(Math.abs(m.depth / depth - 1) < 0.05, `depth ${m.depth.toFixed(2)} vs ${depth}`);
  }
  // The delay keeps the start of the note steady; short notes get no automatic vibrato.
  const midi = planPitchMidi(melody, { pitch: { drift: 0, jitter: 0 } });
  assert.ok(Math.abs(midi[Math.round((long.start + 0.15) / FP)] - 72) < 1e-9);
  const short = melody.notes[2];
  assert.ok(Math.abs(midi[Math.round((short.start + short.end) / 2 / FP)] - 67) < 1e-9);
});

test('per-note settings and user vibrato win over the global ones', () => {
  const score = makeScore([
    [60, 4, 'L AA'],
    [62, 4, 'L AA'],
    [64, 1, 'L AA'],
  ]);
  score.notes[2].overrides = { vibrato: { rate: 7, depth: 20, delay: 0, fadeIn: 0, fadeOut: 0 } };
  const midi = planPitchMidi(score, {
    pitch: { drift: 0, jitter: 0, vibrato: { rate: 5, depth: 30 } },
    noteSettings: { 1: { vibrato: { enabled: false } } },
  });
  const a = measureVibrato(midi, 60, 0.6, 1.8);
  assert.ok(Math.abs(a.rate - 5) < 0.25 && Math.abs(a.depth - 30) < 1.5);
  for (let t = 2.2; t < 3.8; t += 0.05) assert.ok(Math.abs(midi[Math.round(t / FP)] - 62) < 1e-9, 'note 1 has vibrato off');
  const c = measureVibrato(midi, 64, 4.06, 4.5);
  assert.ok(Math.abs(c.rate - 7) < 0.35 && Math.abs(c.depth - 20) < 1, `user vibrato on a short note: ${JSON.stringify(c)}`);
});

test('user pitch points replace the automatic curve', () => {
  const score = makeScore([
    [60, 2, 'L AA'],
    [64, 2, 'L AA'],
  ]);
  score.notes[1].overrides = {
    pitchPoints: [
      { time: 0.9, pitch: 60 },
      { time: 1.3, pitch: 65, shape: 'l' },
      { time: 1.6, pitch: 64 },
    ],
  };
  const midi = planPitchMidi(score, { seed: 3 });
  assert.ok(Math.abs(midi[Math.round(1.1 / FP)] - 62.5) < 1e-9, 'linear half-way, no drift/jitter/vibrato added');
  assert.ok(Math.abs(midi[Math.round(1.3 / FP)] - 65) < 1e-9);
  score.curves.pitch = [
    { time: 0.2, pitch: 55 },
    { time: 0.4, pitch: 57 },
  ];
  const midi2 = planPitchMidi(score, { seed: 3 });
  assert.ok(Math.abs(midi2[Math.round(0.3 / FP)] - 56) < 1e-9);
});

test('unvoiced and silent phonemes have F0 0; voiced consonants carry pitch', () => {
  const score = makeScore([
    [null, 1, ''],
    [60, 1, 'S AA'],
    [62, 1, 'M AA T'],
  ]);
  const plan = planSong(score, still);
  for (let i = 0; i < plan.f0.length; i++) {
    const t = i * FP;
    const seg = plan.segments.find((s) => t >= s.start && t < s.end) ?? plan.segments[plan.segments.length - 1];
    if (seg.voiced && seg.cls !== 'silence') assert.ok(plan.f0[i] > 200, `frame ${i} (${seg.phoneme}) voiced`);
    else assert.equal(plan.f0[i], 0, `frame ${i} (${seg.phoneme}) unvoiced`);
  }
});

test('drift and jitter: same seed gives the same bytes, another seed another curve, of the set size', () => {
  const a = planSong(melody, { seed: 7 });
  const b = planSong(melody, { seed: 7 });
  const c = planSong(melody, { seed: 8 });
  assert.deepEqual(Buffer.from(a.f0.buffer), Buffer.from(b.f0.buffer));
  assert.deepEqual(Buffer.from(a.loudness.buffer), Buffer.from(b.loudness.buffer));
  assert.deepEqual(a.segments, b.segments);
  assert.notDeepEqual(Buffer.from(a.f0.buffer), Buffer.from(c.f0.buffer));
  // Deviation from the still curve: standard deviation near sqrt(drift^2 + jitter^2) (6 and 1.5 cents).
  const base = planPitchMidi(melody, { pitch: { drift: 0, jitter: 0 } });
  const noisy = planPitchMidi(melody, { seed: 7 });
  let ss = 0;
  for (let i = 0; i < base.length; i++) ss += ((noisy[i] - base[i]) * 100) ** 2;
  const sd = Math.sqrt(ss / base.length);
  assert.ok(sd > 3 && sd < 10, `drift+jitter sd ${sd.toFixed(2)} cents`);
});

/** 10 %..90 % rise time (s) of the transition into note 1. */
function riseTime(items: [number | null, number, string][], bpm: number): number {
  const score = makeScore(items, bpm);
  const midi = planPitchMidi(score, { pitch: { drift: 0, jitter: 0, vibrato: { enabled: false }, overshoot: 0, preparation: 0 } });
  const a = score.notes[0].pitch;
  const b = score.notes[1].pitch;
  const frac = (i: number) => (midi[i] - a) / (b - a);
  let i10 = -1;
  let i90 = -1;
  for (let i = 0; i < midi.length; i++) {
    if (i10 < 0 && frac(i) >= 0.1) i10 = i;
    if (i90 < 0 && frac(i) >= 0.9) i90 = i;
  }
  return (i90 - i10) * FP;
}

test('portamento scales with the interval and the tempo', () => {
  const step = riseTime([[60, 2, 'L AA'], [62, 2, 'L AA']], 120);
  const octave = riseTime([[60, 2, 'L AA'], [72, 2, 'L AA']], 120);
  // Raised cosine: 10..90 % takes 0.59 of the transition; 80 ms x 0.9 at a tone, x 1.6 at an octave.
  assert.ok(Math.abs(step - 0.59 * 0.08 * 0.9) < 0.006, `tone: ${step}`);
  assert.ok(Math.abs(octave / step - 1.6 / 0.9) < 0.2, `octave/tone ${octave / step}`);
  const slow = riseTime([[60, 1, 'L AA'], [64, 1, 'L AA']], 60);
  const fast = riseTime([[60, 4, 'L AA'], [64, 4, 'L AA']], 240);
  assert.ok(slow > 1.4 * fast, `60 bpm ${slow} s vs 240 bpm ${fast} s`);
});

/** Planned F0 in cents from `midi` at the first voiced frame of note `j`'s vowel and the last of note `j - 1`'s. */
function edgesAroundOnset(items: [number | null, number, string][], j: number): { before: number; after: number; gap: number } {
  const score = makeScore(items);
  const plan = planSong(score, { pitch: { drift: 0, jitter: 0, vibrato: { enabled: false } } });
  const onset = score.notes[j].start;
  const cents = (i: number, pitch: number) => 1200 * Math.log2(plan.f0[i] / (440 * 2 ** ((pitch - 69) / 12)));
  let a = Math.round(onset / FP);
  while (!(plan.f0[a] > 0)) a++;
  let b = Math.round(onset / FP) - 1;
  while (!(plan.f0[b] > 0)) b--;
  return { before: cents(b, score.notes[j - 1].pitch), after: cents(a, score.notes[j].pitch), gap: (a - b - 1) * FP };
}

test('a leap over an unvoiced consonant is made while the voice is off: the vowel starts near its pitch', () => {
  // An octave up over 'S' (sung before the beat): a singer's vowel starts at its note, not half-way up.
  const unvoiced = edgesAroundOnset([[60, 2, 'L AA'], [72, 2, 'S AA']], 1);
  assert.ok(unvoiced.gap > 0.04, `the S leaves the voice off for ${unvoiced.gap} s`);
  assert.ok(Math.abs(unvoiced.after) < 150, `vowel starts ${unvoiced.after.toFixed(0)} cents from its note`);
  assert.ok(Math.abs(unvoiced.before) < 150, `previous vowel ends ${unvoiced.before.toFixed(0)} cents from its note`);
  // Over a voiced 'L' the glide stays centred on the onset and is heard (half-way there at the vowel's start).
  const voiced = edgesAroundOnset([[60, 2, 'L AA'], [72, 2, 'L AA']], 1);
  assert.ok(voiced.gap === 0);
  assert.ok(voiced.after < -300, `over L the vowel starts ${voiced.after.toFixed(0)} cents under its note`);
});
