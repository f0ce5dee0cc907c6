import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScore } from '../../src/score/index.js';
import { repoRoot, scoresDir, tempDir } from '../helpers/paths.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'cantor.js'), ...args], { encoding: 'utf8' });
const xml = join(scoresDir, 'musicxml-testsuite', '61b-MultipleLyrics.xml');

test('score inspect prints a table for the chosen verse', () => {
  const r = cli('score', 'inspect', xml, '--verse', '3');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^#\s+start\s+end\s+pitch\s+lyric\s+phonemes\s+flags$/);
  assert.match(lines[2], /^0\s+0\.000\s+0\.500\s+G4\s+3\.TRA\s+T R/);
  assert.match(r.stdout, /verse 3/);
});

test('score convert writes JSON and MIDI atomically; bad input exits 2 with one error line', () => {
  const dir = tempDir();
  const json = join(dir, 'out.json');
  const mid = join(dir, 'out.mid');
  assert.equal(cli('score', 'convert', xml, json, '--verse', '2').status, 0);
  assert.equal(cli('score', 'convert', json, mid).status, 0);
  assert.deepEqual(loadScore(mid).notes.map((n) => n.lyric), loadScore(xml, { verse: 2 }).notes.map((n) => n.lyric));
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).format, 'cantor-score');
  const bad = cli('score', 'convert', xml, join(dir, 'x.json'), '--verse', '9');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^error: .*61b-MultipleLyrics\.xml: no verse 9/);
  assert.ok(!existsSync(join(dir, 'x.json')));
  assert.equal(cli('score', 'convert', xml, join(dir, 'x.wav')).status, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['out.json', 'out.mid']);
});
