/**
 * Analysis -> synthesis on the shared reference voices (12 s excerpts), measured with Praat's pitch tracker and
 * mel-cepstral distortion: plain resynthesis, pitch shifts of +7 and -5 semitones, and a 1.5x time stretch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Audio } from '../../src/audio/types.js';
import type { VocoderParams } from '../../src/analysis/types.js';
import { analyze } from '../../src/analysis/analyze.js';
import { synthesize } from '../../src/vocoder/synthesis.js';
import { pitchShift, timeStretch } from '../../src/vocoder/transform.js';
import { melCepstralDistortion } from '../../src/vocoder/mcd.js';
import { melCepstrumToSpectrum, spectrumToMelCepstrum } from '../../src/vocoder/mel-cepstrum.js';
import { fromCompactFeatures, toCompactFeatures } from '../../src/vocoder/features.js';
import { praatPitch } from '../helpers/praat.js';
import { tempDir, voiceNames, voicesDir } from '../helpers/paths.js';
import { readWavFile, writeWavFile } from '../../src/audio/wav.js';

const EXCERPT = [1, 13] as const;
const PITCH = { timeStep: 0.005, floor: 50, ceiling: 700 };

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function pitchTrack(audio: Audio, dir: string, name: string): { time: Float64Array; f0: Float64Array } {
  const path = join(dir, `${name}.wav`);
  writeWavFile(path, audio, { bitDepth: 32, float: true });
  return praatPitch(path, PITCH);
}

function pitchOf(audio: Audio, dir: string, name: string): Float64Array {
  return pitchTrack(audio, dir, name).f0;
}

/** Median over frames voiced in both of 1200 log2(b / a), in cents. */
function medianCents(a: Float64Array, b: Float64Array): { cents: number; frames: number } {
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] > 0 && b[i] > 0) d.push(1200 * Math.log2(b[i] / a[i]));
  return { cents: median(d), frames: d.length };
}

/** Median over output frames (time t) voiced in both of the cents between the output and the input at t / ratio. */
function stretchedCents(input: { time: Float64Array; f0: Float64Array }, output: { time: Float64Array; f0: Float64Array }, ratio: number): { cents: number; frames: number } {
  const d: number[] = [];
  const t0 = input.time[0];
  const dt = input.time.length > 1 ? input.time[1] - input.time[0] : 1;
  for (let j = 0; j < output.f0.length; j++) {
    const i = Math.round((output.time[j] / ratio - t0) / dt);
    if (i < 0 || i >= input.f0.length) continue;
    if (input.f0[i] > 0 && output.f0[j] > 0) d.push(1200 * Math.log2(output.f0[j] / input.f0[i]));
  }
  return { cents: median(d), frames: d.length };
}

for (const voice of voiceNames) {
  test(`${voice}: resynthesis, pitch shift and time stretch`, (t) => {
    const full = readWavFile(join(voicesDir, voice, 'reference.wav'));
    const fs = full.sampleRate;
    const input: Audio = { sampleRate: fs, samples: full.samples.slice(EXCERPT[0] * fs, EXCERPT[1] * fs) };
    const dir = tempDir('cantor-vocoder-e2e-');
    try {
      const params: VocoderParams = analyze(input);
      const frameSamples = params.framePeriod * fs;
      const inTrack = pitchTrack(input, dir, 'input');
      const inF0 = inTrack.f0;

      // Plain resynthesis.
      const out = synthesize(params);
      assert.ok(Math.abs(out.samples.length - input.samples.length) <= frameSamples, 'duration within a frame');
      const same = medianCents(inF0, pitchOf(out, dir, 'resynth'));
      assert.ok(same.frames > 200, `${same.frames} frames voiced in both`);
      assert.ok(Math.abs(same.cents) < 5, `resynthesis F0: median ${same.cents.toFixed(2)} cents`);
      // Envelopes of input and output, analysed the same way (CheapTrick on the input's F0 track), voiced frames.
      const again = analyze(out, { f0: { framePeriod: params.framePeriod, f0: params.f0 }, fftSize: params.fftSize });
      const mask = Array.from(params.f0, (v) => v > 0);
      const mcd = melCepstralDistortion(params.spectrogram, again.spectrogram, fs, { mask });
      assert.ok(mcd < 2.5, `MCD ${mcd.toFixed(2)} dB`);
      const figures = [`resynthesis F0 ${same.cents.toFixed(2)} cents (${same.frames} frames)`, `MCD ${mcd.toFixed(2)} dB`];

      // Mel-cepstrum round trip of the real envelopes (voiced frames), order 60: RMS log-spectral distance 0..4 kHz.
      // (Above 4 kHz these envelopes keep detail 40-70 dB down that a mel-cepstrum of this order smooths away.)
      let lsd = 0;
      let voicedFrames = 0;
      const top = Math.floor((4000 * params.fftSize) / fs);
      for (let i = 0; i < params.f0.length; i += 2) {
        if (!(params.f0[i] > 0)) continue;
        const sp = params.spectrogram[i];
        const back = melCepstrumToSpectrum(spectrumToMelCepstrum(sp, fs, 60), fs, params.fftSize);
        let s = 0;
        for (let k = 0; k <= top; k++) s += (10 * Math.log10(back[k] / sp[k])) ** 2;
        lsd += Math.sqrt(s / (top + 1));
        voicedFrames++;
      }
      lsd /= voicedFrames;
      assert.ok(lsd < 1, `mel-cepstrum round trip: ${lsd.toFixed(2)} dB RMS below 4 kHz`);
      figures.push(`mc(60) round trip ${lsd.toFixed(2)} dB`);

      // Resynthesis from the compact features (default mel-cepstrum order, 3 kHz band aperiodicity).
      const compact = synthesize(fromCompactFeatures(toCompactFeatures(params)));
      const compactEnv = analyze(compact, { f0: { framePeriod: params.framePeriod, f0: params.f0 }, fftSize: params.fftSize });
      const mcdCompact = melCepstralDistortion(params.spectrogram, compactEnv.spectrogram, fs, { mask });
      assert.ok(mcdCompact < 2.5, `compact features: MCD ${mcdCompact.toFixed(2)} dB`);
      figures.push(`compact MCD ${mcdCompact.toFixed(2)} dB`);

      // Pitch shifts.
      for (const semitones of [7, -5]) {
        const shifted = synthesize(pitchShift(params, semitones));
        assert.ok(Math.abs(shifted.samples.length - input.samples.length) <= frameSamples, 'duration within a frame');
        const r = medianCents(inF0, pitchOf(shifted, dir, `shift${semitones}`));
        assert.ok(r.frames > 200, `${r.frames} frames voiced in both`);
        assert.ok(Math.abs(r.cents - 100 * semitones) < 5, `${semitones} st: median ${r.cents.toFixed(2)} cents`);
        figures.push(`${semitones} st: ${(r.cents - 100 * semitones).toFixed(2)} cents off`);
      }

      // Time stretch x1.5.
      const stretched = synthesize(timeStretch(params, 1.5));
      const offFrames = Math.abs(stretched.samples.length - 1.5 * input.samples.length) / frameSamples;
      assert.ok(offFrames <= 1, `stretched duration off by ${offFrames.toFixed(2)} frames`);
      const st = stretchedCents(inTrack, pitchTrack(stretched, dir, 'stretch'), 1.5);
      assert.ok(st.frames > 200, `${st.frames} frames voiced in both`);
      assert.ok(Math.abs(st.cents) < 5, `stretch: F0 moved by a median ${st.cents.toFixed(2)} cents`);
      figures.push(`x1.5: ${offFrames.toFixed(2)} frames off, F0 ${st.cents.toFixed(2)} cents`);
      t.diagnostic(`${voice}: ${figures.join('; ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
