/**
 * A sonorant unit ends where its voicing stops (src/voice/voiced-end.ts): the aligner's spill over the next
 * consonant, closure or pause is cut off, the unvoiced start of a vowel (a breathy or glottal onset) is kept.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MIN_VOICED_FRAMES, SPILL_FRAMES, voicedEnd } from '../../src/voice/voiced-end.js';
import { sharedVoice } from '../convert/voices.js';
import { voicesDir } from '../helpers/paths.js';

/** Festival's vowel labels in phones.txt. */
const TRUE_VOWELS = /^(aa|ae|ah|ao|aw|ax|ay|eh|er|ey|ih|iy|ow|oy|uh|uw)$/;

/** An F0 track from a pattern of runs: [voiced?, frames][]. */
function track(runs: [boolean, number][]): Float64Array {
  const out: number[] = [];
  for (const [v, n] of runs) for (let i = 0; i < n; i++) out.push(v ? 120 : 0);
  return Float64Array.from(out);
}

test('a sonorant is cut where its voicing stops for 40 ms; its unvoiced start, short gaps and consonants are kept', () => {
  // A final running on over the next syllable's fricative into its vowel (espeak-cmn's 've'): cut after 21 frames.
  const spill = track([[true, 21], [false, 18], [true, 20]]);
  assert.equal(voicedEnd(spill, 0, spill.length, 'vowel'), 21);
  // The same inside a longer track, at an offset.
  assert.equal(voicedEnd(track([[false, 5], [true, 21], [false, 18], [true, 20]]), 5, 64, 'liquid'), 26);
  // A trailing quiet gap ('l' before the next syllable).
  assert.equal(voicedEnd(track([[true, 22], [false, SPILL_FRAMES]]), 0, 22 + SPILL_FRAMES, 'liquid'), 22);
  // Kept whole: a gap one frame short of SPILL_FRAMES, a breathy onset, too few voiced frames, a voiced plosive.
  const short = track([[true, 10], [false, SPILL_FRAMES - 1], [true, 10]]);
  assert.equal(voicedEnd(short, 0, short.length, 'vowel'), short.length);
  const onset = track([[false, 10], [true, 11]]);
  assert.equal(voicedEnd(onset, 0, onset.length, 'vowel'), onset.length);
  const few = track([[true, MIN_VOICED_FRAMES - 1], [false, 12]]);
  assert.equal(voicedEnd(few, 0, few.length, 'nasal'), few.length);
  assert.equal(voicedEnd(spill, 0, spill.length, 'plosive'), spill.length);
});

test('built voices: espeak-cmn loses its spills, slt keeps its units as aligned', () => {
  const spills = (name: string): number => {
    const voice = sharedVoice(name);
    let n = 0;
    for (const u of voice.units) {
      if (!u.voiced) continue;
      const end = voicedEnd(voice.frames.f0, u.frameStart, u.frameStart + u.frameCount, u.cls);
      if (end !== u.frameStart + u.frameCount) n++;
    }
    return n;
  };
  // Cut once, nothing is left to cut.
  assert.equal(spills('espeak-cmn'), 0);
  // slt's vowels that start unvoiced are where its true phone labels put them (phones.txt): kept from their start.
  const slt = sharedVoice('slt');
  const truth = readFileSync(join(voicesDir, 'slt', 'phones.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r[2] !== 'pau');
  let checked = 0;
  for (const u of slt.units) {
    if (u.cls !== 'vowel') continue;
    let lead = 0;
    while (lead < u.frameCount && !(slt.frames.f0[u.frameStart + lead] > 0)) lead++;
    if (lead < SPILL_FRAMES || lead === u.frameCount) continue;
    // Any vowel: our lexicon and Festival's differ on a few (AH for Festival's ae in "an").
    const near = truth.find((r) => Math.abs(Number(r[0]) - u.start) < 0.02 && TRUE_VOWELS.test(r[2]));
    assert.ok(near, `slt ${u.phoneme} at ${u.start.toFixed(3)} s starts ${lead} frames unvoiced but is not a true vowel start`);
    checked++;
  }
  console.log(`slt: ${checked} vowel units start with ${SPILL_FRAMES}+ unvoiced frames, all at true vowel starts`);
  assert.ok(checked >= 4);
});
