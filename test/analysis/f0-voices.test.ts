/**
 * F0 of the shared reference voices against Praat's autocorrelation pitch tracker (Boersma 1993).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { estimateF0 } from '../../src/analysis/f0.js';
import { voicesDir, voiceNames } from '../helpers/paths.js';
import { praatPitch, soxReadAudio } from '../helpers/praat.js';

for (const [voice, method] of voiceNames.flatMap((v) => [[v, 'dio'], [v, 'autocorr']] as const)) {
  test(`${voice} (${method}): agrees with Praat (median < 20 cents, octave errors < 2 %)`, () => {
    const path = join(voicesDir, voice, 'reference.wav');
    const audio = soxReadAudio(path);
    const ours = estimateF0(audio, { method });
    const ref = praatPitch(path, { timeStep: 0.005, floor: 75, ceiling: 600 });
    const diffs: number[] = [];
    let octave = 0;
    let onlyOurs = 0;
    let onlyPraat = 0;
    for (let k = 0; k < ref.time.length; k++) {
      const i = Math.round(ref.time[k] / ours.framePeriod);
      if (i >= ours.f0.length) continue;
      const a = ours.f0[i];
      const b = ref.f0[k];
      if (a > 0 && b > 0) {
        const d = Math.abs(1200 * Math.log2(a / b));
        diffs.push(d);
        if (d > 1000) octave++;
      } else if (a > 0) onlyOurs++;
      else if (b > 0) onlyPraat++;
    }
    diffs.sort((x, y) => x - y);
    const median = diffs[diffs.length >> 1];
    const octaveRate = octave / diffs.length;
    console.log(
      `  ${voice} (${method}): ${diffs.length} frames voiced in both, median |diff| ${median.toFixed(2)} cents, ` +
        `> 50 cents ${((100 * diffs.filter((d) => d > 50).length) / diffs.length).toFixed(2)} %, ` +
        `octave errors ${(100 * octaveRate).toFixed(2)} %, voiced only by us ${onlyOurs}, only by Praat ${onlyPraat}`,
    );
    assert.ok(diffs.length > 1000, `only ${diffs.length} frames voiced in both`);
    assert.ok(median < 20, `median ${median} cents`);
    assert.ok(octaveRate < 0.02, `octave errors ${octaveRate}`);
  });
}
