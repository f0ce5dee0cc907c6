import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDynamics, planDurations, velocityDb } from '../../src/planner/index.js';
import { makeScore } from './make-score.js';

const FP = 0.005;

test('loudness follows velocity (dB re mf), cross-fades, falls at phrase ends; colour follows loudness', () => {
  const score = makeScore(
    [
      [60, 2, 'L AA'],
      [62, 2, 'L AA'],
      [64, 2, 'L AA'],
      [null, 1, ''],
    ],
    120,
    { notes: [{ velocity: 80 }, { velocity: 112 }, { velocity: 49 }] },
  );
  const d = planDynamics(score, planDurations(score));
  const at = (a: Float64Array, t: number) => a[Math.round(t / FP)];
  assert.ok(Math.abs(at(d.loudness, 0.5)) < 1e-9, 'mf is 0 dB');
  assert.ok(Math.abs(at(d.loudness, 1.5) - 40 * Math.log10(112 / 80)) < 1e-9, 'f: +5.8 dB');
  assert.ok(Math.abs(velocityDb(49) - -8.52) < 0.01);
  // Half-way through the cross-fade at the onset.
  assert.ok(Math.abs(at(d.loudness, 1.0) - velocityDb(112) / 2) < 0.05);
  // The last note before the rest ends phraseEndDrop (3 dB) lower, and breathier.
  assert.ok(Math.abs(at(d.loudness, 2.995) - (velocityDb(49) - 3)) < 0.05);
  assert.ok(at(d.breathiness, 2.995) > at(d.breathiness, 2.2));
  assert.ok(at(d.tension, 1.5) > 0.1 && at(d.tension, 2.2) < -0.1, 'loud is tense, soft is lax');
  assert.ok(d.formant.every((x) => x === 1), 'neutral formant');
});

test('user curves and per-note dynamics override the automatic curves', () => {
  const score = makeScore([
    [60, 2, 'L AA'],
    [62, 2, 'L AA'],
    [64, 2, 'L AA'],
  ]);
  score.curves.loudness = [
    { time: 0, value: -6 },
    { time: 1, value: 6 },
  ];
  score.curves.formant = [
    { time: 0, value: 1.2 },
    { time: 2, value: 1.2 },
  ];
  score.curves.breathiness = [{ time: 0.5, value: 0.7 }];
  score.notes[2].overrides = { dynamics: -10 };
  const d = planDynamics(score, planDurations(score));
  assert.ok(Math.abs(d.loudness[Math.round(0.5 / FP)] - 0) < 1e-9);
  assert.ok(Math.abs(d.loudness[Math.round(0.25 / FP)] - -3) < 1e-9);
  assert.ok(Math.abs(d.loudness[Math.round(2.2 / FP)] - -10) < 1e-9);
  assert.equal(d.formant[Math.round(1.5 / FP)], 1.2);
  assert.equal(d.formant[Math.round(2.5 / FP)], 1);
  assert.equal(d.breathiness[Math.round(0.5 / FP)], 0.7);
  assert.equal(d.breathiness[Math.round(0.6 / FP)], 0);
});

test('accented notes get a louder attack that decays: +3 dB (accent), +6 dB (strong) at the onset', () => {
  const score = makeScore(
    [
      [60, 2, 'L AA'],
      [62, 2, 'L AA'],
      [64, 2, 'L AA'],
    ],
    120,
    { notes: [{}, { accent: 'accent' }, { accent: 'strong' }] },
  );
  const d = planDynamics(score, planDurations(score));
  const at = (a: Float64Array, t: number) => a[Math.round(t / FP)];
  // Onsets at 1.0 s and 2.0 s; the level crossfade is flat here (same velocity), so the boost is all there is.
  assert.ok(Math.abs(at(d.loudness, 1.0) - 3) < 0.01, `accent onset ${at(d.loudness, 1.0)}`);
  assert.ok(Math.abs(at(d.loudness, 2.0) - 6) < 0.01, `strong accent onset ${at(d.loudness, 2.0)}`);
  // One time constant (150 ms) later the boost has fallen to 1/e.
  assert.ok(Math.abs(at(d.loudness, 1.15) - 3 / Math.E) < 0.01);
  assert.ok(Math.abs(at(d.loudness, 0.5)) < 1e-9, 'unaccented note stays at 0 dB');
  assert.ok(at(d.loudness, 1.45) < 0.2, 'the boost has decayed by the end of the note');
});
