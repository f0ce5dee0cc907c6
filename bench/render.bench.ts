/**
 * Render speed: times faster than real time (song duration / render time, one core, best of 3) for the bundled song
 * and for a 3-minute song made by repeating it, sung by the default voice (slt, 32 kHz); planning is not timed (it
 * has its own bench), voice building neither (it is cached). Also the same 3-minute song at 44.1 kHz output, and the
 * process's peak RSS beside its RSS before rendering (the renderer synthesizes in ~8 s chunks, so it adds little).
 */
import { join } from 'node:path';
import { planSong } from '../src/planner/index.js';
import type { Plan } from '../src/planner/types.js';
import { defaultVoice } from '../src/render/default-voice.js';
import { render } from '../src/render/render.js';
import { loadScore } from '../src/score/index.js';
import type { Score } from '../src/score/types.js';
import type { Voice } from '../src/voice/types.js';

const root = join(import.meta.dirname, '..');

/** The score repeated until it lasts at least `seconds`. */
function repeatScore(score: Score, seconds: number): Score {
  const times = Math.ceil(seconds / score.duration);
  const notes: Score['notes'] = [];
  for (let r = 0; r < times; r++) {
    const dt = r * score.duration;
    for (const n of score.notes) notes.push({ ...n, index: notes.length, start: n.start + dt, end: n.end + dt });
  }
  return { ...score, notes, duration: score.duration * times };
}

function time(plan: Plan, voice: Voice, sampleRate?: number): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    render(plan, voice, { seed: 1, sampleRate });
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

export default async function main(): Promise<void> {
  const { voice } = defaultVoice();
  const song = loadScore(join(root, 'assets', 'songs', 'twinkle.musicxml'));
  const opts = { consonantDurations: voice.stats.consonantDurations };
  const short = planSong(song, opts);
  const long = planSong(repeatScore(song, 180), opts);
  const before = process.memoryUsage().rss / 2 ** 20;
  const t1 = time(short, voice);
  console.log(`bundled song (${short.duration.toFixed(1)} s, ${voice.sampleRate} Hz): ${(short.duration / t1).toFixed(1)}x faster than real time (${(t1 * 1000).toFixed(0)} ms)`);
  const t2 = time(long, voice);
  console.log(`3-minute song (${long.duration.toFixed(1)} s, ${voice.sampleRate} Hz): ${(long.duration / t2).toFixed(1)}x faster than real time (${t2.toFixed(2)} s)`);
  const t3 = time(long, voice, 44100);
  console.log(`3-minute song resampled to 44.1 kHz: ${(long.duration / t3).toFixed(1)}x faster than real time (${t3.toFixed(2)} s)`);
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB ` +
      `(${before.toFixed(0)} MB before rendering: lyrics front end, score, voice and plans loaded)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
