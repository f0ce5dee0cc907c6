import type { Score } from '../score/types.js';
import { DEFAULT_FRAME_PERIOD, frameCount, type PlanOptions } from './options.js';
import { pitchSettingsPerNote } from './note-settings.js';
import { pitchNoise } from './pitch-noise.js';
import { midiToHz } from './shapes.js';
import { addTransitions, type UnvoicedGap } from './transitions.js';
import type { PhonemeSegment } from './types.js';
import { applyUserPitch } from './user-pitch.js';
import { addVibrato } from './vibrato.js';

/** Steady pitch per note; a rest takes the next sung pitch (for the consonants sung in it), else the last. */
function stepCurve(score: Score, frames: number, fp: number): Float64Array {
  const midi = new Float64Array(frames);
  const notes = score.notes;
  const pitchAt: number[] = new Array(notes.length);
  let next = NaN;
  for (let j = notes.length - 1; j >= 0; j--) {
    if (notes[j].kind !== 'rest' && !Number.isNaN(notes[j].pitch)) next = notes[j].pitch;
    pitchAt[j] = notes[j].kind !== 'rest' && !Number.isNaN(notes[j].pitch) ? notes[j].pitch : next;
  }
  let last = NaN;
  for (let j = 0; j < notes.length; j++) {
    if (Number.isNaN(pitchAt[j])) pitchAt[j] = last;
    else last = pitchAt[j];
  }
  let i = 0;
  for (let j = 0; j < notes.length; j++) {
    const end = j === notes.length - 1 ? frames : Math.min(frames, Math.ceil(notes[j].end / fp - 1e-9));
    const v = Number.isNaN(pitchAt[j]) ? 60 : pitchAt[j];
    for (; i < end; i++) midi[i] = v;
  }
  for (; i < frames; i++) midi[i] = last;
  return midi;
}

/** Whether the voice is off during a planned phoneme (unvoiced or silence). */
function voiceOff(s: PhonemeSegment): boolean {
  return !s.voiced || s.cls === 'silence';
}

/** The stretches where the planned phonemes are unvoiced or silent (adjacent segments merged). */
export function unvoicedGaps(segments: PhonemeSegment[]): UnvoicedGap[] {
  const gaps: UnvoicedGap[] = [];
  for (const s of segments) {
    if (!voiceOff(s)) continue;
    const last = gaps[gaps.length - 1];
    if (last && Math.abs(last.end - s.start) < 1e-9) last.end = s.end;
    else gaps.push({ start: s.start, end: s.end });
  }
  return gaps;
}

/**
 * The pitch curve in MIDI units (float) at every frame, voiced or not: steady notes, transitions, vibrato,
 * user pitch points, drift and jitter. With the planned `segments`, a transition over an unvoiced consonant is
 * made while the voice is off (transitions.ts).
 */
export function planPitchMidi(score: Score, opts: PlanOptions = {}, segments: PhonemeSegment[] = []): Float64Array {
  const fp = opts.framePeriod ?? DEFAULT_FRAME_PERIOD;
  const frames = frameCount(score.duration, fp);
  const settings = pitchSettingsPerNote(score.notes, opts);
  const midi = stepCurve(score, frames, fp);
  addTransitions(midi, fp, score.notes, settings, score.tempo, unvoicedGaps(segments));
  const mask = new Uint8Array(frames);
  applyUserPitch(midi, fp, score, mask);
  addVibrato(midi, fp, score.notes, settings, mask);
  // Drift and jitter, scaled by the settings of the note sounding at each frame.
  const noise = pitchNoise(frames, fp, opts.seed ?? 1);
  let j = 0;
  const notes = score.notes;
  for (let i = 0; i < frames; i++) {
    const t = i * fp;
    while (j < notes.length - 1 && notes[j].end <= t) j++;
    if (mask[i]) continue;
    const s = settings[j];
    if (s.drift !== 0 || s.jitter !== 0) midi[i] += (s.drift * noise.drift[i] + s.jitter * noise.jitter[i]) / 100;
  }
  return midi;
}

/** Sets to 0 the frames whose phoneme is unvoiced or silent. */
export function unvoice(f0: Float64Array, segments: PhonemeSegment[], fp: number): void {
  let k = 0;
  for (let i = 0; i < f0.length; i++) {
    const t = i * fp;
    while (k < segments.length - 1 && segments[k].end <= t) k++;
    const s = segments[k];
    if (!s || voiceOff(s)) f0[i] = 0;
  }
}

/** F0 in Hz per frame (0 where the phonemes are unvoiced or silent). */
export function planPitch(score: Score, segments: PhonemeSegment[], opts: PlanOptions = {}): Float64Array {
  const fp = opts.framePeriod ?? DEFAULT_FRAME_PERIOD;
  const midi = planPitchMidi(score, opts, segments);
  const f0 = new Float64Array(midi.length);
  for (let i = 0; i < midi.length; i++) f0[i] = midiToHz(midi[i]);
  unvoice(f0, segments, fp);
  return f0;
}
