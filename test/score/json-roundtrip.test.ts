import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScore, parseScore, scoreFromJson, scoreToJson, scoreToMidi, type Score } from '../../src/score/index.js';
import { scoresDir } from '../helpers/paths.js';
import { musicXml, xnote } from './fixtures.js';

const suite = join(scoresDir, 'musicxml-testsuite');

function sameNotes(a: Score, b: Score): void {
  assert.equal(b.notes.length, a.notes.length);
  a.notes.forEach((n, i) => {
    const m = b.notes[i];
    assert.ok(Math.abs(n.start - m.start) < 1e-3 && Math.abs(n.end - m.end) < 1e-3, `note ${i} times ${n.start}-${n.end} vs ${m.start}-${m.end}`);
    assert.equal(m.kind, n.kind, `note ${i} kind`);
    assert.equal(m.lyric, n.lyric, `note ${i} lyric`);
    if (n.kind === 'rest') assert.ok(Number.isNaN(m.pitch));
    else assert.ok(Math.abs(m.pitch - n.pitch) < 0.001, `note ${i} pitch ${n.pitch} vs ${m.pitch}`);
  });
}

test('MusicXML -> JSON -> MIDI -> back: same notes (times within 1 ms, pitches, lyrics) for every suite file', () => {
  for (const f of ['61a-Lyrics.xml', '61d-Lyrics-Melisma.xml', '42a-MultiVoice-TwoVoicesOnStaff-Lyrics.xml', 'beams-lyrics.xml', '61h-Lyrics-BeamsMelismata.xml', 'lyrics-and-melismata.xml']) {
    const a = loadScore(join(suite, f));
    const json = scoreToJson(a);
    const b = scoreFromJson(json, 'a.json');
    sameNotes(a, b);
    assert.deepEqual(b.notes.map((n) => n.phonemes), a.notes.map((n) => n.phonemes));
    const c = parseScore(scoreToMidi(b), 'b.mid');
    sameNotes(a, c);
    assert.deepEqual(c.notes.map((n) => n.syllabic), a.notes.map((n) => n.syllabic));
  }
});

test('JSON keeps overrides, curves, flags and tempo; microtones survive MIDI as pitch bends', () => {
  const xml = musicXml([
    `<direction><direction-type><dynamics><p/></dynamics></direction-type><sound tempo="72"/></direction>` +
      xnote('E4', 1, { lyric: 'hi', alter: 0.5, notations: '<fermata/>' }) + xnote('G4', 1, { lyric: 'yo' }),
  ]);
  const a = parseScore(new TextEncoder().encode(xml), 'a.xml');
  a.notes[1].overrides = { vibrato: { rate: 5.5, depth: 40 }, pitchPoints: [{ time: 1.3, pitch: 66, shape: 'l' }], phonemes: ['Y', 'OW'], dynamics: -3 };
  const b = scoreFromJson(scoreToJson(a), 'a.json');
  assert.deepEqual(b.notes[1].overrides, a.notes[1].overrides);
  assert.deepEqual(b.curves, a.curves);
  assert.deepEqual(b.tempo, a.tempo);
  assert.equal(b.notes[0].fermata, true);
  assert.equal(b.notes[0].velocity, a.notes[0].velocity);
  assert.equal(b.language, 'en');
  sameNotes(a, parseScore(scoreToMidi(b), 'c.mid'));
});

test('a hand-written JSON score: pitch names, rests left out, phonemes filled from the lyrics', () => {
  const doc = {
    format: 'cantor-score',
    version: 1,
    tempo: [{ tick: 0, bpm: 60 }],
    notes: [
      { startTick: 0, endTick: 480, pitch: 'A4', lyric: 'sun' },
      { startTick: 480, endTick: 960, pitch: 'C#5' },
      { startTick: 1440, endTick: 1920, pitch: 'Bb4', lyric: 'rise', overrides: { phonemes: ['R', 'AY', 'Z'] } },
    ],
  };
  const s = scoreFromJson(JSON.stringify(doc), 'hand.json');
  assert.deepEqual(s.notes.map((n) => [n.kind, n.pitch, n.start, n.end]), [
    ['syllable', 69, 0, 1], ['continuation', 73, 1, 2], ['rest', NaN, 2, 3], ['syllable', 70, 3, 4],
  ]);
  assert.deepEqual(s.notes[0].phonemes.map((p) => p.symbol), ['S', 'AH', 'N']);
  assert.deepEqual(s.notes[3].overrides?.phonemes, ['R', 'AY', 'Z']);
});

test('JSON that fails the schema: UserError with the JSON path of the problem', () => {
  const base = { format: 'cantor-score', version: 1, notes: [{ startTick: 0, endTick: 480, pitch: 60, lyric: 'a' }] };
  const err = (doc: unknown) => {
    try {
      scoreFromJson(JSON.stringify(doc), 'bad.json');
    } catch (e) {
      const u = e as { name: string; file: string; where?: string; message: string };
      assert.equal(u.name, 'UserError');
      assert.equal(u.file, 'bad.json');
      return `${u.where ?? ''} | ${u.message}`;
    }
    assert.fail('no error');
  };
  assert.match(err({ ...base, notes: [{ startTick: 0, endTick: 480, pitch: 'high' }] }), /at notes\[0\]\.pitch \| .*not a pitch name/);
  assert.match(err({ ...base, notes: [{ startTick: 0, endTick: -5, pitch: 60 }] }), /at notes\[0\]\.endTick/);
  assert.match(err({ ...base, notes: [{ startTick: 0, endTick: 480, pitch: 60, overrides: { vibrato: { rate: 'fast' } } }] }), /at notes\[0\]\.overrides\.vibrato\.rate/);
  assert.match(err({ ...base, version: 2 }), /at version \| unsupported cantor-score version 2/);
  assert.match(err({ ...base, format: 'musescore' }), /at format/);
  assert.match(err({ ...base, tempo: [{ tick: 0, bpm: 0 }] }), /at tempo\[0\]\.bpm/);
  assert.match(err({ ...base, notes: [] }), /no notes to sing/);
  assert.match(err({ ...base, notes: [{ startTick: 0, endTick: 480, pitch: 60 }, { startTick: 240, endTick: 720, pitch: 62 }] }), /notes\[1\] starts at tick 240, before notes\[0\] ends/);
  assert.throws(() => scoreFromJson('{"format": "cantor-score",\n "version": 1,\n "notes": [}', 'broken.json'), (e: Error) => /not valid JSON/.test(e.message) && (e as unknown as { where: string }).where === 'line 3');
});
