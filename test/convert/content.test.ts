import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Audio } from '../../src/audio/types.js';
import { convertVoice } from '../../src/convert/index.js';
import { referenceAudio } from '../../eval/songs.js';
import { recogniserWer } from '../../eval/wer.js';
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
 * among the shared voices) keeps pocketsphinx's WER within 15 points of the input's. Measured with the default
 * similarity 0.5: kal 24.5 % -> 38 % in slt, slt 25.8 % -> 31 % in kal (frames alone, similarity 1: 81 % and 86 %).
 */
describe('convert: content (pocketsphinx WER on English speech)', () => {
  for (const [src, tgt] of [
    ['kal', 'slt'],
    ['slt', 'kal'],
  ]) {
    it(`${src} -> ${tgt}: WER within 15 points of the input's`, () => {
      const { audio, text } = reference(src);
      const before = recogniserWer(audio, text);
      const { audio: out, report } = convertVoice(audio, sharedVoice(tgt), {});
      const after = recogniserWer(out, text);
      console.log(`${src} -> ${tgt} (formants x${report.warp}): WER ${(before.wer * 100).toFixed(1)} % -> ${(after.wer * 100).toFixed(1)} %`);
      assert.ok(after.wer - before.wer <= 0.15, `WER ${(before.wer * 100).toFixed(1)} % -> ${(after.wer * 100).toFixed(1)} %`);
    });
  }
});
