import { bpmAt } from '../score/tempo-map.js';
import type { Note, TempoEvent } from '../score/types.js';
import type { PitchParams } from './options.js';
import { bump, sCurve } from './shapes.js';

/** Longest part of a note that a transition (with its overshoot or preparation) may take, per side. */
const MAX_SHARE = 0.45;
const OVERSHOOT_RETURN = 0.08;
const PREPARATION_LEAD = 0.06;

/**
 * Transition length before the note-length limit: longer for wide intervals (about 0.9x at a tone, 1.6x at an
 * octave) and slow tempi (sqrt(120 / bpm), within 0.75x..1.25x).
 */
export function transitionLength(base: number, semitones: number, bpm = 120): number {
  const interval = Math.min(1.6, Math.max(0.8, 0.7 + 0.1 * Math.abs(semitones)));
  const tempo = Math.min(1.25, Math.max(0.75, Math.sqrt(120 / bpm)));
  return base * interval * tempo;
}

/** A stretch of time with no voicing (unvoiced consonants, silence), seconds. */
export interface UnvoicedGap {
  start: number;
  end: number;
}

/**
 * Where a transition into a note at `onset` is centred. With no voicing just before the onset (an unvoiced consonant
 * cluster: the 'cs' of "lyrics | of"), the singer's larynx moves while the voice is off, and the vowel starts at or
 * near its pitch: the glide is laid in the gap, finishing as voicing returns when the gap is long enough, else
 * centred in it. Centred on the onset, half of a wide leap would be heard as a fast slide at the vowel's start.
 */
function transitionCentre(onset: number, T: number, gaps: UnvoicedGap[]): number {
  const g = gaps.find((x) => x.start < onset - 1e-9 && x.end >= onset - 0.25 * T && x.end <= onset + 1e-9);
  if (!g) return onset;
  const c = g.end - g.start >= T ? g.end - 0.5 * T : 0.5 * (g.start + g.end);
  return Math.min(onset, c);
}

/**
 * Adds, to a stepwise pitch curve (MIDI units per frame), the glide between every two adjacent notes of
 * different pitch: an S-shaped portamento centred on the onset, a small preparation the other way before it
 * and an overshoot after it (the pitch targets of a real singer: cf. Saitou et al. 2005, "Development of an F0
 * control model based on F0 dynamic characteristics for singing-voice synthesis"). Each side stays within 45 % of
 * its note, so every note's middle is left at its pitch: a glide that does not fit the next note starts earlier, and
 * shorter notes on both sides (faster tempo) get shorter glides.
 * Where the voice is off just before the onset (`gaps`), the glide moves into that gap (transitionCentre).
 */
export function addTransitions(
  midi: Float64Array,
  framePeriod: number,
  notes: Note[],
  settings: PitchParams[],
  tempo: TempoEvent[] = [],
  gaps: UnvoicedGap[] = [],
): void {
  for (let j = 1; j < notes.length; j++) {
    const p = notes[j - 1];
    const q = notes[j];
    if (p.kind === 'rest' || q.kind === 'rest' || Number.isNaN(p.pitch) || Number.isNaN(q.pitch)) continue;
    if (Math.abs(p.end - q.start) > 1e-6) continue;
    const delta = q.pitch - p.pitch;
    if (delta === 0) continue;
    const set = settings[q.index];
    const bpm = tempo.length > 0 ? bpmAt(tempo, q.startTick) : 120;
    let T = q.overrides?.portamento !== undefined ? set.portamento : transitionLength(set.portamento, delta, bpm);
    const sign = Math.sign(delta);
    const cents = Math.abs(delta) * 100;
    const ov = (sign * Math.min(set.overshootMax, set.overshoot * cents)) / 100;
    const prep = (-sign * Math.min(set.preparationMax, set.preparation * cents)) / 100;
    let dov = ov !== 0 ? OVERSHOOT_RETURN : 0;
    let dprep = prep !== 0 ? PREPARATION_LEAD : 0;
    // Each side of the onset may give 45 % of its note. A glide too long for the next note starts earlier, in the
    // previous one (a singer leaping into a short note moves during the consonant before it), and shrinks only when
    // the two shares together are too short.
    const shareP = MAX_SHARE * (p.end - p.start);
    const shareQ = MAX_SHARE * (q.end - q.start);
    const k = Math.min(1, shareP / (0.5 * T + dprep), (shareP + shareQ) / (T + dprep + dov));
    T *= k;
    dov *= k;
    dprep *= k;
    if (T <= 0) continue;
    // The glide's centre: the onset, or earlier (an unvoiced gap, a short next note), no further than the previous note's share allows.
    const room = Math.max(0, shareP - (0.5 * T + dprep));
    const early = Math.max(0.5 * T + dov - shareQ, q.start - transitionCentre(q.start, T, gaps));
    const centre = q.start - Math.min(room, early);
    const t0 = centre - 0.5 * T;
    const t1 = centre + 0.5 * T;
    const ovStart = centre + 0.25 * T;
    const ovEnd = t1 + dov;
    const prepStart = t0 - dprep;
    const prepEnd = centre - 0.25 * T;
    const from = Math.max(0, Math.ceil(prepStart / framePeriod));
    const to = Math.min(midi.length - 1, Math.floor(Math.max(ovEnd, q.start) / framePeriod));
    for (let i = from; i <= to; i++) {
      const t = i * framePeriod;
      // The step curve changes pitch at the note's start; the glide replaces that step.
      let d = delta * (sCurve((t - t0) / T) - (t >= q.start ? 1 : 0));
      if (ov !== 0) d += ov * bump((t - ovStart) / (ovEnd - ovStart));
      if (prep !== 0) d += prep * bump((t - prepStart) / (prepEnd - prepStart));
      midi[i] += d;
    }
  }
}
