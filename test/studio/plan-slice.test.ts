/** A phrase cut from a plan (what the page's worker and `range` renders sing): frames and segments line up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSong } from '../../src/planner/song.js';
import { scoreFromJson } from '../../src/score/index.js';
import { slicePlan } from '../../src/studio/plan-slice.js';

const score = scoreFromJson(JSON.stringify({
  format: 'cantor-score', version: 1, language: 'en', tempo: [{ tick: 0, bpm: 120 }],
  notes: [
    { startTick: 0, endTick: 480, pitch: 60, lyric: 'one' },
    { startTick: 480, endTick: 960, pitch: 64, lyric: 'two' },
    { startTick: 1440, endTick: 1920, pitch: 67, lyric: 'three' },
  ],
}), 'slice.json');
const plan = planSong(score, { seed: 1 });

test('a slice keeps the frames of its span and its segments tile [0, duration]', () => {
  const s = slicePlan(plan, 0.4, 1.2);
  assert.ok(Math.abs(s.duration - 0.8) < 1e-9, `duration ${s.duration}`);
  assert.equal(s.f0.length, Math.round(0.8 / plan.framePeriod) + 1);
  const first = Math.round(0.4 / plan.framePeriod);
  for (const k of ['f0', 'loudness', 'breathiness', 'tension', 'formant'] as const) {
    for (let i = 0; i < s[k].length; i++) assert.equal(s[k][i], plan[k][first + i], `${k}[${i}]`);
  }
  assert.equal(s.segments[0].start, 0);
  assert.equal(s.segments[s.segments.length - 1].end, s.duration);
  for (let i = 1; i < s.segments.length; i++) assert.ok(Math.abs(s.segments[i].start - s.segments[i - 1].end) < 1e-9);
  // The segment sung at 0.75 s of the song is the one at 0.35 s of the slice.
  const at = (segs: typeof plan.segments, t: number) => segs.find((g) => g.start <= t && t < g.end)?.phoneme;
  assert.equal(at(s.segments, 0.35), at(plan.segments, 0.75));
});

test('a slice is clamped to the plan; an empty span is one frame long', () => {
  const s = slicePlan(plan, -3, 99);
  assert.equal(s.f0.length, plan.f0.length);
  assert.ok(Math.abs(s.duration - plan.duration) < plan.framePeriod);
  const e = slicePlan(plan, 1, 1);
  assert.equal(e.duration, plan.framePeriod);
  assert.ok(e.segments.length >= 1);
});
