import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateF0 } from '../../src/analysis/f0.js';
import { UserError } from '../../src/errors.js';
import {
  harmonicSignal,
  sequence,
  silence,
  steady,
  vibrato,
  glide,
  whiteNoiseAudio,
  silenceAudio,
  type Contour,
} from '../helpers/signals.js';

/** Notes across 60-1000 Hz: steady, 5.5 Hz +-50 cent vibrato, glides, with silences between. */
function singingContour(): { f0: Contour; duration: number } {
  const notes = [60, 110, 196, 330, 523, 784, 1000];
  return sequence(
    silence(0.15),
    ...notes.flatMap((hz) => [steady(hz, 0.35), silence(0.1), vibrato(hz, 0.5), silence(0.1)]),
    glide(90, 360, 0.5),
    silence(0.1),
    glide(900, 220, 0.5),
    silence(0.15),
  );
}

interface Figures {
  gross: number;
  rmse: number;
  voicingError: number;
  voicedFrames: number;
}

function evaluate(f0: Float64Array, framePeriod: number, truth: Contour): Figures {
  let voiced = 0;
  let gross = 0;
  let voicingErrors = 0;
  let counted = 0;
  let sq = 0;
  let n = 0;
  const margin = 2 * framePeriod;
  for (let i = 0; i < f0.length; i++) {
    const t = i * framePeriod;
    const tr = truth(t);
    // Frames within 2 frames of a voicing boundary are where the truth itself is ambiguous (3 ms fades).
    const nearEdge = (truth(t - margin) > 0) !== (tr > 0) || (truth(t + margin) > 0) !== (tr > 0);
    if (!nearEdge) {
      counted++;
      if ((tr > 0) !== (f0[i] > 0)) voicingErrors++;
    }
    if (tr > 0) {
      voiced++;
      if (f0[i] > 0) {
        const cents = 1200 * Math.log2(f0[i] / tr);
        if (Math.abs(cents) > 50) gross++;
        else if (!nearEdge) {
          sq += cents * cents;
          n++;
        }
      }
    }
  }
  return { gross: gross / voiced, rmse: Math.sqrt(sq / Math.max(1, n)), voicingError: voicingErrors / counted, voicedFrames: voiced };
}

for (const sampleRate of [16000, 22050, 44100]) {
  test(`DIO+StoneMask on synthetic singing at ${sampleRate} Hz: gross < 1 %, RMSE < 5 cents, voicing error < 3 %`, () => {
    const c = singingContour();
    const { audio, truthF0 } = harmonicSignal({ sampleRate, f0: c.f0, duration: c.duration });
    const track = estimateF0(audio);
    assert.equal(track.framePeriod, 0.005);
    assert.equal(track.f0.length, Math.floor(audio.samples.length / sampleRate / 0.005) + 1);
    const fig = evaluate(track.f0, track.framePeriod, truthF0);
    console.log(
      `  ${sampleRate} Hz: gross ${(100 * fig.gross).toFixed(2)} % of ${fig.voicedFrames} voiced frames, ` +
        `RMSE ${fig.rmse.toFixed(2)} cents, voicing error ${(100 * fig.voicingError).toFixed(2)} %`,
    );
    assert.ok(fig.gross < 0.01, `gross error ${fig.gross}`);
    assert.ok(fig.rmse < 5, `RMSE ${fig.rmse} cents`);
    assert.ok(fig.voicingError < 0.03, `voicing error ${fig.voicingError}`);
  });
}

test('autocorrelation path on synthetic singing at 22.05 kHz meets the same bounds', () => {
  const c = singingContour();
  const { audio, truthF0 } = harmonicSignal({ sampleRate: 22050, f0: c.f0, duration: c.duration });
  const track = estimateF0(audio, { method: 'autocorr' });
  const fig = evaluate(track.f0, track.framePeriod, truthF0);
  console.log(
    `  autocorr: gross ${(100 * fig.gross).toFixed(2)} %, RMSE ${fig.rmse.toFixed(2)} cents, voicing error ${(100 * fig.voicingError).toFixed(2)} %`,
  );
  assert.ok(fig.gross < 0.01, `gross error ${fig.gross}`);
  assert.ok(fig.rmse < 5, `RMSE ${fig.rmse} cents`);
  assert.ok(fig.voicingError < 0.03, `voicing error ${fig.voicingError}`);
});

test('noisy signal (SNR about 20 dB) still tracks within 1 % gross errors', () => {
  const c = sequence(silence(0.1), steady(220, 0.5), silence(0.1), vibrato(440, 0.6), silence(0.1));
  const { audio, truthF0 } = harmonicSignal({ sampleRate: 22050, f0: c.f0, duration: c.duration, noise: 0.02 });
  const fig = evaluate(estimateF0(audio).f0, 0.005, truthF0);
  assert.ok(fig.gross < 0.01, `gross error ${fig.gross}`);
  assert.ok(fig.rmse < 10, `RMSE ${fig.rmse} cents`);
});

for (const method of ['dio', 'autocorr'] as const) {
  test(`${method}: white noise and digital silence are unvoiced`, () => {
    for (const sampleRate of [16000, 44100]) {
      for (const std of [0.3, 0.01]) {
        const f0 = estimateF0(whiteNoiseAudio(sampleRate, 2, std, 11), { method }).f0;
        const voiced = f0.filter((v) => v > 0).length;
        assert.ok(voiced <= 0.01 * f0.length, `${voiced} of ${f0.length} noise frames voiced at ${sampleRate} Hz`);
      }
      const s = estimateF0(silenceAudio(sampleRate, 1), { method }).f0;
      assert.equal(s.filter((v) => v > 0).length, 0);
    }
  });
}

test('frame count and empty input', () => {
  const track = estimateF0({ sampleRate: 16000, samples: new Float32Array(16000 * 0.0123 | 0) });
  assert.equal(track.f0.length, Math.floor((16000 * 0.0123 | 0) / 16000 / 0.005) + 1);
  assert.equal(estimateF0({ sampleRate: 16000, samples: new Float32Array(0) }).f0.length, 1);
  const t10 = estimateF0({ sampleRate: 16000, samples: new Float32Array(16000) }, { framePeriod: 0.01 });
  assert.equal(t10.f0.length, 101);
});

test('bad options are user errors', () => {
  const audio = { sampleRate: 16000, samples: new Float32Array(1600) };
  assert.throws(() => estimateF0(audio, { f0Floor: 300, f0Ceil: 200 }), UserError);
  assert.throws(() => estimateF0(audio, { framePeriod: 0 }), UserError);
  assert.throws(() => estimateF0(audio, { f0Ceil: 5000 }), UserError);
  assert.throws(() => estimateF0({ sampleRate: 0, samples: new Float32Array(10) }), UserError);
  assert.throws(() => estimateF0(audio, { method: 'yin' as 'dio' }), UserError);
});
