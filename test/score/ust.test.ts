import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseScore } from '../../src/score/index.js';

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

const UST = `[#VERSION]
UST Version1.2
[#SETTING]
Tempo=120.00
Tracks=1
ProjectName=さくら
Mode2=True
[#0000]
Length=480
Lyric=R
NoteNum=60
[#0001]
Length=960
Lyric=さ
NoteNum=69
PreUtterance=50
Intensity=50
PBS=-40;-20
PBW=80,100
PBY=5,
PBM=,r
VBR=50,200,30,20,10,25,0
[#0002]
Length=480
Lyric=a く
NoteNum=71
PBS=-30
PBW=60
Tempo=60
[#0003]
Length=480
Lyric=+
NoteNum=72
[#TRACKEND]
`;

test('Shift_JIS UST: tempo (with a change), rests R, lyrics (VCV prefix dropped), continuation "+"', () => {
  const bytes = new Uint8Array(iconv.encode(UST.replace(/\n/g, '\r\n'), 'Shift_JIS'));
  const s = parseScore(bytes, 'song.ust');
  assert.equal(s.title, 'さくら');
  assert.deepEqual(s.notes.map((n) => [n.kind, n.lyric, Number.isNaN(n.pitch) ? null : n.pitch, n.startTick, n.endTick]), [
    ['rest', '', null, 0, 480], ['syllable', 'さ', 69, 480, 1440], ['syllable', 'く', 71, 1440, 1920], ['continuation', '', 72, 1920, 2400],
  ]);
  // 120 bpm up to tick 1440 (3 quarters = 1.5 s), then 60 bpm (1 s a quarter).
  assert.deepEqual(s.tempo.map((t) => [t.tick, t.bpm]), [[0, 120], [1440, 60]]);
  close(s.notes[2].start, 1.5);
  close(s.notes[3].start, 2.5);
  close(s.duration, 3.5);
  assert.equal(s.notes[2].melisma, true);
});

test('PBS/PBW/PBY/PBM become absolute pitch points; VBR becomes vibrato settings; Intensity and PreUtterance kept', () => {
  const s = parseScore(new Uint8Array(iconv.encode(UST, 'Shift_JIS')), 'song.ust');
  const sa = s.notes[1];
  // Onset 0.5 s. Points: (0.5 - 0.040, 69 - 2.0), (+80 ms, 69 + 0.5), (+100 ms, 69 + 0) with an ease-out shape.
  const pts = sa.overrides!.pitchPoints!;
  assert.equal(pts.length, 3);
  close(pts[0].time, 0.46);
  close(pts[0].pitch, 67);
  close(pts[1].time, 0.54);
  close(pts[1].pitch, 69.5);
  assert.equal(pts[1].shape, 's');
  close(pts[2].time, 0.64);
  close(pts[2].pitch, 69);
  assert.equal(pts[2].shape, 'r');
  // Note 1 s long, vibrato over the last 50 %: delay 0.5 s; cycle 200 ms = 5 Hz; fades 20 % / 10 % of 0.5 s.
  const v = sa.overrides!.vibrato!;
  close(v.rate!, 5);
  assert.equal(v.depth, 30);
  close(v.delay!, 0.5);
  close(v.fadeIn!, 0.1);
  close(v.fadeOut!, 0.05);
  close(v.phase!, 0.25);
  assert.equal(v.enabled, true);
  close(sa.overrides!.dynamics!, 20 * Math.log10(0.5));
  close(sa.overrides!.preutterance!, 0.05);
  // PBS without a height starts from the previous note's pitch (69 -> 71: 2 semitones below).
  const ku = s.notes[2].overrides!.pitchPoints!;
  close(ku[0].pitch, 69);
  close(ku[0].time, 1.5 - 0.03);
  close(ku[1].pitch, 71);
});

test('UTF-8 UST (Charset=UTF-8) reads the same lyrics', () => {
  const text = UST.replace('[#SETTING]\n', '[#SETTING]\nCharset=UTF-8\n');
  const s = parseScore(new TextEncoder().encode(text), 'song.ust');
  assert.deepEqual(s.notes.filter((n) => n.kind === 'syllable').map((n) => n.lyric), ['さ', 'く']);
});

test('a UST in an unknown encoding is a UserError naming the file', () => {
  // Bytes that are neither valid UTF-8 nor valid Shift_JIS (0xA0 and 0xFD..0xFF are not Shift_JIS lead bytes).
  const bad = new Uint8Array([...new TextEncoder().encode('[#SETTING]\nTempo=120\n[#0000]\nLength=480\nLyric='), 0xfd, 0xa0, 0xff, 0x0a]);
  assert.throws(() => parseScore(bad, 'bad.ust'), (e: Error) => e.name === 'UserError' && /bad\.ust/.test((e as unknown as { file: string }).file) && /unknown text encoding/.test(e.message));
  const utf16 = new Uint8Array(iconv.encode('\ufeff[#SETTING]\nTempo=120\n', 'utf-16le'));
  assert.throws(() => parseScore(utf16, 'u16.ust'), /unknown text encoding/);
  assert.throws(() => parseScore(new TextEncoder().encode('[#SETTING]\nCharset=klingon\n'), 'k.ust'), /unknown text encoding "Charset=klingon"/);
  assert.throws(() => parseScore(new TextEncoder().encode('[#SETTING]\n[#0000]\nLength=abc\n'), 'len.ust'), (e: Error) => /no valid Length/.test(e.message) && (e as unknown as { where: string }).where === 'line 2');
});
