/**
 * `npm run demo`: sings the bundled song (assets/songs/twinkle.musicxml, "Twinkle, Twinkle, Little Star") with the
 * built-in default voice (slt, built from assets/voices/slt on first use and cached) and writes out/demo.wav.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '../src/audio/wav.js';
import { planSong } from '../src/planner/index.js';
import { defaultVoice } from '../src/render/default-voice.js';
import { render } from '../src/render/render.js';
import { loadScore } from '../src/score/index.js';

const root = join(import.meta.dirname, '..');
const songPath = join(root, 'assets', 'songs', 'twinkle.musicxml');
const outDir = join(root, 'out');
mkdirSync(outDir, { recursive: true });

const t0 = performance.now();
const cv = defaultVoice({ onProgress: (stage) => process.stdout.write(`  building the default voice: ${stage}\n`) });
const t1 = performance.now();
console.log(cv.fromCache ? `default voice from ${cv.path}` : `built the default voice in ${((t1 - t0) / 1000).toFixed(1)} s`);
const score = loadScore(songPath);
const plan = planSong(score, { consonantDurations: cv.voice.stats.consonantDurations });
const { audio, report } = render(plan, cv.voice, { seed: 1, sampleRate: 44100 });
const t2 = performance.now();
writeWavFile(join(outDir, 'demo.wav'), audio);
const seconds = audio.samples.length / audio.sampleRate;
console.log(
  `wrote out/demo.wav: "${score.title ?? 'song'}", ${seconds.toFixed(1)} s at ${audio.sampleRate} Hz, ` +
    `${report.phonemes.length} phonemes, ${report.joins} joins (+${report.naturalJoins} natural); ` +
    `planned and rendered in ${(t2 - t1).toFixed(0)} ms (${((seconds * 1000) / (t2 - t1)).toFixed(0)}x real time)`,
);
