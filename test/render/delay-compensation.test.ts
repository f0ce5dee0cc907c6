/**
 * The vocoder's delay compensation (src/vocoder/synthesis.ts, PulseSynthesizer.drift) on real joins: two songs of the
 * eval whose error came mostly from joins onto quiet or unlike units, judged by Praat against its own reading of the
 * planned F0 (eval/pitch.ts). With the drift taken at the nearest peak of two frames' cross-correlation they read
 * 6.3 (kal, 61a) and 7.5 cents RMSE (espeak-en, 61c); at the highest peak, 2.4 and 2.0.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { EVAL_SONGS, EVAL_VOICES, evalVoice, renderSong } from '../../eval/songs.js';
import { evalPitch } from '../../eval/pitch.js';
import { defaultCacheDir } from '../../src/render/default-voice.js';
import { tempDir } from '../helpers/paths.js';

const LIMIT_CENTS = 4;

for (const [name, prefix] of [['kal', '61a'], ['espeak-en', '61c']] as const) {
  test(`${name} sings ${prefix} within ${LIMIT_CENTS} cents RMSE of the plan as Praat reads it`, () => {
    const v = EVAL_VOICES.find((x) => x.name === name)!;
    const voice = evalVoice(v.name, v.language, defaultCacheDir());
    const dir = tempDir('cantor-drift-');
    try {
      const s = renderSong(EVAL_SONGS.find((x) => x.startsWith(prefix))!, name, voice, dir);
      const p = evalPitch(s);
      console.log(`${name} ${prefix}: ${p.rmse.toFixed(1)} cents RMSE over ${p.frames} frames`);
      assert.ok(p.frames > 100, `only ${p.frames} frames both voiced`);
      assert.ok(p.rmse <= LIMIT_CENTS, `${name} ${prefix}: ${p.rmse.toFixed(1)} cents RMSE > ${LIMIT_CENTS}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
