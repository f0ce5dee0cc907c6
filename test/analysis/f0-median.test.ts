import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianVoiced3 } from '../../src/analysis/f0-median.js';

const cents = (a: number, b: number) => 1200 * Math.log2(a / b);

test('medianVoiced3: a one-frame outlier goes, a glide and the voicing stay exactly as they were', () => {
  // A glide of 200 -> 400 Hz over 40 frames (a straight line in cents), one frame misread 120 cents sharp, then a
  // gap and a two-frame run.
  const f0 = new Float64Array(50);
  for (let i = 0; i < 40; i++) f0[i] = 200 * 2 ** (i / 39);
  const truth = f0.slice();
  f0[20] *= 2 ** (120 / 1200);
  f0[45] = 180;
  f0[46] = 240;
  const out = medianVoiced3(f0);
  // The outlier (and the frame after it, whose median it tips) take a neighbour's value: within one frame's step of
  // the glide (1200 / 39 = 31 cents). Every other frame of the glide is untouched.
  for (const i of [20, 21]) assert.ok(Math.abs(cents(out[i], truth[i])) < 31.5, `frame ${i}: ${cents(out[i], truth[i]).toFixed(1)} cents off`);
  for (let i = 0; i < 40; i++) if (i !== 20 && i !== 21) assert.equal(out[i], truth[i], `glide frame ${i}`);
  // Unvoiced frames stay unvoiced; a run's edge frames (and a two-frame run) keep their values.
  for (let i = 40; i < 45; i++) assert.equal(out[i], 0);
  assert.equal(out[45], 180);
  assert.equal(out[46], 240);
  assert.equal(out[49], 0);
  // The input is not modified.
  assert.ok(f0[20] > truth[20]);
});
