import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { planFromJson, planSong } from '../../src/planner/index.js';
import { loadScore } from '../../src/score/index.js';
import { repoRoot, scoresDir, tempDir } from '../helpers/paths.js';

const FP = 0.005;
const lyrics61a = join(scoresDir, 'musicxml-testsuite', '61a-Lyrics.xml');
const cli = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'cantor.js'), ...args], { encoding: 'utf8' });

test('a real MusicXML score: vowels on onsets, tiling, mid-note pitch within 1 cent', () => {
  const score = loadScore(lyrics61a);
  const plan = planSong(score, { pitch: { drift: 0, jitter: 0, vibrato: { enabled: false } } });
  assert.ok(Math.abs(plan.segments[plan.segments.length - 1].end - score.duration) < 1e-9);
  for (let i = 0; i < plan.segments.length; i++) {
    const s = plan.segments[i];
    assert.ok(s.end > s.start);
    if (i > 0) assert.equal(s.start, plan.segments[i - 1].end);
  }
  for (const n of score.notes) {
    if (n.kind === 'rest') continue;
    if (n.kind === 'syllable' && n.start > 0) {
      const v = plan.segments.find((s) => s.noteIndex === n.index && s.cls === 'vowel');
      assert.ok(v && Math.abs(v.start - n.start) < FP, `note ${n.index} (${n.lyric}) vowel at ${v?.start} vs ${n.start}`);
    }
    const i = Math.round((n.start + n.end) / 2 / FP);
    if (plan.f0[i] > 0) {
      const cents = 1200 * Math.log2(plan.f0[i] / (440 * 2 ** ((n.pitch - 69) / 12)));
      assert.ok(Math.abs(cents) < 1, `note ${n.index}: ${cents} cents`);
    }
  }
});

test('plan command writes the same JSON bytes for the same seed, and a PNG picture', () => {
  const dir = tempDir();
  const a = cli(['plan', lyrics61a, '--out', join(dir, 'a.json'), '--png', join(dir, 'a.png'), '--seed', '5']);
  assert.equal(a.status, 0, a.stderr);
  const b = cli(['plan', lyrics61a, '--out', join(dir, 'b.json'), '--seed', '5']);
  assert.equal(b.status, 0, b.stderr);
  assert.deepEqual(readFileSync(join(dir, 'a.json')), readFileSync(join(dir, 'b.json')));
  const c = cli(['plan', lyrics61a, '--out', join(dir, 'c.json'), '--seed', '6', '--no-vibrato']);
  assert.equal(c.status, 0, c.stderr);
  assert.notDeepEqual(readFileSync(join(dir, 'a.json')), readFileSync(join(dir, 'c.json')));
  const plan = planFromJson(readFileSync(join(dir, 'a.json'), 'utf8'));
  assert.equal(plan.f0.length, Math.floor(plan.duration / FP + 1e-9) + 1);
  const png = PNG.sync.read(readFileSync(join(dir, 'a.png')));
  assert.ok(png.width >= 600 && png.height >= 200);
  // The F0 curve is drawn in red.
  let red = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] > 200 && png.data[i + 1] < 60 && png.data[i + 2] < 60) red++;
  assert.ok(red > 500, `${red} red pixels`);
});

test('plan command: bad input is one error line naming the file, exit 2, no output file', () => {
  const dir = tempDir();
  const bad = join(dir, 'bad.musicxml');
  writeFileSync(bad, '<score-partwise><part id="P1"><measure');
  const r = cli(['plan', bad, '--out', join(dir, 'x.json')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: .*bad\.musicxml/);
  assert.ok(!existsSync(join(dir, 'x.json')));
  const s = cli(['plan', lyrics61a, '--out', join(dir, 'y.json'), '--seed', 'abc']);
  assert.equal(s.status, 2);
  assert.match(s.stderr, /--seed must be an integer/);
  const m = cli(['plan', join(dir, 'missing.xml'), '--out', join(dir, 'z.json')]);
  assert.equal(m.status, 2);
  assert.match(m.stderr, /missing\.xml/);
});
