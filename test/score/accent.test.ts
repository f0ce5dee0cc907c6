import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScore, scoreFromJson, scoreToJson } from '../../src/score/index.js';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<score-partwise version="3.1"><part-list><score-part id="P1"><part-name>Voice</part-name></score-part></part-list>
<part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes>
<note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric><text>la</text></lyric></note>
<note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration>
  <notations><articulations><accent/></articulations></notations><lyric><text>la</text></lyric></note>
<note><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration>
  <notations><articulations><strong-accent type="up"/></articulations></notations><lyric><text>la</text></lyric></note>
</measure></part></score-partwise>`;

test('MusicXML accents and strong accents reach the Score and survive the JSON round trip', () => {
  const score = parseScore(new TextEncoder().encode(xml), 'accents.musicxml');
  const sung = score.notes.filter((n) => n.kind !== 'rest');
  assert.deepEqual(
    sung.map((n) => n.accent),
    [undefined, 'accent', 'strong'],
  );
  const back = scoreFromJson(scoreToJson(score), 'accents.json');
  assert.deepEqual(
    back.notes.filter((n) => n.kind !== 'rest').map((n) => n.accent),
    [undefined, 'accent', 'strong'],
  );
});
