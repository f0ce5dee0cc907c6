/**
 * The likeness measure of `npm run eval`: a GMM speaker classifier trained on the shared reference recordings only.
 *  - held-out: trained on the first half of each reference, it assigns each second half to its own voice;
 *  - rendered: trained on the whole references, it assigns a short song (61a-Lyrics.xml) sung by slt and by kal to the
 *    voice it was rendered with.
 * The margin (average log-likelihood of the right voice minus the best wrong one, nats per frame) is printed.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import type { Audio } from '../../src/audio/types.js';
import { defaultCacheDir } from '../../src/render/default-voice.js';
import { EVAL_VOICES, evalVoice, referenceAudio, renderSong } from '../../eval/songs.js';
import { classifySpeaker, trainSpeakerClassifier, type SpeakerClassifier } from '../../eval/speaker-classifier.js';
import { tempDir } from '../helpers/paths.js';

function half(a: Audio, second: boolean): Audio {
  const n = a.samples.length >> 1;
  return { sampleRate: a.sampleRate, samples: second ? a.samples.slice(n) : a.samples.slice(0, n) };
}

function margin(c: SpeakerClassifier, scores: number[], name: string): number {
  const i = c.names.indexOf(name);
  return scores[i] - Math.max(...scores.filter((_, j) => j !== i));
}

const refs = EVAL_VOICES.map((v) => ({ name: v.name, audio: referenceAudio(v.name) }));

test('held-out halves of the references go to their own voice', () => {
  const clf = trainSpeakerClassifier(refs.map((r) => ({ name: r.name, audio: half(r.audio, false) })));
  for (const r of refs) {
    const { name, scores } = classifySpeaker(clf, half(r.audio, true));
    const m = margin(clf, scores, r.name);
    console.log(`${r.name} second half -> ${name} (margin ${m.toFixed(2)} nats/frame)`);
    assert.equal(name, r.name, `${r.name}'s second half was taken for ${name}`);
    assert.ok(m > 1, `${r.name}: margin ${m.toFixed(2)} nats/frame is too thin`);
  }
});

test('songs rendered with slt and kal go to slt and kal', () => {
  const clf = trainSpeakerClassifier(refs);
  const dir = tempDir('cantor-likeness-');
  try {
    for (const v of EVAL_VOICES.filter((x) => x.name === 'slt' || x.name === 'kal')) {
      // The shared slt and kal references are the ones the render tests cache: same cache file, built once.
      const voice = evalVoice(v.name, v.language, defaultCacheDir());
      const song = renderSong('61a-Lyrics.xml', v.name, voice, dir);
      const { name, scores } = classifySpeaker(clf, song.audio);
      const m = margin(clf, scores, v.name);
      console.log(`61a sung by ${v.name} -> ${name} (margin ${m.toFixed(2)} nats/frame; ` +
        `scores ${clf.names.map((n, i) => `${n} ${scores[i].toFixed(2)}`).join(', ')})`);
      assert.equal(name, v.name, `the song rendered with ${v.name} was taken for ${name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
