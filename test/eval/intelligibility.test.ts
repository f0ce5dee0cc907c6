/**
 * Intelligibility of speech mode (eval/intelligibility.ts): pocketsphinx's word error rate on `cantor speak` of slt's
 * own transcript (159 words of Harvard sentences, through the command's code path) against its WER on the reference
 * recording. The target is a difference of at most 10 points; today's renderer is 16 points behind (measured:
 * reference 25.8 %, speak 41.5 %; 51.6 % before vowels took the voice's own lengths), so that test is marked todo (it runs and reports, but does not fail the suite), and
 * a second test holds the present figure so that it cannot silently get worse.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { evalIntelligibility, WER_TARGET_POINTS, type Intelligibility } from '../../eval/intelligibility.js';
import { defaultCacheDir } from '../../src/render/default-voice.js';
import { tempDir } from '../helpers/paths.js';

const dir = tempDir('cantor-wer-');
after(() => rmSync(dir, { recursive: true, force: true }));

let measured: Intelligibility | undefined;
/** Built once for both tests (a voice from the shared cache, ~52 s of speech, two recogniser runs: ~35 s). */
function slt(): Intelligibility {
  if (!measured) {
    measured = evalIntelligibility('slt', defaultCacheDir(), dir);
    const m = measured;
    console.log(`slt: reference WER ${(100 * m.reference.wer).toFixed(1)} %, speak WER ${(100 * m.speak.wer).toFixed(1)} % ` +
      `(S${m.speak.substitutions} D${m.speak.deletions} I${m.speak.insertions} of ${m.speak.referenceWords} words), ` +
      `difference ${m.points.toFixed(1)} points; heard: "${m.speak.hypothesis}"`);
  }
  return measured;
}

test(`slt: speak WER within ${WER_TARGET_POINTS} points of the reference's`, { todo: 'speak is 16 points behind (see the notes of issue 6)' }, () => {
  const m = slt();
  assert.ok(m.points <= WER_TARGET_POINTS, `speak WER ${(100 * m.speak.wer).toFixed(1)} % is ${m.points.toFixed(1)} points above the reference's`);
});

test('slt: speak is recognised no worse than today (at most 22 points behind the reference)', () => {
  const m = slt();
  // The recogniser on the reference itself: 25.8 % (measured); a change there means a different pocketsphinx model.
  assert.ok(m.reference.wer > 0.15 && m.reference.wer < 0.35, `reference WER ${(100 * m.reference.wer).toFixed(1)} %`);
  assert.ok(m.points <= 22, `speak WER ${(100 * m.speak.wer).toFixed(1)} % is ${m.points.toFixed(1)} points above the reference's`);
});
