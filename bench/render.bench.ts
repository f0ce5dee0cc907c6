/**
 * Render speed, streaming latency and memory, on one core, with the default voice (slt, 32 kHz; building it is cached
 * and not timed, planning neither: it has its own bench):
 *  - times faster than real time (song duration / render time, best of 3) for the bundled song and a 3-minute song
 *    made by repeating it, at the voice's rate and at 44.1 kHz (the CLI's default output);
 *  - the streamed render of the 3-minute song at 44.1 kHz: time from the call to the first chunk, and its total speed;
 *  - peak RSS of a standalone process (node, the modules, the voice, the plan) that renders the 3-minute song at
 *    44.1 kHz whole or streamed, beside one that only loads and plans: what rendering itself adds. The child reads
 *    the voice file that the parent made sure is cached, as `cantor sing --voice FILE` would: a child that had to
 *    build the voice would measure the build (~420 MB), not the render. Each figure is the median of 3 processes.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSong } from '../src/planner/index.js';
import type { Plan } from '../src/planner/types.js';
import { defaultVoice } from '../src/render/default-voice.js';
import { render, renderStream } from '../src/render/render.js';
import { loadScore } from '../src/score/index.js';
import type { Score } from '../src/score/types.js';
import type { Voice } from '../src/voice/types.js';
import { readVoiceFile } from '../src/voice/voice-file.js';

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

/** Streamed render: seconds to the first chunk and in all (best of 3 each). */
function timeStream(plan: Plan, voice: Voice, sampleRate: number): { first: number; total: number } {
  let first = Infinity;
  let total = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const st = renderStream(plan, voice, { seed: 1, sampleRate });
    let t1 = 0;
    for (const _ of st.chunks) if (t1 === 0) t1 = performance.now();
    first = Math.min(first, t1 - t0);
    total = Math.min(total, performance.now() - t0);
  }
  return { first: first / 1000, total: total / 1000 };
}

function songs(voiceFile?: string): { voice: Voice; voicePath: string; short: Plan; long: Plan } {
  const { voice, path: voicePath } = voiceFile ? { voice: readVoiceFile(voiceFile), path: voiceFile } : defaultVoice();
  const song = loadScore(join(root, 'assets', 'songs', 'twinkle.musicxml'));
  const opts = { consonantDurations: voice.stats.consonantDurations };
  return { voice, voicePath, short: planSong(song, opts), long: planSong(repeatScore(song, 180), opts) };
}

/** In a child process: read the voice file, plan, and render the 3-minute song as `mode` says; prints its peak RSS (MB). */
function memoryChild(mode: string, voiceFile: string): void {
  const { voice, long } = songs(voiceFile);
  if (mode === 'whole') render(long, voice, { seed: 1, sampleRate: 44100 });
  else if (mode === 'stream') for (const _ of renderStream(long, voice, { seed: 1, sampleRate: 44100 }).chunks);
  console.log(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Median peak RSS (MB) of 3 child processes in `mode`. */
function peakRss(mode: string, voiceFile: string): number {
  const self = fileURLToPath(import.meta.url);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--memory', mode, voiceFile], { cwd: root }).toString();
    runs.push((JSON.parse(out.trim().split('\n').pop()!) as { peakMb: number }).peakMb);
  }
  return runs.sort((a, b) => a - b)[1];
}

export default async function main(): Promise<void> {
  const { voice, voicePath, short, long } = songs();
  const t1 = time(short, voice);
  console.log(`bundled song (${short.duration.toFixed(1)} s, ${voice.sampleRate} Hz): ${(short.duration / t1).toFixed(1)}x faster than real time (${(t1 * 1000).toFixed(0)} ms)`);
  const t2 = time(long, voice);
  console.log(`3-minute song (${long.duration.toFixed(1)} s, ${voice.sampleRate} Hz): ${(long.duration / t2).toFixed(1)}x faster than real time (${t2.toFixed(2)} s)`);
  const t3 = time(long, voice, 44100);
  console.log(`3-minute song at 44.1 kHz: ${(long.duration / t3).toFixed(1)}x faster than real time (${t3.toFixed(2)} s)`);
  const s = timeStream(long, voice, 44100);
  console.log(`3-minute song streamed at 44.1 kHz: first audio after ${(s.first * 1000).toFixed(0)} ms, ` +
    `${(long.duration / s.total).toFixed(1)}x faster than real time in all (${s.total.toFixed(2)} s)`);
  const base = peakRss('plan', voicePath);
  const whole = peakRss('whole', voicePath);
  const stream = peakRss('stream', voicePath);
  console.log(`peak RSS of a standalone process, 3-minute song at 44.1 kHz: render ${whole.toFixed(0)} MB, streamed ${stream.toFixed(0)} MB ` +
    `(${base.toFixed(0)} MB loading the modules and the voice file and planning without rendering; median of 3 processes each)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--memory');
  if (i >= 0) memoryChild(process.argv[i + 1], process.argv[i + 2]);
  else await main();
}
