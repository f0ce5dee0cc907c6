/**
 * Edits a whole score before planning, as `sing --key` and `--tempo` ask: transposition (every note, the user's pitch
 * points) and a tempo factor (every time divided by it; ticks are musical positions and stay). Pure: new objects.
 */
import type { CurvePoint, PitchPoint, Score } from '../score/types.js';

/** The score `semitones` higher (negative: lower). */
export function transposeScore(score: Score, semitones: number): Score {
  if (semitones === 0) return score;
  const up = (p: PitchPoint): PitchPoint => ({ ...p, pitch: p.pitch + semitones });
  return {
    ...score,
    notes: score.notes.map((n) => ({
      ...n,
      pitch: n.pitch + semitones,
      overrides: n.overrides?.pitchPoints ? { ...n.overrides, pitchPoints: n.overrides.pitchPoints.map(up) } : n.overrides,
    })),
    curves: { ...score.curves, pitch: score.curves.pitch?.map(up) },
  };
}

/** The score played `factor` times as fast (2 = twice as fast, half as long). */
export function scaleTempo(score: Score, factor: number): Score {
  if (factor === 1) return score;
  const t = (x: number) => x / factor;
  const pts = <P extends CurvePoint | PitchPoint>(l: P[] | undefined): P[] | undefined => l?.map((p) => ({ ...p, time: t(p.time) }));
  const c = score.curves;
  return {
    ...score,
    notes: score.notes.map((n) => ({
      ...n,
      start: t(n.start),
      end: t(n.end),
      overrides: n.overrides?.pitchPoints ? { ...n.overrides, pitchPoints: pts(n.overrides.pitchPoints) } : n.overrides,
    })),
    tempo: score.tempo.map((e) => ({ ...e, time: t(e.time), bpm: e.bpm * factor })),
    duration: t(score.duration),
    curves: {
      pitch: pts(c.pitch),
      loudness: pts(c.loudness),
      breathiness: pts(c.breathiness),
      tension: pts(c.tension),
      formant: pts(c.formant),
    },
  };
}
