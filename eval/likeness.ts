/**
 * Likeness measure: a speaker classifier trained on the reference recordings only (eval/speaker-classifier.ts)
 * assigns each rendered song to a voice; the confusion table counts songs per (rendered with, assigned to).
 */
import type { Audio } from '../src/audio/types.js';
import { classifySpeaker, type SpeakerClassifier } from './speaker-classifier.js';

export interface Likeness {
  assigned: string;
  /** Average log-likelihood of the right voice minus the best other voice (nats per frame; > 0 when right). */
  margin: number;
}

export function evalLikeness(clf: SpeakerClassifier, audio: Audio, voice: string): Likeness {
  const { name, scores } = classifySpeaker(clf, audio);
  const i = clf.names.indexOf(voice);
  return { assigned: name, margin: scores[i] - Math.max(...scores.filter((_, j) => j !== i)) };
}

/** Rows: rendered with; columns: assigned to. */
export function confusionTable(names: string[], results: { voice: string; assigned: string }[]): string {
  const w = Math.max(12, ...names.map((n) => n.length + 2));
  const pad = (s: string) => s.padStart(w);
  const lines = [pad('rendered \\ as') + names.map(pad).join('')];
  for (const r of names) {
    const row = names.map((c) => String(results.filter((x) => x.voice === r && x.assigned === c).length));
    lines.push(pad(r) + row.map(pad).join(''));
  }
  return lines.join('\n');
}
