import type { Note, PitchPoint, Score } from '../score/types.js';
import { pitchSegmentShape } from './shapes.js';

/**
 * Replaces the curve (MIDI units) by the user's pitch points where they are given: Score.curves.pitch over
 * its first..last point, and each note's overrides.pitchPoints over their first..last point (a single point
 * holds over the note). Between points the segment shape is the later point's (UTAU PBM). Marks the frames
 * it wrote in `mask` (the automatic vibrato, drift and jitter stay off there).
 */
export function applyUserPitch(midi: Float64Array, framePeriod: number, score: Score, mask: Uint8Array): void {
  const global = score.curves.pitch;
  if (global && global.length > 0) writePoints(midi, framePeriod, sortPoints(global), mask);
  for (const n of score.notes) {
    const pts = n.overrides?.pitchPoints;
    if (!pts || pts.length === 0 || n.kind === 'rest') continue;
    const sorted = sortPoints(pts);
    if (sorted.length === 1) writeConstant(midi, framePeriod, n, sorted[0].pitch, mask);
    else writePoints(midi, framePeriod, sorted, mask);
  }
}

function sortPoints(pts: PitchPoint[]): PitchPoint[] {
  return pts.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.pitch)).sort((a, b) => a.time - b.time);
}

function writeConstant(midi: Float64Array, fp: number, n: Note, pitch: number, mask: Uint8Array): void {
  const from = Math.max(0, Math.ceil(n.start / fp));
  const to = Math.min(midi.length - 1, Math.ceil(n.end / fp) - 1);
  for (let i = from; i <= to; i++) {
    midi[i] = pitch;
    mask[i] = 1;
  }
}

function writePoints(midi: Float64Array, fp: number, pts: PitchPoint[], mask: Uint8Array): void {
  if (pts.length === 0) return;
  const from = Math.max(0, Math.ceil(pts[0].time / fp));
  const to = Math.min(midi.length - 1, Math.floor(pts[pts.length - 1].time / fp));
  let k = 0;
  for (let i = from; i <= to; i++) {
    const t = i * fp;
    while (k < pts.length - 2 && pts[k + 1].time <= t) k++;
    const a = pts[k];
    const b = pts[Math.min(k + 1, pts.length - 1)];
    const span = b.time - a.time;
    const u = span > 0 ? (t - a.time) / span : 1;
    midi[i] = a.pitch + (b.pitch - a.pitch) * pitchSegmentShape(b.shape, u);
    mask[i] = 1;
  }
}
