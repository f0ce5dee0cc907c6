import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScore, pitchName } from '../../src/score/index.js';
import { musicXml, mxl, xnote } from './fixtures.js';

const enc = (s: string) => new TextEncoder().encode(s);
const parse = (xml: string, opts = {}) => parseScore(enc(xml), 'gen.musicxml', opts);
const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test('pitch with alter and microtones (quarter-tone alter 0.5 = 50 cents)', () => {
  const s = parse(musicXml([xnote('F#4', 1, { lyric: 'a' }) + xnote('B4', 1, { lyric: 'b', alter: -1 }) + xnote('E4', 1, { lyric: 'c', alter: 0.5 }) + xnote('C5', 1, { lyric: 'd', alter: -1.5 })]));
  assert.deepEqual(s.notes.map((n) => n.pitch), [66, 70, 64.5, 70.5]);
  assert.equal(pitchName(64.5), 'E4+50c');
});

test('tempo: <sound tempo>, a dotted metronome mark, a change mid-piece; durations via divisions', () => {
  const dir = (inner: string) => `<direction><direction-type>${inner}</direction-type></direction>`;
  const s = parse(
    musicXml(
      [
        `<direction><direction-type><words>Allegro</words></direction-type><sound tempo="90"/></direction>` + xnote('C4', 4, { lyric: 'one' }) + xnote('D4', 4, { lyric: 'two' }),
        dir('<metronome><beat-unit>quarter</beat-unit><beat-unit-dot/><per-minute>40</per-minute></metronome>') + xnote('E4', 6, { lyric: 'three' }) + xnote('F4', 2, { lyric: 'four' }),
      ],
      { divisions: 4 },
    ),
  );
  // 90 bpm: a quarter is 2/3 s. Dotted quarter = 40/min -> 60 quarters/min: a quarter is 1 s.
  assert.deepEqual(s.tempo.map((t) => [t.tick, t.bpm]), [[0, 90], [960, 60]]);
  close(s.notes[1].start, 2 / 3);
  close(s.notes[2].start, 4 / 3);
  close(s.notes[2].end, 4 / 3 + 1.5);
  close(s.notes[3].end, 4 / 3 + 2);
  assert.deepEqual(s.notes.map((n) => n.startTick), [0, 480, 960, 1680]);
});

test('parts by name, id or 1-based index; default the first part with lyrics', () => {
  const xml = musicXml([], {
    parts: [
      { id: 'P1', name: 'Piano', measures: [xnote('C3', 4)] },
      { id: 'P2', name: 'Soprano', measures: [xnote('G4', 2, { lyric: 'hel', syllabic: 'begin' }) + xnote('A4', 2, { lyric: 'lo', syllabic: 'end' })] },
    ],
  });
  assert.equal(parse(xml).selection?.part, 'P2');
  assert.equal(parse(xml).notes[0].lyric, 'hel');
  assert.equal(parse(xml, { part: 'piano' }).notes[0].pitch, 48);
  assert.equal(parse(xml, { part: 'P1' }).notes[0].pitch, 48);
  assert.equal(parse(xml, { part: 2 }).notes[1].pitch, 69);
  assert.equal(parse(xml, { part: '2' }).selection?.part, 'P2');
  assert.throws(() => parse(xml, { part: 3 }), /no part number 3/);
  // The piano part has no lyrics: every note sung on the default syllable.
  const piano = parse(xml, { part: 'Piano', defaultSyllable: 'na' });
  assert.equal(piano.notes[0].kind, 'syllable');
  assert.deepEqual(piano.notes[0].phonemes.map((p) => p.symbol), ['N', 'AA']);
});

test('backup and forward: voice 2 enters after a <forward> gap that becomes a rest', () => {
  const s = parse(
    musicXml([xnote('C5', 4, { lyric: 'top' }) + '<backup><duration>4</duration></backup><forward><duration>2</duration><voice>2</voice></forward>' + xnote('C4', 2, { lyric: 'low', voice: '2' })]),
    { voice: '2' },
  );
  assert.deepEqual(s.notes.map((n) => [n.kind, n.start, n.end]), [['rest', 0, 1], ['syllable', 1, 2]]);
});

test('grace notes steal a 32nd: appoggiatura from the next note (taking its syllable), slashed from the previous', () => {
  const s = parse(
    musicXml([
      xnote('C4', 2, { lyric: 'a' }) + xnote('E4', 0, { grace: '<grace/>' }) + xnote('D4', 2, { lyric: 'b' }) + xnote('G4', 0, { grace: '<grace slash="yes"/>' }) + xnote('F4', 4, { lyric: 'c' }),
    ], { divisions: 2 }),
  );
  // 120 bpm, 480 ticks/quarter: a 32nd (60 ticks) is 62.5 ms.
  assert.deepEqual(s.notes.map((n) => [n.kind[0], n.lyric, pitchName(n.pitch), n.startTick, n.endTick, !!n.grace]), [
    ['s', 'a', 'C4', 0, 480, false],
    ['s', 'b', 'E4', 480, 540, true],
    ['c', '', 'D4', 540, 900, false],
    ['c', '', 'G4', 900, 960, true],
    ['s', 'c', 'F4', 960, 1920, false],
  ]);
  close(s.notes[1].end - s.notes[1].start, 0.0625);
});

test('fermata lengthens its note 1.5x in seconds (ticks unchanged); later notes shift', () => {
  const s = parse(musicXml([xnote('C4', 1, { lyric: 'a', notations: '<fermata/>' }) + xnote('D4', 1, { lyric: 'b' })]));
  assert.equal(s.notes[0].fermata, true);
  close(s.notes[0].end, 0.75);
  close(s.notes[1].start, 0.75);
  close(s.notes[1].end, 1.25);
  assert.equal(s.notes[1].startTick, 480);
});

test('dynamics marks and wedges make the loudness curve (dB re mf) and velocities; breath marks', () => {
  const dyn = (m: string) => `<direction><direction-type><dynamics><${m}/></dynamics></direction-type></direction>`;
  const wedge = (t: string) => `<direction><direction-type><wedge type="${t}"/></direction-type></direction>`;
  const s = parse(
    musicXml([
      dyn('p') + xnote('C4', 1, { lyric: 'a' }) + wedge('crescendo') + xnote('D4', 1, { lyric: 'b', notations: '<articulations><breath-mark/></articulations>' }) + xnote('E4', 1, { lyric: 'c' }) + wedge('stop') + dyn('f') + xnote('F4', 1, { lyric: 'd' }),
    ]),
  );
  const pts = s.curves.loudness!.map((p) => [p.time, p.value]);
  assert.deepEqual(pts, [[0, -6], [0.5, -6], [1.5, 4]]);
  assert.equal(s.notes[1].breath, true);
  assert.ok(s.notes[0].velocity! < s.notes[3].velocity!);
  assert.equal(s.notes[3].velocity, Math.round(80 * 10 ** (4 / 40)));
});

test('elision: two syllables on one note are joined with ‿ and both pronounced', () => {
  const xml = musicXml([`<note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric number="1"><syllabic>single</syllabic><text>so</text><elision/><syllabic>single</syllabic><text>I</text></lyric></note>`]);
  const s = parse(xml);
  assert.equal(s.notes[0].lyric, 'so‿I');
  assert.deepEqual(s.notes[0].phonemes.map((p) => p.symbol), ['S', 'OW', 'AY']);
});

test('score-timewise is read like partwise', () => {
  const xml = `<?xml version="1.0"?><score-timewise><part-list><score-part id="P1"><part-name>V</part-name></score-part></part-list>
    <measure number="1"><part id="P1"><attributes><divisions>1</divisions></attributes>${xnote('C4', 2, { lyric: 'one' })}</part></measure>
    <measure number="2"><part id="P1">${xnote('D4', 2, { lyric: 'two' })}</part></measure></score-timewise>`;
  const s = parse(xml);
  assert.deepEqual(s.notes.map((n) => [n.lyric, n.start]), [['one', 0], ['two', 1]]);
});

test('.mxl: compressed MusicXML found through META-INF/container.xml', () => {
  const xml = musicXml([xnote('A4', 1, { lyric: 'la' }) + xnote('B4', 1, { lyric: 'ti' })]);
  const s = parseScore(mxl(xml, 'inner/song.musicxml'), 'song.mxl');
  assert.equal(s.source?.format, 'mxl');
  assert.deepEqual(s.notes.map((n) => [n.lyric, n.pitch]), [['la', 69], ['ti', 71]]);
});
