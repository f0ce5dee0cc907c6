import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expAlong, logAlong } from '../../src/analysis/envelope-fastmath.js';
import { seededRandom } from '../helpers/signals.js';

/** A positive sequence over many decades: smooth stretches, steep slopes and jumps. */
function sequence(n: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const out = new Float64Array(n);
  let logv = -5;
  for (let k = 0; k < n; k++) {
    const r = rnd();
    logv += r < 0.05 ? (rnd() - 0.5) * 20 : (rnd() - 0.5) * 0.3; // mostly small steps, some jumps
    out[k] = Math.exp(logv);
  }
  return out;
}

test('logAlong and expAlong match Math.log / Math.exp to 1e-12', () => {
  for (const seed of [1, 2, 3]) {
    for (const n of [1, 2, 33, 1025, 4097]) {
      const x = sequence(n, seed);
      const l = new Float64Array(n);
      logAlong(x, l, n);
      for (let k = 0; k < n; k++) assert.ok(Math.abs(l[k] - Math.log(x[k])) < 1e-12, `log n ${n} k ${k}: ${l[k]} vs ${Math.log(x[k])}`);
      const e = new Float64Array(n);
      expAlong(l, e, n);
      for (let k = 0; k < n; k++) assert.ok(Math.abs(e[k] / Math.exp(l[k]) - 1) < 1e-12, `exp n ${n} k ${k}`);
    }
  }
  // In place, and special values fall back to Math.log / Math.exp.
  const y = new Float64Array([1, 0, 2, Infinity, 3]);
  logAlong(y, y, y.length);
  assert.deepEqual(Array.from(y), [0, -Infinity, Math.log(2), Infinity, Math.log(3)]);
  const z = new Float64Array([0, -Infinity, 700]);
  expAlong(z, z, 3);
  assert.deepEqual(Array.from(z), [1, 0, Math.exp(700)]);
});
