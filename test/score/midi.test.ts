import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseScore, scoreToMidi } from '../../src/score/index.js';
import { lyricEvents, noteEvents, smf, tempoEvent, track, type MidiNoteSpec } from './fixtures.js';

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);
const song: MidiNoteSpec[] = [
  { tick: 0, dur: 96, key: 60, lyric: 'twin-' },
  { tick: 96, dur: 96, key: 60, lyric: 'kle' },
  { tick: 192, dur: 96, key: 67, lyric: 'star' },
  { tick: 288, dur: 96, key: 69 },
  { tick: 480, dur: 192, key: 67, lyric: '+' },
];

test('SMF 0 at 96 ticks/quarter: times, rescaled ticks, hyphenated syllables, melisma, continuation mark', () => {
  const bytes = smf(0, 96, [track([tempoEvent(0, 100), ...noteEvents(song)])]);
  const s = parseScore(bytes, 'song.mid');
  // 100 bpm: a quarter is 0.6 s.
  const sung = s.notes.filter((n) => n.kind !== 'rest');
  assert.deepEqual(sung.map((n) => [n.kind[0], n.lyric, n.syllabic, n.pitch, n.startTick]), [
    ['s', 'twin', 'begin', 60, 0], ['s', 'kle', 'end', 60, 480], ['s', 'star', 'single', 67, 960],
    ['c', '', undefined, 69, 1440], ['s', 'la', undefined, 67, 2400],
  ].map((r) => (r[1] === 'la' ? ['s', '', undefined, 67, 2400] : r)));
  close(sung[2].start, 1.2);
  close(sung[4].start, 3.0);
  close(s.duration, 4.2);
  assert.equal(s.notes[4].kind, 'rest');
  assert.equal(sung[2].melisma, true);
  // A "+" after a rest has nothing to continue: it is sung on the default syllable.
  assert.deepEqual(sung[4].phonemes.map((p) => p.symbol), ['L', 'AA']);
});

test('SMF 1: tempo change on the conductor track, notes and lyrics on track 2, track chosen by default and by index', () => {
  const conductor = track([tempoEvent(0, 120), tempoEvent(480 * 2, 60)]);
  const piano = track(noteEvents([{ tick: 0, dur: 1920, key: 48 }]));
  const notes = Array.from({ length: 4 }, (_, i) => ({ tick: i * 480, dur: 480, key: 62 + i, lyric: ['one', 'two', 'three', 'four'][i] }));
  const bytes = smf(1, 480, [conductor, piano, track(noteEvents(notes))]);
  const s = parseScore(bytes, 'x.mid');
  assert.equal(s.selection?.track, 2);
  assert.deepEqual(s.notes.map((n) => n.lyric), ['one', 'two', 'three', 'four']);
  // Two quarters at 120 (0.5 s each), then 60 bpm (1 s each).
  assert.deepEqual(s.notes.map((n) => +n.start.toFixed(6)), [0, 0.5, 1, 2]);
  close(s.duration, 3);
  const p = parseScore(bytes, 'x.mid', { track: 1, defaultSyllable: 'la' });
  assert.equal(p.notes.length, 1);
  assert.equal(p.notes[0].pitch, 48);
  assert.throws(() => parseScore(bytes, 'x.mid', { track: 0 }), /track 0 has no notes/);
});

test('SMF 1: lyrics on a different track from the notes attach by time', () => {
  const notes = [{ tick: 0, dur: 480, key: 64, lyric: 'hel-' }, { tick: 480, dur: 480, key: 65, lyric: 'lo' }];
  const bytes = smf(1, 480, [track([tempoEvent(0, 120), ...lyricEvents(notes)]), track(noteEvents(notes, false))]);
  const s = parseScore(bytes, 'x.mid');
  assert.deepEqual(s.notes.map((n) => [n.lyric, n.syllabic]), [['hel', 'begin'], ['lo', 'end']]);
});

test('lyric bytes: UTF-8, Shift_JIS and Latin-1 decoded', () => {
  const sjis = new Uint8Array(iconv.encode('さくら', 'Shift_JIS'));
  const latin = new Uint8Array(iconv.encode('día', 'latin1'));
  const notes = [
    { tick: 0, dur: 480, key: 60, lyric: '月' },
    { tick: 480, dur: 480, key: 62, lyric: sjis },
    { tick: 960, dur: 480, key: 64, lyric: latin },
  ];
  const s = parseScore(smf(0, 480, [track(noteEvents(notes))]), 'x.mid', { language: 'zh' });
  assert.deepEqual(s.notes.map((n) => n.lyric), ['月', 'さくら', 'día']);
});

test('overlapping notes: the later one cuts the earlier; simultaneous ones keep the top (with a warning)', () => {
  const bytes = smf(0, 480, [track(noteEvents([
    { tick: 0, dur: 600, key: 60, lyric: 'a' },
    { tick: 480, dur: 480, key: 62, lyric: 'b' },
    { tick: 480, dur: 480, key: 55 },
  ]))]);
  const s = parseScore(bytes, 'x.mid');
  assert.deepEqual(s.notes.map((n) => [n.lyric, n.pitch, n.startTick, n.endTick]), [['a', 60, 0, 480], ['b', 62, 480, 960]]);
  assert.ok(s.warnings.some((w) => /top one/.test(w)));
});

test('scoreToMidi writes SMF 1 with tempo, UTF-8 lyrics and microtones as pitch bends; reads back the same', () => {
  const bytes = smf(0, 480, [track([tempoEvent(0, 90), tempoEvent(960, 150), ...noteEvents([
    { tick: 0, dur: 480, key: 60, lyric: 'ほ' },
    { tick: 480, dur: 480, key: 62, lyric: 'し' },
    { tick: 1200, dur: 240, key: 64, lyric: 'ぞ' },
  ])])]);
  const a = parseScore(bytes, 'a.mid');
  const out = scoreToMidi(a);
  assert.equal(String.fromCharCode(...out.subarray(0, 4)), 'MThd');
  assert.equal(out[9], 1);
  const b = parseScore(out, 'b.mid');
  assert.deepEqual(b.notes.map((n) => [n.kind, n.lyric, n.pitch, n.startTick, n.endTick]), a.notes.map((n) => [n.kind, n.lyric, n.pitch, n.startTick, n.endTick]));
  b.notes.forEach((n, i) => close(n.start, a.notes[i].start, 1e-3));
  const micro = { ...a, notes: a.notes.map((n) => (n.index === 0 ? { ...n, pitch: 60.25 } : n)) };
  const c = parseScore(scoreToMidi(micro), 'c.mid');
  close(c.notes[0].pitch, 60.25, 0.001);
  assert.equal(c.notes[1].pitch, 62);
});

test('SMPTE timing (25 fps x 40 ticks = 1000 ticks/s) and karaoke text events as lyrics', () => {
  const events = track([
    { tick: 0, event: { meta: true, type: 'text', text: '@TSong title' } },
    { tick: 0, event: { meta: true, type: 'text', text: '/Hap' } },
    { tick: 500, event: { meta: true, type: 'text', text: 'py' } },
    ...noteEvents([{ tick: 0, dur: 500, key: 60 }, { tick: 500, dur: 1000, key: 62 }], false),
  ]);
  // Header division 0xE728: -25 fps, 40 ticks per frame.
  const bytes = smf(0, 480, [events]);
  bytes[12] = 0xe7;
  bytes[13] = 0x28;
  const s = parseScore(bytes, 'k.kar');
  assert.deepEqual(s.notes.map((n) => [n.lyric, +n.start.toFixed(6), +n.end.toFixed(6)]), [['Hap', 0, 0.5], ['py', 0.5, 1.5]]);
});
