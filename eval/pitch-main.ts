/**
 * Pitch only, for iterating on the renderer: `node --import tsx eval/pitch-main.ts [--voices slt,kal] [--songs 61a]
 * [--cache DIR] [--floor-factor F] [--keep DIR] [--judge]`. Renders the eval's songs (eval/songs.ts) with the shared voices
 * (cached in DIR between runs, default /tmp/cantor-pitch-voices; a changed builder rebuilds them) and prints Praat's
 * pitch RMSE and per-note median (eval/pitch.ts), and where the squared error sits: by distance from the nearest
 * planned pitch change (a note change in the score), so errors at transitions and in note middles can be told apart.
 * --judge measures the planned F0 played as a plain harmonic tone instead (plannedTone): Praat's own error.
 */
import { mkdirSync } from 'node:fs';
import { writeWavFile } from '../src/audio/wav.js';
import { join } from 'node:path';
import { plannedF0, plannedTone } from '../test/helpers/measure.js';
import { praatPitch } from '../test/helpers/praat.js';
import { tempDir } from '../test/helpers/paths.js';
import { evalPitch, PITCH_TARGETS } from './pitch.js';
import { EVAL_SONGS, EVAL_VOICES, evalVoice, renderSong, type RenderedSong } from './songs.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Distance bins (s) from the nearest pitch change. */
const BINS = [0.025, 0.05, 0.1, 0.2, Infinity];

/** Times where consecutive sung notes change pitch (the score's onsets of the second note). */
function pitchChanges(s: RenderedSong): number[] {
  const notes = s.score.notes.filter((n) => n.kind !== 'rest').sort((a, b) => a.start - b.start);
  const out: number[] = [];
  for (let i = 1; i < notes.length; i++) if (notes[i].pitch !== notes[i - 1].pitch && notes[i].start - notes[i - 1].end < 0.2) out.push(notes[i].start);
  return out;
}

function breakdown(s: RenderedSong, floor: number): { se: number[]; n: number[]; rmse: number; signed: number[] } {
  const pr = praatPitch(s.wav, { floor, ceiling: s.ceiling });
  const changes = pitchChanges(s);
  const se = BINS.map(() => 0);
  const n = BINS.map(() => 0);
  const signed = BINS.map(() => 0);
  let all = 0;
  let frames = 0;
  for (let i = 0; i < pr.time.length; i++) {
    const t = pr.time[i];
    const pf = plannedF0(s.plan, t);
    if (!(pf > 0 && pr.f0[i] > 0)) continue;
    const c = 1200 * Math.log2(pr.f0[i] / pf);
    let d = Infinity;
    for (const x of changes) d = Math.min(d, Math.abs(t - x));
    const b = BINS.findIndex((lim) => d < lim);
    se[b] += c * c;
    n[b]++;
    // Signed error times the direction of the nearest change: > 0 = output behind the plan (lag) near a rise or fall.
    signed[b] += c;
    all += c * c;
    frames++;
  }
  return { se, n, rmse: Math.sqrt(all / frames), signed };
}

async function main(): Promise<void> {
  const voices = (arg('voices')?.split(',') ?? EVAL_VOICES.map((v) => v.name)).map((n) => EVAL_VOICES.find((v) => v.name === n)!);
  const songs = arg('songs')?.split(',').map((p) => EVAL_SONGS.find((s) => s.startsWith(p))!) ?? EVAL_SONGS;
  const cache = arg('cache') ?? '/tmp/cantor-pitch-voices';
  const factor = Number(arg('floor-factor') ?? NaN);
  const dir = arg('keep') ?? tempDir('cantor-pitch-');
  mkdirSync(dir, { recursive: true });
  let pass = 0;
  let total = 0;
  const pooled = { se: BINS.map(() => 0), n: BINS.map(() => 0) };
  for (const v of voices) {
    const voice = evalVoice(v.name, v.language, join(cache, v.name));
    for (const song of songs) {
      const s = renderSong(song, v.name, voice, dir);
      if (Number.isFinite(factor)) {
        let lo = Infinity;
        for (const f of s.plan.f0) if (f > 0) lo = Math.min(lo, f);
        s.floor = Math.max(50, Math.floor(lo * factor));
      }
      if (process.argv.includes('--judge')) {
        // Measure the planned tone instead of the rendering: the judge's share of the error.
        writeWavFile(s.wav, { sampleRate: 16000, samples: plannedTone(s.plan, 16000) });
      }
      const p = evalPitch(s);
      const b = breakdown(s, s.floor);
      total++;
      if (p.rmse <= PITCH_TARGETS.rmseCents) pass++;
      const share = b.se.map((x, i) => `${Math.round((100 * x) / b.se.reduce((a, y) => a + y, 0))}%/${b.n[i]}:${Math.sqrt(x / Math.max(1, b.n[i])).toFixed(1)}`);
      for (let i = 0; i < BINS.length; i++) {
        pooled.se[i] += b.se[i];
        pooled.n[i] += b.n[i];
      }
      console.log(`${v.name.padEnd(10)} ${song.slice(0, 3)} floor ${String(s.floor).padStart(3)}  RMSE ${p.rmse.toFixed(1).padStart(5)} (vs plan ${p.rmseVsPlan.toFixed(1).padStart(5)})  note ${p.medianNote.toFixed(2)}  ` +
        `by distance to a pitch change (<25,<50,<100,<200,rest ms: share/frames:rmse) ${share.join(' ')}`);
    }
  }
  console.log(`RMSE <= ${PITCH_TARGETS.rmseCents}: ${pass} of ${total}`);
  console.log(`pooled RMSE by distance: ${BINS.map((lim, i) => `<${lim * 1000}ms ${Math.sqrt(pooled.se[i] / Math.max(1, pooled.n[i])).toFixed(1)}c (${pooled.n[i]})`).join(', ')}`);
  console.log(`wavs in ${dir}`);
}

await main();
