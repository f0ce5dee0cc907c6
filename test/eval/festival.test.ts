/**
 * The Festival side by side harness (eval/festival.ts): the SINGING XML it writes for a score, and a run of
 * `text2wave -mode singing` whose output Praat can measure note by note. No claim about Festival's quality: only that
 * the harness gives it the right words, times and pitches and measures what comes back.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { festivalSingingXml, measureAgainstNotes, pitchRange, runFestivalSinging } from '../../eval/festival.js';
import { transposeScore } from '../../src/render/score-edits.js';
import { loadScore } from '../../src/score/index.js';
import { scoresDir, tempDir } from '../helpers/paths.js';

const suite = (f: string) => loadScore(join(scoresDir, 'musicxml-testsuite', f));

test('SINGING XML: a word per DURATION/PITCH, slurred notes joined by +, rests after their word', () => {
  const xml = festivalSingingXml(suite('61h-Lyrics-BeamsMelismata.xml'));
  const words = [...xml.matchAll(/<DURATION SECONDS="([^"]+)"><PITCH FREQ="([^"]+)">([^<]+)<\/PITCH><\/DURATION>/g)];
  assert.equal(words.length, 4);
  for (const [, secs, freqs, text] of words) {
    assert.equal(text, 'Melisma');
    // Me (C5 A4 C5) - lis (A4) - ma (C5 G4 B4), quavers at 120 bpm.
    assert.equal(secs, '0.250+0.250+0.250,0.250,0.250+0.250+0.250');
    assert.equal(freqs, '523.25+440.00+523.25,440.00,523.25+392.00+493.88');
  }
  assert.equal((xml.match(/<REST SECONDS="0.250"><\/REST>/g) ?? []).length, 4);
});

test('Festival sings 61a and 61h: the audio lasts the score and Praat measures every note', () => {
  const dir = tempDir('cantor-festival-');
  try {
    for (const [song, key] of [['61a-Lyrics.xml', -12], ['61h-Lyrics-BeamsMelismata.xml', -12]] as const) {
      const score = transposeScore(suite(song), key);
      const wav = join(dir, 'out.wav');
      const { audio, taken } = runFestivalSinging(score, join(dir, 'in.xml'), wav);
      const seconds = audio.samples.length / audio.sampleRate;
      const { floor, ceiling } = pitchRange(score);
      const m = measureAgainstNotes(score, wav, floor, ceiling);
      console.log(`${song}: ${seconds.toFixed(2)} s of audio (score ${score.duration.toFixed(2)} s) in ${taken.toFixed(2)} s; ` +
        `${m.noteErrors.length}/${m.sungNotes} notes measured, per-note median ${m.medianNote.toFixed(1)} c, RMSE ${m.rmse.toFixed(1)} c`);
      assert.ok(Math.abs(seconds - score.duration) < 0.1 * score.duration, `${song}: ${seconds.toFixed(2)} s for a ${score.duration} s score`);
      assert.equal(m.noteErrors.length, m.sungNotes, `${song}: only ${m.noteErrors.length} of ${m.sungNotes} notes have a voiced middle`);
      if (song === '61a-Lyrics.xml') {
        // One pitch throughout (A3 here): a wrong unit or octave in the harness would show as hundreds of cents.
        assert.ok(m.medianNote < 50, `61a: per-note median ${m.medianNote.toFixed(1)} cents off the written A`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
