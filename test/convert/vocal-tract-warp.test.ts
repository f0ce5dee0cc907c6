import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateWarp, meanLogSpectrum, warpBins } from '../../src/convert/vocal-tract-warp.js';

const FS = 32000;
const BINS = 513;

/** Log power spectrum of formants (Hz) as resonance peaks of 80 Hz bandwidth over a tilt of -6 dB an octave. */
function formantLogSpectrum(formants: number[], tiltDbPerOctave = -6): Float64Array {
  const out = new Float64Array(BINS);
  for (let k = 0; k < BINS; k++) {
    const f = Math.max(50, (k * FS) / 2 / (BINS - 1));
    let v = ((tiltDbPerOctave / 20) * Math.LN10 * Math.log2(f / 100)) * 2;
    for (const F of formants) v += Math.log(1 + ((F * 0.1) ** 2) / ((f - F) ** 2 + 40 ** 2)) ;
    out[k] = v;
  }
  return out;
}

describe('vocal tract warp', () => {
  it('finds the factor between two sets of formants within 2 %, whatever their tilt and level', () => {
    const man = [500, 1500, 2500, 3500];
    for (const r of [0.8, 0.9, 1, 1.12, 1.24]) {
      const woman = formantLogSpectrum(man.map((f) => f * r), -12);
      for (let k = 0; k < BINS; k++) woman[k] += 3; // another level
      const got = estimateWarp(formantLogSpectrum(man), woman, FS);
      assert.ok(Math.abs(got.warp - r) <= 0.021, `warp ${got.warp} for ${r}`);
    }
  });
  it('warpBins moves a peak from f to r f', () => {
    const v = formantLogSpectrum([1000], 0);
    const w = warpBins(v, 1.2);
    const peak = (a: Float64Array) => a.indexOf(Math.max(...a.slice(10)));
    const hz = (FS / 2) / (BINS - 1);
    assert.ok(Math.abs(peak(w) * hz - 1200) <= hz, `peak at ${peak(w) * hz} Hz`);
  });
  it('meanLogSpectrum averages in the log domain', () => {
    const a = new Float64Array(BINS).fill(Math.E);
    const b = new Float64Array(BINS).fill(Math.E ** 3);
    const m = meanLogSpectrum([a, b], BINS);
    assert.ok(Math.abs(m[7] - 2) < 1e-12);
  });
});
