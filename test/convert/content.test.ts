import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Audio } from '../../src/audio/types.js';
import { referenceAudio } from '../../eval/songs.js';
import { recogniserWer } from '../../eval/wer.js';
import { convertedWer, WER_SEEDS } from '../../eval/convert.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { voicesDir } from '../helpers/paths.js';
import { sharedVoice } from './voices.js';

/** A whole reference recording and its transcript. */
function reference(name: string): { audio: Audio; text: string } {
  return { audio: referenceAudio(name), text: readFileSync(join(voicesDir, name, 'transcript.txt'), 'utf8') };
}

/**
 * Real speech of one speaker converted into the other (a man's voice into a woman's and back: the hardest pairs
 * among the shared voices) keeps pocketsphinx's WER within 15 points of the input's, averaged over WER_SEEDS. Measured
 * with the default similarity 0.4 (frames alone, similarity 1: 81 % and 86 %): slt 25.8 % -> 26.6 % in kal, kal 24.5 %
 * -> 37.9 % in slt (limit 39.5 %).
 *
 * kal -> slt was a todo at 40.1 % while the envelope was analysed and matched every 10 ms: its voiced stops and
 * clusters were heard as other consonants ("bowls" -> "post", "boy" -> "plan"). With the frames between analysed
 * wherever the sound is unvoiced or changes class (5 ms; src/convert/convert.ts, refineFrames) it reads 37.9 %.
 * On these 160 words one seed's WER moves by about 3.5 points, so the mean of six still moves by a word or so.
 * Tried before that, without a gain that holds for the other pairs: a weaker formant warp (35-36 % for kal -> slt, but slt -> kal
 * 31.9-37.3 % and slt -> espeak-cmn 42.8 %: the judge prefers lower formants whatever the target), a piecewise-linear
 * warp that keeps the top band, unvoiced frames unwarped or blended differently, no std mapping, no smoothing
 * (docs/convert.md).
 */
describe('convert: content (pocketsphinx WER on English speech)', () => {
  for (const [src, tgt] of [
    ['kal', 'slt'],
    ['slt', 'kal'],
  ] as const) {
    it(`${src} -> ${tgt}: WER within 15 points of the input's (mean of ${WER_SEEDS.length} noise seeds)`, () => {
      const { audio, text } = reference(src);
      const before = recogniserWer(audio, text);
      const { mean: after, perSeed, warp } = convertedWer(audio, text, sharedVoice(tgt));
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      const message = `WER ${pct(before.wer)} -> ${pct(after)} (seeds: ${perSeed.map(pct).join(', ')})`;
      console.log(`${src} -> ${tgt} (formants x${warp}): ${message}`);
      assert.ok(after - before.wer <= 0.15, message);
    });
  }
});
