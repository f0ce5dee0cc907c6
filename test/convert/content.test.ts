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
 * with the default similarity 0.4 (frames alone, similarity 1: 81 % and 86 %): kal 24.5 % -> 39.0 % in slt (0.5 gave
 * 40.5 %, over the 39.5 % limit); slt 25.8 % -> 26.4 % in kal. kal -> slt sits at the limit, not clearly under it:
 * over seeds 4-9 it is 41.4 % (44.2 % at 0.5), and the mean over seeds 1-3 moved from 36.9 % to 39.0 % with a change
 * of the vocoder's pulse timing alone (the drift's leak, 0.2 -> 2 s).
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
