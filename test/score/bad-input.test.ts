/** Bad input of every kind: a clear UserError naming the file (and the place where known), never a crash or hang. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/errors.js';
import { loadScore, parseScore } from '../../src/score/index.js';
import { tempDir } from '../helpers/paths.js';
import { musicXml, mxl, noteEvents, smf, track, xnote } from './fixtures.js';

const enc = (s: string) => new TextEncoder().encode(s);

function userError(fn: () => unknown, file: string, message: RegExp, where?: string): void {
  const started = Date.now();
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof UserError, `expected a UserError, got ${String(caught)}`);
  assert.equal(caught.file, file);
  assert.match(caught.message, message);
  if (where !== undefined) assert.equal(caught.where, where);
  assert.ok(Date.now() - started < 2000, 'answered quickly');
}

test('truncated .mxl', () => {
  const whole = mxl(musicXml([xnote('C4', 1, { lyric: 'a' })]));
  for (const cut of [10, Math.floor(whole.length / 2), whole.length - 5]) {
    userError(() => parseScore(whole.subarray(0, cut), 'cut.mxl'), 'cut.mxl', /not a readable \.mxl \(ZIP\) archive|holds no MusicXML/);
  }
});

test('XML that is not MusicXML, and malformed XML with its line', () => {
  userError(() => parseScore(enc('<?xml version="1.0"?>\n<svg><rect/></svg>'), 'pic.xml'), 'pic.xml', /not MusicXML: the root element is <svg>/);
  userError(() => parseScore(enc('<score-partwise>\n<part id="P1">\n<measure>\n</part>\n</score-partwise>'), 'broken.musicxml'), 'broken.musicxml', /malformed XML/, 'line 4');
  userError(() => parseScore(enc('not xml at all'), 'text.xml'), 'text.xml', /malformed XML/);
});

test('MusicXML problems name the measure', () => {
  const xml = musicXml([xnote('C4', 1, { lyric: 'a' }), '<note><pitch><step>H</step><octave>4</octave></pitch><duration>1</duration></note>']);
  userError(() => parseScore(enc(xml), 'h.xml'), 'h.xml', /bad <step> "H"/, 'measure 2');
  const noDur = musicXml([xnote('C4', 1) , '<note><pitch><step>C</step><octave>4</octave></pitch></note>']);
  userError(() => parseScore(enc(noDur), 'd.xml'), 'd.xml', /no <duration>/, 'measure 2');
  const back = musicXml([xnote('C4', 1) + '<backup><duration>8</duration></backup>']);
  userError(() => parseScore(enc(back), 'b.xml'), 'b.xml', /<backup> goes back before the start/, 'measure 1');
});

test('a MIDI file with a bad header, a corrupt one, one without notes', () => {
  const good = smf(0, 480, [track(noteEvents([{ tick: 0, dur: 480, key: 60, lyric: 'a' }]))]);
  const badId = good.slice();
  badId.set(enc('RIFF'), 0);
  userError(() => parseScore(badId, 'x.mid'), 'x.mid', /not a MIDI file: bad header/);
  const badFormat = good.slice();
  badFormat[9] = 7;
  userError(() => parseScore(badFormat, 'f.mid'), 'f.mid', /unknown format 7/);
  userError(() => parseScore(good.subarray(0, 10), 't.mid'), 't.mid', /bad header/);
  const corrupt = good.slice();
  corrupt.set(enc('XXXX'), 14);
  userError(() => parseScore(corrupt, 'c.mid'), 'c.mid', /corrupt MIDI/);
  const empty = smf(1, 480, [track([]), track([])]);
  userError(() => parseScore(empty, 'e.mid'), 'e.mid', /no notes to sing/);
});

test('a score with no notes (only rests), an empty file, an unknown format, a missing file', () => {
  userError(() => parseScore(enc(musicXml([xnote(null, 4)])), 'rests.xml'), 'rests.xml', /no notes to sing in part P1, voice 1/);
  userError(() => parseScore(enc('[#SETTING]\nTempo=120\n[#0000]\nLength=480\nLyric=R\nNoteNum=60\n'), 'r.ust'), 'r.ust', /no notes to sing/);
  userError(() => parseScore(new Uint8Array(0), 'empty.mid'), 'empty.mid', /empty/);
  userError(() => parseScore(enc('hello'), 'notes.txt'), 'notes.txt', /unknown score format/);
  const dir = tempDir();
  userError(() => loadScore(join(dir, 'nope.xml')), join(dir, 'nope.xml'), /no such file/);
  const sniff = join(dir, 'noext');
  writeFileSync(sniff, smf(0, 480, [track(noteEvents([{ tick: 0, dur: 480, key: 60, lyric: 'la' }]))]));
  assert.equal(loadScore(sniff).source?.format, 'midi');
});

test('truncated files at many cut points: a Score or a UserError, never anything else, never slow', async () => {
  const { readFileSync } = await import('node:fs');
  const { scoresDir } = await import('../helpers/paths.js');
  const xml = readFileSync(join(scoresDir, 'musicxml-testsuite', '61d-Lyrics-Melisma.xml'));
  const mid = smf(1, 480, [track([]), track(noteEvents([{ tick: 0, dur: 480, key: 60, lyric: 'a' }, { tick: 480, dur: 480, key: 62, lyric: 'b' }]))]);
  const ust = enc('[#SETTING]\nTempo=120\n[#0000]\nLength=480\nLyric=a\nNoteNum=60\nPBS=-40;5\nPBW=80\nVBR=50,200,30,20,10,0,0\n[#0001]\nLength=480\nLyric=R\n');
  const t0 = Date.now();
  for (const [bytes, name] of [[xml, 'c.xml'], [mid, 'c.mid'], [ust, 'c.ust']] as const) {
    const step = Math.max(1, Math.floor(bytes.length / 60));
    for (let cut = 0; cut < bytes.length; cut += step) {
      try {
        const s = parseScore(bytes.subarray(0, cut), name);
        assert.ok(s.notes.length > 0);
      } catch (e) {
        assert.ok(e instanceof UserError, `${name} cut at ${cut}: ${String(e)}`);
        assert.equal(e.file, name);
        // Not the catch-all for unexpected exceptions: each reader saw the problem itself.
        assert.doesNotMatch(e.message, /^could not read/, `${name} cut at ${cut}: ${e.message}`);
      }
    }
  }
  assert.ok(Date.now() - t0 < 10_000);
});
