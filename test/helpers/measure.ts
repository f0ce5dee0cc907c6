/**
 * Measuring a rendered song against its plan, independent of our own analysis: Praat's pitch tracker
 * (test/helpers/praat.ts) gives the output's F0 and voicing. Shared by the render accuracy tests and `npm run eval`.
 *  - pitch: RMSE (cents) between Praat's F0 and the planned F0 on frames both call voiced; median |error| over each
 *    note's middle half (skipping the transitions and vibrato onsets at the note edges).
 *  - timing: each vowel that follows silence or an unvoiced consonant should start voicing where the plan puts it:
 *    Praat's voicing onset (1 ms frames) searched within +-50 ms of the planned onset.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '../../src/audio/wav.js';
import type { Plan } from '../../src/planner/types.js';
import type { Score } from '../../src/score/types.js';
import { tempDir } from './paths.js';
import { praatPitch } from './praat.js';

export function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Planned F0 at time t (linear between frames; 0 if either neighbour is unvoiced). */
export function plannedF0(plan: Plan, t: number): number {
  const x = t / plan.framePeriod;
  const i = Math.floor(x);
  const a = plan.f0[i] ?? 0;
  const b = plan.f0[i + 1] ?? 0;
  return a > 0 && b > 0 ? a + (x - i) * (b - a) : 0;
}

/**
 * The planned F0 itself as sound, with no renderer or vocoder in between: a harmonic tone (harmonics up to 4 kHz,
 * amplitude 1/k, phase integrated per sample from the linearly interpolated plan, silent where unvoiced). What Praat
 * measures on it against the plan is the judge's own error: its window (3 periods of the floor) smooths fast glides.
 */
export function plannedTone(plan: Plan, sampleRate = 16000): Float32Array {
  const n = Math.round(plan.duration * sampleRate);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = plannedF0(plan, i / sampleRate);
    if (!(f > 0)) {
      phase = 0;
      continue;
    }
    phase += (2 * Math.PI * f) / sampleRate;
    let v = 0;
    for (let k = 1; k * f < 4000; k++) v += Math.sin(k * phase) / k;
    out[i] = 0.3 * v;
  }
  return out;
}

/** Praat's F0 of the planned tone (plannedTone), frame for frame as praatPitch gives it for the rendering. */
export function judgedPlan(plan: Plan, floor: number, ceiling: number): Float64Array {
  const dir = tempDir('cantor-judged-');
  try {
    const wav = join(dir, 'plan.wav');
    writeWavFile(wav, { sampleRate: 16000, samples: plannedTone(plan) });
    return praatPitch(wav, { floor, ceiling }).f0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PitchFigures {
  /** RMSE in cents over frames both the plan and Praat call voiced. */
  rmse: number;
  /** Frames both call voiced. */
  frames: number;
  /** Praat frames the plan calls voiced. */
  plannedVoiced: number;
  /** Per sung note (with at least one frame both call voiced): median |error| in cents over its middle half. */
  noteErrors: number[];
  /** Median of noteErrors. */
  medianNote: number;
  /** Notes of the score that are not rests. */
  sungNotes: number;
  /** RMSE in cents against the plan itself, whatever the reference was (equals rmse when reference is 'plan'). */
  rmseVsPlan: number;
}

export interface MeasurePitchOptions {
  /**
   * What the output's F0 is compared with: 'plan' (default), or 'judged-plan': Praat's reading of the planned F0
   * played as a plain tone (judgedPlan), so that Praat's own smoothing of fast glides, which no renderer could avoid,
   * is on both sides. Frames where Praat calls the tone unvoiced but the plan voiced fall back to the plan: no frame
   * is dropped.
   */
  reference?: 'plan' | 'judged-plan';
}

/** Praat's F0 of the rendered WAV against the plan's. floor/ceiling: Praat's pitch range in Hz. */
export function measurePitch(
  plan: Plan,
  score: Score,
  wav: string,
  floor: number,
  ceiling: number,
  opts: MeasurePitchOptions = {},
): PitchFigures {
  const pr = praatPitch(wav, { floor, ceiling });
  const judged = opts.reference === 'judged-plan' ? judgedPlan(plan, floor, ceiling) : undefined;
  let se = 0;
  let sePlan = 0;
  let frames = 0;
  let plannedVoiced = 0;
  for (let i = 0; i < pr.time.length; i++) {
    const pf = plannedF0(plan, pr.time[i]);
    if (pf > 0) plannedVoiced++;
    if (!(pf > 0 && pr.f0[i] > 0)) continue;
    const ref = judged && judged[i] > 0 ? judged[i] : pf;
    const c = 1200 * Math.log2(pr.f0[i] / ref);
    const cp = 1200 * Math.log2(pr.f0[i] / pf);
    se += c * c;
    sePlan += cp * cp;
    frames++;
  }
  const noteErrors: number[] = [];
  let sungNotes = 0;
  for (const note of score.notes) {
    if (note.kind === 'rest') continue;
    sungNotes++;
    const len = note.end - note.start;
    const errs: number[] = [];
    for (let i = 0; i < pr.time.length; i++) {
      const t = pr.time[i];
      if (t < note.start + len / 4 || t > note.end - len / 4) continue;
      const pf = plannedF0(plan, t);
      if (pf > 0 && pr.f0[i] > 0) errs.push(Math.abs(1200 * Math.log2(pr.f0[i] / pf)));
    }
    if (errs.length > 0) noteErrors.push(median(errs));
  }
  return {
    rmse: Math.sqrt(se / frames),
    frames,
    plannedVoiced,
    noteErrors,
    medianNote: median(noteErrors),
    sungNotes,
    rmseVsPlan: Math.sqrt(sePlan / frames),
  };
}

export interface OnsetFigures {
  /** Detected minus planned onset, seconds, per vowel whose onset was found. */
  errors: number[];
  /** Vowels after silence or an unvoiced consonant with no voicing onset within +-50 ms: "phoneme@time". */
  missing: string[];
  /** Median |error| in seconds. */
  medianAbs: number;
}

/** Vowel voicing onsets in the rendered WAV against the planned ones. */
export function measureVowelOnsets(plan: Plan, wav: string, floor: number, ceiling: number): OnsetFigures {
  const pr = praatPitch(wav, { floor, ceiling, timeStep: 0.001 });
  const errors: number[] = [];
  const missing: string[] = [];
  const segs = plan.segments;
  for (let s = 1; s < segs.length; s++) {
    const seg = segs[s];
    const prev = segs[s - 1];
    if (seg.cls !== 'vowel' || prev.voiced || prev.end !== seg.start) continue;
    // Voicing onset: the first voiced Praat frame within +-50 ms whose predecessor is unvoiced.
    let onset = NaN;
    for (let i = 1; i < pr.time.length; i++) {
      const t = pr.time[i];
      if (t < seg.start - 0.05) continue;
      if (t > seg.start + 0.05) break;
      if (pr.f0[i] > 0 && pr.f0[i - 1] === 0) {
        onset = t;
        break;
      }
    }
    if (Number.isFinite(onset)) errors.push(onset - seg.start);
    else missing.push(`${seg.phoneme}@${seg.start.toFixed(3)}`);
  }
  return { errors, missing, medianAbs: median(errors.map(Math.abs)) };
}
