import type { Note } from '../score/types.js';
import { DEFAULT_PITCH, mergePitch, type PitchParams, type PlanOptions } from './options.js';

/**
 * The pitch settings of every note: defaults, then PlanOptions.pitch, then PlanOptions.noteSettings[index],
 * then the note's own overrides (portamento, vibrato from the score / UST).
 */
export function pitchSettingsPerNote(notes: Note[], opts: PlanOptions = {}): PitchParams[] {
  const global = mergePitch(DEFAULT_PITCH, opts.pitch);
  return notes.map((n) => {
    let s = mergePitch(global, opts.noteSettings?.[n.index]);
    const o = n.overrides;
    if (o?.portamento !== undefined || o?.vibrato !== undefined) {
      s = mergePitch(s, {
        portamento: o.portamento,
        vibrato: o.vibrato ? { ...o.vibrato } : undefined,
      });
    }
    return s;
  });
}
