import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Audio } from '../../src/audio/types.js';
import { readWavFile } from '../../src/audio/wav.js';
import { frameLevels, preprocessReference, TARGET_RMS_DBFS } from '../../src/voice/preprocess.js';
import { gaussianNoise } from '../helpers/signals.js';
import { voicesDir } from '../helpers/paths.js';

const kal = readWavFile(join(voicesDir, 'kal', 'reference.wav'));
const fs = kal.sampleRate;

function activeRmsDb(a: Audio): number {
  const levels = Array.from(frameLevels(a)).sort((x, y) => x - y);
  const floor = levels[Math.floor(levels.length * 0.1)]!;
  const top = levels[Math.floor(levels.length * 0.95)]!;
  const thr = Math.max(floor + 6, top - 45);
  const act = levels.filter((l) => l > thr);
  return 10 * Math.log10(act.reduce((s, l) => s + 10 ** (l / 10), 0) / act.length);
}

test('clean speech: trimmed to the speech plus 0.2 s, active level at -23 dBFS (or peak at -1 dBFS), no warnings', () => {
  // 1.5 s of digital silence before and 2 s after, at a low level.
  const quiet = kal.samples.map((x) => x * 0.05);
  const padded = new Float32Array(quiet.length + 3.5 * fs);
  padded.set(quiet, 1.5 * fs);
  const r = preprocessReference({ sampleRate: fs, samples: padded }, 'k.wav');
  const leading = r.trimStart - 1.5;
  console.log(`trim ${r.trimStart.toFixed(2)} s / ${r.trimEnd.toFixed(2)} s, gain ${r.gainDb.toFixed(1)} dB, SNR ${r.snrDb.toFixed(0)} dB, warnings ${r.warnings.length}`);
  assert.ok(leading > -0.25 && leading < 0.3, `trim start ${r.trimStart}`);
  assert.ok(r.trimEnd > 1.8 && r.trimEnd < 2.4, `trim end ${r.trimEnd}`);
  let peak = 0;
  for (const x of r.audio.samples) peak = Math.max(peak, Math.abs(x));
  const level = activeRmsDb(r.audio);
  const peakDb = 20 * Math.log10(peak);
  console.log(`after: active RMS ${level.toFixed(2)} dBFS, peak ${peakDb.toFixed(2)} dBFS`);
  assert.ok(Math.abs(level - TARGET_RMS_DBFS) < 0.5 || Math.abs(peakDb + 1) < 0.05);
  assert.ok(peakDb <= -0.99);
  assert.deepEqual(r.warnings, []);
});

test('warnings: clipping counted in samples, a noise floor 20 dB under the speech, a long silence', () => {
  const loud = kal.samples.map((x) => Math.max(-1, Math.min(1, x * 4)));
  let expected = 0;
  for (let i = 0; i < loud.length; ) {
    let j = i;
    while (j < loud.length && Math.abs(loud[j]!) >= 0.999) j++;
    if (j - i >= 3) expected += j - i;
    i = Math.max(j, i + 1);
  }
  const clipped = preprocessReference({ sampleRate: fs, samples: loud }, 'loud.wav');
  console.log(`clipped: ${clipped.clippedSamples} samples`);
  assert.equal(clipped.clippedSamples, expected);
  assert.ok(expected > 1000);
  assert.ok(clipped.warnings.some((w) => w.startsWith(`clipping: ${expected} samples`)));

  const noise = gaussianNoise(kal.samples.length, 0.02, 3);
  const noisy = preprocessReference({ sampleRate: fs, samples: kal.samples.map((x, i) => x + noise[i]!) }, 'noisy.wav');
  console.log(`noisy: floor ${noisy.noiseFloorDb.toFixed(1)} dBFS, speech ${noisy.speechLevelDb.toFixed(1)} dBFS, SNR ${noisy.snrDb.toFixed(1)} dB`);
  assert.ok(Math.abs(noisy.noiseFloorDb - 20 * Math.log10(0.02)) < 3);
  assert.ok(noisy.snrDb > 12 && noisy.snrDb < 25);
  assert.ok(noisy.warnings.some((w) => /noisy recording/.test(w)));

  const gap = new Float32Array(kal.samples.length + 4 * fs);
  gap.set(kal.samples.subarray(0, 10 * fs));
  gap.set(kal.samples.subarray(10 * fs), 14 * fs);
  const g = preprocessReference({ sampleRate: fs, samples: gap }, 'gap.wav');
  assert.equal(g.longSilences.length, 1);
  const [a, b] = g.longSilences[0]!;
  console.log(`long silence ${a.toFixed(2)}-${b.toFixed(2)} s`);
  assert.ok(a > 9 && a <= 10.05 && b >= 14 && b < 14.6);
  assert.ok(g.warnings.some((w) => /long silence from/.test(w)));
});

test('a 96 kHz reference is analysed at 48 kHz', () => {
  const up = new Float32Array(kal.samples.length * 6);
  for (let i = 0; i < up.length; i++) up[i] = kal.samples[Math.floor(i / 6)]!;
  const r = preprocessReference({ sampleRate: 96000, samples: up.subarray(0, 96000 * 12) }, 'hi.wav');
  assert.equal(r.audio.sampleRate, 48000);
});
