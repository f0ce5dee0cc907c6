/**
 * The fast D4C-like path (per-frame FFT lengths, small band transforms, and by default every other frame
 * interpolated) against the WORLD-sized computation of every frame (`exact: true`) on real voices, with Praat's F0
 * as an independent pitch track.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { d4cCoarse } from '../../src/analysis/d4c.js';
import { readWavFile } from '../../src/audio/wav.js';
import { praatPitch } from '../helpers/praat.js';
import { voicesDir } from '../helpers/paths.js';

const framePeriod = 0.005;

for (const voice of ['slt', 'espeak-en'] as const) {
  test(`fast and WORLD-sized aperiodicity agree on ${voice} (bias < 1 dB; mean |diff| < 1.5 dB, < 2.5 dB interpolating)`, (t) => {
    const path = join(voicesDir, voice, 'reference.wav');
    const full = readWavFile(path);
    const seconds = 15;
    const audio = { sampleRate: full.sampleRate, samples: full.samples.subarray(0, seconds * full.sampleRate) };
    const pitch = praatPitch(path, { timeStep: framePeriod });
    const f0 = new Float64Array(Math.floor(seconds / framePeriod) + 1);
    pitch.time.forEach((time, i) => {
      const k = Math.round(time / framePeriod);
      if (k < f0.length) f0[k] = pitch.f0[i];
    });
    const track = { framePeriod, f0 };
    const exact = d4cCoarse(audio, track, { exact: true });
    for (const stride of [1, 2] as const) {
      const fast = d4cCoarse(audio, track, { stride });
      let n = 0;
      let sum = 0;
      let sumAbs = 0;
      let disagree = 0;
      let voiced = 0;
      for (let i = 0; i < f0.length; i++) {
        const e = exact.frames[i];
        const f = fast.frames[i];
        if (f0[i] > 0) voiced++;
        if (!!e !== !!f) disagree++;
        if (!e || !f) continue;
        for (let b = 0; b < e.length; b++) {
          sum += f[b] - e[b];
          sumAbs += Math.abs(f[b] - e[b]);
          n++;
        }
      }
      const bias = sum / n;
      const mad = sumAbs / n;
      t.diagnostic(
        `${voice} stride ${stride}: ${voiced} voiced frames, ${disagree} voicing-check disagreements, ` +
          `bias ${bias.toFixed(2)} dB, mean |diff| ${mad.toFixed(2)} dB`,
      );
      assert.ok(n > 0);
      assert.ok(disagree <= 0.01 * voiced, `stride ${stride}: voicing check disagrees on ${disagree} of ${voiced} frames`);
      assert.ok(Math.abs(bias) < 1, `stride ${stride}: bias ${bias.toFixed(2)} dB`);
      assert.ok(mad < (stride === 1 ? 1.5 : 2.5), `stride ${stride}: mean |diff| ${mad.toFixed(2)} dB`);
    }
  });
}
