import type { Note } from '../score/types.js';
import type { PitchParams, VibratoParams } from './options.js';

/** A held pitch: a note and the tied / same-pitch continuation notes after it (vibrato runs on through them). */
export interface HeldSpan {
  first: number;
  last: number;
  start: number;
  end: number;
}

export function heldSpans(notes: Note[]): HeldSpan[] {
  const spans: HeldSpan[] = [];
  for (const n of notes) {
    if (n.kind === 'rest' || Number.isNaN(n.pitch)) continue;
    const prev = spans[spans.length - 1];
    const pn = prev ? notes[prev.last] : undefined;
    if (prev && pn && pn.index === n.index - 1 && n.kind === 'continuation' && pn.pitch === n.pitch && Math.abs(pn.end - n.start) < 1e-6) {
      prev.last = n.index;
      prev.end = n.end;
    } else {
      spans.push({ first: n.index, last: n.index, start: n.start, end: n.end });
    }
  }
  return spans;
}

/** Vibrato depth envelope (0..1) at `rel` seconds into a held span of length `length`. */
function envelope(v: VibratoParams, rel: number, length: number): number {
  if (rel < v.delay) return 0;
  let e = 1;
  if (v.fadeIn > 0 && rel < v.delay + v.fadeIn) e = 0.5 - 0.5 * Math.cos((Math.PI * (rel - v.delay)) / v.fadeIn);
  const left = length - rel;
  if (left <= 0) return 0;
  if (v.fadeOut > 0 && left < v.fadeOut) e *= 0.5 - 0.5 * Math.cos((Math.PI * left) / v.fadeOut);
  return e;
}

/**
 * Adds a sinusoidal vibrato (MIDI units) to each held span that gets one: automatic vibrato on spans at least
 * `minLength` long, or the user's (Note.overrides.vibrato, e.g. UST VBR) on any span. The vibrato starts after
 * `delay`, fades in over `fadeIn` and out over `fadeOut`. `userOnly`: frames where only user vibrato may go.
 */
export function addVibrato(
  midi: Float64Array,
  framePeriod: number,
  notes: Note[],
  settings: PitchParams[],
  userOnly?: Uint8Array,
): void {
  for (const span of heldSpans(notes)) {
    const v = settings[span.first].vibrato;
    const user = notes[span.first].overrides?.vibrato;
    const length = span.end - span.start;
    const on = user ? user.enabled !== false : v.enabled && length >= v.minLength;
    if (!on || v.depth === 0 || v.rate <= 0) continue;
    const from = Math.max(0, Math.ceil((span.start + v.delay) / framePeriod));
    const to = Math.min(midi.length - 1, Math.ceil(span.end / framePeriod) - 1);
    for (let i = from; i <= to; i++) {
      if (!user && userOnly?.[i]) continue;
      const rel = i * framePeriod - span.start;
      const e = envelope(v, rel, length);
      if (e === 0) continue;
      midi[i] += (v.depth / 100) * e * Math.sin(2 * Math.PI * (v.rate * (rel - v.delay) + v.phase));
    }
  }
}
