/**
 * Planning a 5-minute song: ~1,500 notes (syllables with consonant clusters, melismas, rests, tempo 150 bpm),
 * full planSong (durations, F0 with vibrato/drift/jitter, dynamics) on 5 ms frames. Target: well under 50 ms.
 */
import type { Phoneme } from '../src/lyrics/types.js';
import { planSong } from '../src/planner/index.js';
import type { Note, Score } from '../src/score/types.js';

function song(): Score {
  const syll: Phoneme[][] = [
    [{ symbol: 'L', cls: 'liquid', voiced: true }, { symbol: 'AA', cls: 'vowel', voiced: true }],
    [{ symbol: 'S', cls: 'fricative', voiced: false }, { symbol: 'T', cls: 'plosive', voiced: false }, { symbol: 'R', cls: 'liquid', voiced: true }, { symbol: 'IY', cls: 'vowel', voiced: true }, { symbol: 'M', cls: 'nasal', voiced: true }],
    [{ symbol: 'D', cls: 'plosive', voiced: true }, { symbol: 'EH', cls: 'vowel', voiced: true }, { symbol: 'N', cls: 'nasal', voiced: true }, { symbol: 'S', cls: 'fricative', voiced: false }],
    [{ symbol: 'OW', cls: 'vowel', voiced: true }],
  ];
  const bpm = 150;
  const beat = 60 / bpm;
  const notes: Note[] = [];
  let t = 0;
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const durations = [0.5, 0.5, 0.5, 0.25, 0.25, 1, 0.5];
  let pitch = 62;
  while (t < 300) {
    const i = notes.length;
    const d = durations[Math.floor(rnd() * durations.length)] * beat;
    let kind: Note['kind'] = 'syllable';
    if (i % 16 === 15) kind = 'rest';
    else if (i > 0 && notes[i - 1].kind !== 'rest' && rnd() < 0.15) kind = 'continuation';
    pitch = Math.min(74, Math.max(55, pitch + Math.round((rnd() - 0.5) * 6)));
    notes.push({
      index: i, kind, start: t, end: t + d, startTick: 0, endTick: 0,
      pitch: kind === 'rest' ? NaN : pitch, lyric: '',
      phonemes: kind === 'syllable' ? syll[i % syll.length] : [], velocity: 70 + (i % 30),
    });
    t += d;
  }
  return { language: 'en', notes, tempo: [{ tick: 0, time: 0, bpm }], duration: t, curves: {}, warnings: [] };
}

export default function bench(): void {
  const score = song();
  for (let k = 0; k < 5; k++) planSong(score, { seed: k }); // warm up the JIT
  const times: number[] = [];
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  let segments = 0;
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    const plan = planSong(score, { seed: k });
    times.push(performance.now() - t0);
    segments = plan.segments.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`planSong: ${score.notes.length} notes (${segments} phonemes), ${score.duration.toFixed(0)} s of song, ${Math.round(score.duration / 0.005)} frames`);
  console.log(`  median ${median.toFixed(1)} ms (best ${times[0].toFixed(1)} ms, worst ${times[times.length - 1].toFixed(1)} ms) = ${Math.round(score.duration / (median / 1000))}x faster than real time`);
  console.log(`  heap growth during the runs: ${((peak - heap0) / 1048576).toFixed(1)} MiB (each plan holds 5 curves x ${Math.round(score.duration / 0.005)} frames x 8 B = ${((5 * 8 * score.duration) / 0.005 / 1048576).toFixed(1)} MiB)`);
}
