const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const STEPS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** "C4" for 60, "A4+25c" for 69.25 (cents shown when the pitch is not a whole semitone); "-" for NaN. */
export function pitchName(pitch: number): string {
  if (!Number.isFinite(pitch)) return '-';
  const semis = Math.round(pitch - 1e-9);
  const cents = Math.round((pitch - semis) * 100);
  const name = `${NAMES[((semis % 12) + 12) % 12]}${Math.floor(semis / 12) - 1}`;
  return cents === 0 ? name : `${name}${cents > 0 ? '+' : ''}${cents}c`;
}

/** Parses "C4", "F#3", "Bb5", "A4+25c" into a float MIDI note number; undefined if it is not one. */
export function parsePitchName(text: string): number | undefined {
  const m = /^([A-Ga-g])(#|b|##|bb|x)?(-?\d+)(?:([+-]\d+(?:\.\d+)?)c)?$/.exec(text.trim());
  if (!m) return undefined;
  const acc = { '#': 1, b: -1, '##': 2, x: 2, bb: -2 }[m[2] ?? ''] ?? 0;
  return (Number(m[3]) + 1) * 12 + STEPS[m[1].toUpperCase()] + acc + (m[4] ? Number(m[4]) / 100 : 0);
}

/** Semitone offset of a MusicXML step letter. */
export function stepSemitone(step: string): number | undefined {
  return STEPS[step.trim().toUpperCase()];
}
