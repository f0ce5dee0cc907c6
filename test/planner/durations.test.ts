import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDurations } from '../../src/planner/durations.js';
import type { PhonemeSegment } from '../../src/planner/types.js';
import type { Score } from '../../src/score/types.js';
import { makeScore } from './make-score.js';

const FRAME = 0.005;

function checkTiling(segs: PhonemeSegment[], score: Score): void {
  assert.equal(segs[0].start, 0);
  for (let i = 0; i < segs.length; i++) {
    assert.ok(segs[i].end > segs[i].start, `segment ${i} (${segs[i].phoneme}) has length ${segs[i].end - segs[i].start}`);
    if (i > 0) assert.equal(segs[i].start, segs[i - 1].end, `gap/overlap before segment ${i}`);
  }
  assert.ok(Math.abs(segs[segs.length - 1].end - score.duration) < 1e-9);
}

/** The first vowel segment of each syllable note. */
function vowelOnsets(segs: PhonemeSegment[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of segs) if (s.cls === 'vowel' && !m.has(s.noteIndex)) m.set(s.noteIndex, s.start);
  return m;
}

test('vowels start on note onsets, consonants before them and at note ends, segments tile the score', () => {
  const score = makeScore([
    [null, 1, ''],
    [60, 1, 'S T R EH NG TH'],
    [62, 1, 'M AY'],
    [64, 2, 'L AH V'],
    [null, 1, ''],
    [67, 0.5, 'K AE T S'],
    [65, 1.5, 'HH OW M'],
  ]);
  const segs = planDurations(score);
  checkTiling(segs, score);
  const on = vowelOnsets(segs);
  for (const n of score.notes) {
    if (n.kind !== 'syllable') continue;
    assert.ok(Math.abs(on.get(n.index)! - n.start) < FRAME, `note ${n.index} vowel at ${on.get(n.index)} vs onset ${n.start}`);
  }
  // "S T R" of note 1 lie inside the rest before it, in order, ending exactly at the onset.
  const str = segs.filter((s) => s.noteIndex === 1 && s.cls !== 'vowel').slice(0, 3);
  assert.deepEqual(str.map((s) => s.phoneme), ['S', 'T', 'R']);
  assert.equal(str[2].end, score.notes[1].start);
  assert.ok(Math.abs(str[0].end - str[0].start - 0.09) < 1e-9, 'S keeps the fricative default 90 ms');
  // Trailing "NG TH" end where "M" (of the next syllable) begins; M ends on the next onset.
  const m = segs.find((s) => s.phoneme === 'M' && s.noteIndex === 2)!;
  const th = segs.find((s) => s.phoneme === 'TH')!;
  assert.equal(th.end, m.start);
  assert.equal(m.end, score.notes[2].start);
  // The last syllable's trailing M ends the score.
  assert.equal(segs[segs.length - 1].phoneme, 'M');
  // Rests are silence; the 0.5 s rest before a note gets a breath.
  assert.equal(segs[0].phoneme, 'pau');
  assert.ok(segs.some((s) => s.phoneme === 'br' && s.noteIndex === 4));
});

test('consonants are shortened so that they never take more than half of the previous note', () => {
  // A 1/16 note at 120 bpm (125 ms) followed by "S T R" (desired 190 ms) and preceded by trailing "K S".
  const score = makeScore([
    [60, 1, 'AA'],
    [62, 0.25, 'B AE K S'],
    [64, 1, 'S T R IY'],
  ]);
  const segs = planDurations(score);
  checkTiling(segs, score);
  const short = score.notes[1];
  const inShort = segs.filter((s) => s.start >= short.start - 1e-12 && s.end <= short.end + 1e-12 && s.cls !== 'vowel');
  const consonantTime = inShort.reduce((a, s) => a + s.end - s.start, 0);
  assert.ok(consonantTime <= 0.5 * (short.end - short.start) + 1e-9, `consonants take ${consonantTime} s of ${short.end - short.start}`);
  // Proportions kept: S (90 ms) stays 1.8x T (50 ms).
  const s = segs.find((x) => x.phoneme === 'S' && x.noteIndex === 2)!;
  const t = segs.find((x) => x.phoneme === 'T' && x.noteIndex === 2)!;
  assert.ok(Math.abs((s.end - s.start) / (t.end - t.start) - 1.8) < 1e-6);
  const vowel = segs.find((x) => x.phoneme === 'AE')!;
  assert.ok(vowel.end - vowel.start >= 0.5 * 0.125 - 1e-9);
});

test('melismas and ties hold the vowel; voice consonant lengths and preutterance are used', () => {
  const score = makeScore(
    [
      [null, 1, ''],
      [60, 1, 'S IY'],
      [62, 1, '-'],
      [64, 1, '-'],
      [64, 1, 'N OW'],
    ],
    100,
    { notes: [{}, {}, {}, {}, { overrides: { preutterance: 0.12 } }] },
  );
  const segs = planDurations(score, { consonantDurations: { S: 0.15 } });
  checkTiling(segs, score);
  const iy = segs.find((s) => s.phoneme === 'IY')!;
  assert.equal(iy.start, score.notes[1].start);
  const n = segs.find((s) => s.phoneme === 'N')!;
  assert.equal(iy.end, n.start, 'the vowel runs through the melisma up to the next consonant');
  assert.ok(Math.abs(n.end - n.start - 0.12) < 1e-9, 'preutterance sets the lead length');
  const s = segs.find((x) => x.phoneme === 'S')!;
  assert.ok(Math.abs(s.end - s.start - 0.15) < 1e-9, 'consonantDurations wins over the class default');
});

test('tempo changes: onsets follow the tempo map; a syllable at time 0 sings its consonants from the onset', () => {
  const score = makeScore(
    [
      [60, 1, 'T AH'],
      [62, 1, 'D AH'],
      [64, 1, 'D AH'],
      [65, 1, 'D AH'],
    ],
    60,
    { tempo: [[2, 180]] },
  );
  assert.ok(Math.abs(score.notes[3].start - (2 + 1 / 3)) < 1e-9);
  const segs = planDurations(score);
  checkTiling(segs, score);
  assert.equal(segs[0].phoneme, 'T');
  assert.equal(segs[0].start, 0);
  const on = vowelOnsets(segs);
  for (const i of [1, 2, 3]) assert.ok(Math.abs(on.get(i)! - score.notes[i].start) < FRAME);
});

test('a breath after a note marked breath, and a bare continuation after a rest sings the last vowel', () => {
  const score = makeScore(
    [
      [60, 2, 'L AA'],
      [62, 2, 'L AA'],
      [null, 0.5, ''],
      [64, 1, '-'],
    ],
    120,
    { notes: [{ breath: true }] },
  );
  const segs = planDurations(score);
  checkTiling(segs, score);
  const br = segs.filter((s) => s.phoneme === 'br');
  assert.ok(br.some((s) => s.noteIndex === 0 && s.end <= score.notes[1].start));
  const last = segs.filter((s) => s.noteIndex === 3);
  assert.deepEqual(last.map((s) => s.phoneme), ['AA']);
});
