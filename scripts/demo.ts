/**
 * `npm run demo`: the most complete job the project can do today. It takes the bundled reference recording
 * (assets/voices/slt), analyses it into F0, spectral envelope and aperiodicity, raises the pitch by a fifth and
 * resynthesizes it, writing out/demo.wav (and out/demo-original.wav, the untouched resynthesis, to compare).
 * When the renderer lands, this becomes "sing the bundled song with the default voice".
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analysis/analyze.js';
import { readWavFile, writeWavFile } from '../src/audio/wav.js';
import { pitchShift } from '../src/vocoder/transform.js';
import { synthesize } from '../src/vocoder/synthesis.js';

const root = join(import.meta.dirname, '..');
const input = join(root, 'assets', 'voices', 'slt', 'reference.wav');
const outDir = join(root, 'out');
mkdirSync(outDir, { recursive: true });

const t0 = performance.now();
const audio = readWavFile(input);
const seconds = audio.samples.length / audio.sampleRate;
console.log(`analysing ${input} (${seconds.toFixed(1)} s at ${audio.sampleRate} Hz)...`);
const params = analyze(audio);
const t1 = performance.now();
console.log(`resynthesising at +7 semitones...`);
const shifted = synthesize(pitchShift(params, 7), { seed: 1 });
writeWavFile(join(outDir, 'demo.wav'), shifted);
const plain = synthesize(params, { seed: 1 });
writeWavFile(join(outDir, 'demo-original.wav'), plain);
const t2 = performance.now();
console.log(
  `wrote out/demo.wav (+7 semitones) and out/demo-original.wav: ${seconds.toFixed(1)} s of audio; ` +
    `analysis ${(t1 - t0).toFixed(0)} ms (${((seconds * 1000) / (t1 - t0)).toFixed(0)}x real time), ` +
    `two syntheses ${(t2 - t1).toFixed(0)} ms (${((2 * seconds * 1000) / (t2 - t1)).toFixed(0)}x real time)`,
);
