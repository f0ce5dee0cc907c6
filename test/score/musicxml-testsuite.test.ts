/**
 * Every file of the MusicXML test suite that carries lyrics, checked against what its own description promises:
 * syllables, melismas, the verse and voice chosen, and note times (seconds at the default 120 bpm unless stated).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScore, pitchName, type Score } from '../../src/score/index.js';
import type { ScoreOptions } from '../../src/score/index.js';
import { scoresDir } from '../helpers/paths.js';

const dir = join(scoresDir, 'musicxml-testsuite');
const load = (name: string, opts: ScoreOptions = {}) => loadScore(join(dir, name), opts);

/** [kind initial, lyric, start, end, pitch] per note; rests as ['r', '', start, end, '-']. */
function rows(s: Score): [string, string, number, number, string][] {
  return s.notes.map((n) => [n.kind[0], n.lyric, +n.start.toFixed(4), +n.end.toFixed(4), pitchName(n.pitch)]);
}

function assertTiling(s: Score): void {
  assert.equal(s.notes[0].start, 0);
  for (let i = 1; i < s.notes.length; i++) {
    assert.ok(Math.abs(s.notes[i].start - s.notes[i - 1].end) < 1e-9, `gap/overlap before note ${i}`);
    assert.equal(s.notes[i].startTick, s.notes[i - 1].endTick);
    assert.equal(s.notes[i].index, i);
  }
  assert.ok(Math.abs(s.notes[s.notes.length - 1].end - s.duration) < 1e-9);
  for (const n of s.notes) {
    if (n.kind === 'syllable') assert.ok(n.phonemes.length > 0, `syllable "${n.lyric}" has phonemes`);
    else assert.equal(n.phonemes.length, 0);
  }
}

test('every file of the suite parses into a tiled score', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
  assert.equal(files.length, 13);
  for (const f of files) {
    const s = load(f);
    assertTiling(s);
    // Default choice everywhere: the first part with lyrics, its first voice with lyrics, verse 1.
    assert.deepEqual(s.selection, { part: 'P1', voice: '1', verse: 1 }, f);
    assert.equal(s.source?.format, 'musicxml');
    assert.equal(s.language, 'en');
  }
});

test('33i: ties without their end tag neither hang nor swallow notes: five whole notes A..E, 2 s each', () => {
  const s = load('33i-Ties-NotEnded.xml');
  assert.deepEqual(rows(s), [
    ['s', 'A', 0, 2, 'C5'], ['s', 'B', 2, 4, 'C5'], ['s', 'C', 4, 6, 'C5'], ['s', 'D', 6, 8, 'C5'], ['s', 'E', 8, 10, 'C5'],
  ]);
  assert.ok(s.warnings.some((w) => w.includes('tie')));
});

test('42a: two voices on one staff, each with its lyrics; backup puts voice 2 back at 0; fermata holds 1.5x', () => {
  const v1 = load('42a-MultiVoice-TwoVoicesOnStaff-Lyrics.xml');
  assert.deepEqual(v1.selection, { part: 'P1', voice: '1', verse: 1 });
  assert.deepEqual(rows(v1), [
    ['s', 'This', 0, 1.5, 'E5'], ['s', 'is', 1.5, 2, 'D5'], ['s', 'the', 2, 2.5, 'B4'], ['r', '', 2.5, 3, '-'],
    ['s', 'lyrics', 3, 3.5, 'D5'], ['s', 'of', 3.5, 4.25, 'B3'], ['s', 'Voice1', 4.25, 4.5, 'C5'], ['r', '', 4.5, 6.5, '-'],
  ]);
  assert.equal(v1.notes[0].fermata, true);
  const v2 = load('42a-MultiVoice-TwoVoicesOnStaff-Lyrics.xml', { voice: '2' });
  assert.equal(v2.selection?.voice, '2');
  assert.deepEqual(rows(v2).map((r) => r[4]), ['C5', 'B4', 'G4', '-', 'B4', 'G3', 'A4', '-']);
  assert.deepEqual(rows(v2).map((r) => r[2]), [0, 1.5, 2, 2.5, 3, 3.5, 4.25, 4.5]);
  assert.throws(() => load('42a-MultiVoice-TwoVoicesOnStaff-Lyrics.xml', { voice: '3' }), /no voice "3".*voices: 1, 2/);
});

test('61a: syllables begin/middle/end, notes without a syllable continue the previous one', () => {
  const s = load('61a-Lyrics.xml');
  assert.deepEqual(rows(s).map((r) => [r[0], r[1], r[2]]), [
    ['s', 'Tra', 0], ['s', 'la', 0.5], ['s', 'li', 1], ['s', 'Ja!', 1.5], ['c', '', 2], ['s', 'Tra', 2.5], ['c', '', 3],
    ['s', 'ra!', 3.5], ['c', '', 4], ['s', 'Bah!', 4.5], ['c', '', 5],
  ]);
  assert.deepEqual(s.notes.slice(0, 4).map((n) => n.syllabic), ['begin', 'middle', 'end', 'single']);
  assert.equal(s.notes[10].end, 6);
  assert.equal(s.notes[3].melisma, true);
});

test('61b: three verses chosen by number, default verse 1', () => {
  const lyr = (v?: number) => load('61b-MultipleLyrics.xml', { verse: v }).notes.map((n) => n.lyric);
  assert.deepEqual(lyr(), ['1.Tra', 'la', 'la,', 'ja!', '', 'Tra', '', 'ra...']);
  assert.deepEqual(lyr(2), ['2.tra', 'la', 'la,', 'ja!', '', 'Tra', '', 'ra.']);
  assert.deepEqual(lyr(3), ['3.TRA', 'LA', 'LA,', 'JA!', '', 'TRA', '', 'RA...']);
  assert.equal(load('61b-MultipleLyrics.xml', { verse: 3 }).selection?.verse, 3);
  assert.throws(() => load('61b-MultipleLyrics.xml', { verse: 4 }), /no verse 4.*verses: 1, 2, 3/);
});

test('61c: piano staff, each staff (voice) with its own lyrics line', () => {
  const up = load('61c-Lyrics-Pianostaff.xml');
  assert.deepEqual(rows(up), [['s', 'tra', 0, 0.5, 'A4'], ['s', 'la', 0.5, 1, 'A4'], ['s', 'li', 1, 1.5, 'A4'], ['s', 'ja!', 1.5, 2, 'A4']]);
  const low = load('61c-Lyrics-Pianostaff.xml', { voice: '2' });
  assert.deepEqual(rows(low), [['s', 'TRA', 0, 0.5, 'F3'], ['s', 'LA', 0.5, 1, 'F3'], ['s', 'LI', 1, 1.5, 'F3'], ['s', 'JA!', 1.5, 2, 'F3']]);
});

test('61d: a slurred group gets one syllable; ties continue; chords keep the top note', () => {
  const s = load('61d-Lyrics-Melisma.xml');
  assert.deepEqual(rows(s), [
    ['s', 'Me', 0, 0.5, 'C5'], ['c', '', 0.5, 1, 'E5'], ['c', '', 1, 1.5, 'C5'], ['c', '', 1.5, 2, 'E5'],
    ['s', 'lis', 2, 2.5, 'C5'], ['c', '', 2.5, 3, 'C5'], ['s', 'ma.', 3, 3.5, 'C5'], ['c', '', 3.5, 4, 'E5'],
  ]);
  assert.deepEqual(s.notes.map((n) => !!n.melisma), [true, true, true, false, false, false, true, false]);
  assert.equal(s.notes[4].tie, true);
  assert.ok(s.warnings.some((w) => /2 chord note/.test(w)));
});

test('61e: lyrics on chords stay with the chord (top note sung)', () => {
  const s = load('61e-Lyrics-Chords.xml');
  assert.deepEqual(rows(s), [['s', 'Ly', 0, 0.5, 'C5'], ['s', 'rics', 0.5, 1, 'C5'], ['s', 'on', 1, 1.5, 'C5'], ['s', 'chords', 1.5, 2, 'C5']]);
  assert.deepEqual(s.notes.map((n) => n.syllabic), ['begin', 'end', 'single', 'single']);
});

test('61g: lyrics grouped by number (name ignored, none = 1), the first of a number wins', () => {
  assert.deepEqual(load('61g-Lyrics-NameNumber.xml').notes.map((n) => n.lyric), ['Verse1A', '1B', 'Verse1C', 'Chorus1D', 'VerseE', 'NoneF']);
  const v2 = load('61g-Lyrics-NameNumber.xml', { verse: 2 });
  assert.deepEqual(v2.notes.map((n) => [n.kind, n.lyric]), [
    ['syllable', 'Chorus1A'], ['syllable', '2B'], ['syllable', 'Chorus2C'], ['continuation', ''], ['continuation', ''], ['continuation', ''],
  ]);
  assert.equal(v2.duration, 3);
});

test('61h: beams, slurs or nothing: notes without a syllable are melismas, in all four measures', () => {
  const s = load('61h-Lyrics-BeamsMelismata.xml');
  const bar = ['s', 'c', 'c', 's', 's', 'c', 'c', 'r'];
  assert.deepEqual(s.notes.map((n) => n.kind[0]), [...bar, ...bar, ...bar, ...bar]);
  assert.deepEqual(s.notes.slice(0, 8).map((n) => n.lyric), ['Me', '', '', 'lis', 'ma', '', '', '']);
  s.notes.forEach((n, i) => {
    assert.equal(n.start, i * 0.25);
    assert.equal(n.end, (i + 1) * 0.25);
  });
});

test('61i: each chord note carries its own verse; all three verses on the one (top) note, 0-0.5 s', () => {
  for (const v of [1, 2, 3]) {
    assert.deepEqual(rows(load('61i-Lyrics-Chords.xml', { verse: v })), [['s', `Lyrics ${v}`, 0, 0.5, 'E5']]);
  }
});

test('beams-lyrics: no syllable swallowed under manual beams (divisions 6720)', () => {
  const s = load('beams-lyrics.xml');
  assert.equal(s.title, 'beams and lyrics');
  assert.deepEqual(rows(s), [['s', 'Syl', 0, 0.375, 'C4'], ['s', 'la', 0.375, 0.5, 'C4'], ['s', 'ble', 0.5, 2, 'C4']]);
  assert.deepEqual(s.notes.map((n) => n.startTick), [0, 360, 480]);
});

test('extend: an extender line holds "La" over the four following notes', () => {
  const s = load('extend.xml');
  assert.deepEqual(rows(s), [
    ['s', 'La', 0, 0.25, 'E5'], ['c', '', 0.25, 0.5, 'F5'], ['c', '', 0.5, 1, 'E5'], ['c', '', 1, 1.5, 'D5'], ['c', '', 1.5, 2, 'C5'],
  ]);
  assert.deepEqual(s.notes.map((n) => !!n.melisma), [true, true, true, true, false]);
});

test('lyrics-and-melismata: bli-(melisma)-bla-blub! in 3/4', () => {
  const s = load('lyrics-and-melismata.xml');
  assert.deepEqual(rows(s), [['s', 'bli', 0, 0.5, 'G4'], ['c', '', 0.5, 1, 'F4'], ['s', 'bla', 1, 1.5, 'G4'], ['s', 'blub!', 1.5, 3, 'A4']]);
  assert.deepEqual(s.notes.map((n) => n.syllabic), ['begin', undefined, 'middle', 'end']);
  assert.equal(s.selection?.part, 'P1');
  assert.throws(() => load('lyrics-and-melismata.xml', { part: 'Piano' }), /no part "Piano".*1: P1 "Voice"/);
  assert.equal(load('lyrics-and-melismata.xml', { part: 'voice' }).notes.length, 4);
  assert.equal(load('lyrics-and-melismata.xml', { part: 1 }).notes.length, 4);
});
