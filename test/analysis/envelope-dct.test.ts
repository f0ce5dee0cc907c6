import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DctIPair } from '../../src/analysis/envelope-dct.js';
import { seededRandom } from '../helpers/signals.js';

/** Direct O(M^2) DCT-I: C[q] = x[0] + (-1)^q x[M] + 2 sum_{k=1}^{M-1} x[k] cos(pi k q / M). */
function directDct1(x: Float64Array): Float64Array {
  const m = x.length - 1;
  const out = new Float64Array(m + 1);
  for (let q = 0; q <= m; q++) {
    let s = x[0] + (q % 2 === 0 ? x[m] : -x[m]);
    for (let k = 1; k < m; k++) s += 2 * x[k] * Math.cos((Math.PI * k * q) / m);
    out[q] = s;
  }
  return out;
}

test('DctIPair matches the direct DCT-I for two sequences at once', () => {
  const rnd = seededRandom(3);
  for (const m of [4, 16, 128, 1024]) {
    const a = new Float64Array(m + 1).map(() => rnd() * 2 - 1);
    const b = new Float64Array(m + 1).map(() => Math.log(0.01 + rnd()));
    const ea = directDct1(a);
    const eb = directDct1(b);
    const oa = new Float64Array(m + 1);
    const ob = new Float64Array(m + 1);
    const dct = new DctIPair(m);
    dct.transform(a, b, oa, ob);
    let err = 0;
    for (let q = 0; q <= m; q++) err = Math.max(err, Math.abs(oa[q] - ea[q]), Math.abs(ob[q] - eb[q]));
    assert.ok(err < 1e-9 * m, `m ${m}: max error ${err}`);
    // Applying it twice returns the input times 2m (the DCT-I is its own inverse up to scale); in place.
    dct.transform(oa, ob, oa, ob);
    for (let q = 0; q <= m; q++) {
      assert.ok(Math.abs(oa[q] / (2 * m) - a[q]) < 1e-9);
      assert.ok(Math.abs(ob[q] / (2 * m) - b[q]) < 1e-9);
    }
  }
});
