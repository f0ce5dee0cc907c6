import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberOption } from '../../src/cli/f0.js';
import { resynthSettings, transformParams } from '../../src/cli/resynth.js';
import { UserError } from '../../src/errors.js';
import type { VocoderParams } from '../../src/analysis/types.js';

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof UserError && pattern.test(err.message) && !err.message.includes('\n'));
}

test('resynth options: defaults, accepted ranges and every rejection', () => {
  assert.deepEqual(resynthSettings({ method: 'dio' }), { pitch: 0, speed: 1, formant: 1, seed: 1, bitDepth: 16, method: 'dio' });
  const s = resynthSettings({ pitch: '-24', speed: '4', formant: '0.5', seed: '-7', bitDepth: '24', method: 'autocorr' });
  assert.deepEqual(s, { pitch: -24, speed: 4, formant: 0.5, seed: -7, bitDepth: 24, method: 'autocorr' });
  assert.equal(resynthSettings({ pitch: '+3.5', speed: '.25', formant: '2', method: 'dio' }).pitch, 3.5);
  const bad: [Record<string, string>, RegExp][] = [
    [{ pitch: '24.01' }, /--pitch 24.01 is out of range \(-24..24 semitones\)/],
    [{ pitch: '-30' }, /--pitch -30 is out of range/],
    [{ pitch: 'up' }, /--pitch must be a number/],
    [{ pitch: '' }, /--pitch must be a number/],
    [{ pitch: '3st' }, /--pitch must be a number/],
    [{ pitch: 'NaN' }, /--pitch must be a number/],
    [{ speed: '0.2' }, /--speed 0.2 is out of range \(0.25..4\)/],
    [{ speed: '5' }, /--speed 5 is out of range/],
    [{ speed: 'Infinity' }, /--speed must be a number/],
    [{ formant: '3' }, /--formant 3 is out of range \(0.5..2\)/],
    [{ formant: '0.49' }, /--formant 0.49 is out of range/],
    [{ seed: '1.5' }, /--seed must be an integer/],
    [{ seed: 'abc' }, /--seed must be an integer/],
    [{ bitDepth: '8' }, /--bit-depth must be 16, 24 or 32/],
    [{ bitDepth: 'float' }, /--bit-depth must be 16, 24 or 32/],
    [{ method: 'yin' }, /--method must be dio or autocorr/],
  ];
  for (const [o, pattern] of bad) rejects(() => resynthSettings({ method: 'dio', ...o }), pattern);
  assert.equal(numberOption('1e2', 'x', 0, 1000), 100);
  assert.equal(numberOption(undefined, 'x', 0, 1), undefined);
});

test('transformParams maps speed to a length ratio, shifts pitch and formants, and skips identities', () => {
  const frames = 201;
  const bins = 33;
  const f0 = Float64Array.from({ length: frames }, (_, i) => (i < 100 ? 200 : 0));
  const row = (i: number) => Float64Array.from({ length: bins }, (_, k) => 1 + k + i);
  const p: VocoderParams = {
    sampleRate: 16000,
    framePeriod: 0.005,
    fftSize: 64,
    f0,
    spectrogram: Array.from({ length: frames }, (_, i) => row(i)),
    aperiodicity: Array.from({ length: frames }, () => new Float64Array(bins).fill(0.1)),
  };
  assert.equal(transformParams(p, { pitch: 0, speed: 1, formant: 1 }), p);
  const fast = transformParams(p, { pitch: 0, speed: 2, formant: 1 });
  assert.equal(fast.f0.length, 101); // half as long: (201 - 1) / 2 + 1 frames
  const slow = transformParams(p, { pitch: 0, speed: 0.5, formant: 1 });
  assert.equal(slow.f0.length, 401);
  const up = transformParams(p, { pitch: 12, speed: 1, formant: 1 });
  assert.equal(up.f0[10], 400);
  assert.equal(up.f0[150], 0);
  const down3 = transformParams(p, { pitch: -3, speed: 1, formant: 1 });
  assert.ok(Math.abs(1200 * Math.log2(down3.f0[0] / 200) + 300) < 1e-9);
  const fm = transformParams(p, { pitch: 0, speed: 1, formant: 2 });
  assert.equal(fm.spectrogram[0][20], p.spectrogram[0][10]); // new(f) = old(f / 2)
  assert.deepEqual(fm.f0, p.f0);
});
