import type { Phoneme, PhonemeClass } from '../../src/lyrics/types.js';
import type { Note, Score } from '../../src/score/types.js';

/** A small phone table for hand-made scores (ARPAbet-like symbols). */
const CLASSES: Record<string, [PhonemeClass, boolean]> = {
  AA: ['vowel', true], AE: ['vowel', true], AH: ['vowel', true], EH: ['vowel', true], IY: ['vowel', true],
  OW: ['vowel', true], UW: ['vowel', true], AY: ['vowel', true], ER: ['vowel', true], IH: ['vowel', true],
  P: ['plosive', false], T: ['plosive', false], K: ['plosive', false], B: ['plosive', true], D: ['plosive', true], G: ['plosive', true],
  S: ['fricative', false], F: ['fricative', false], SH: ['fricative', false], TH: ['fricative', false], HH: ['fricative', false],
  V: ['fricative', true], Z: ['fricative', true], CH: ['affricate', false], JH: ['affricate', true],
  M: ['nasal', true], N: ['nasal', true], NG: ['nasal', true], L: ['liquid', true], R: ['liquid', true],
  W: ['glide', true], Y: ['glide', true],
};

export function ph(symbols: string): Phoneme[] {
  return symbols
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => {
      const c = CLASSES[s];
      if (!c) throw new Error(`test phone table: unknown ${s}`);
      return { symbol: s, cls: c[0], voiced: c[1] };
    });
}

/**
 * [pitch, beats, phonemes] tuples -> a Score at `bpm`. pitch null = rest; phonemes '-' = continuation
 * (melisma / tie of the previous syllable). Tempo changes: `tempo` as [beat, bpm] pairs.
 */
export function makeScore(
  items: [number | null, number, string][],
  bpm = 120,
  extra: { tempo?: [number, number][]; notes?: Partial<Note>[] } = {},
): Score {
  const changes: [number, number][] = [[0, bpm], ...(extra.tempo ?? [])];
  const secAt = (beat: number) => {
    let t = 0;
    for (let c = 0; c < changes.length; c++) {
      const [b0, r] = changes[c];
      const b1 = c + 1 < changes.length ? changes[c + 1][0] : Infinity;
      if (beat <= b0) break;
      t += ((Math.min(beat, b1) - b0) * 60) / r;
    }
    return t;
  };
  const notes: Note[] = [];
  let beat = 0;
  items.forEach(([pitch, beats, phon], i) => {
    const kind = pitch === null ? 'rest' : phon === '-' ? 'continuation' : 'syllable';
    const n: Note = {
      index: i,
      kind,
      start: secAt(beat),
      end: secAt(beat + beats),
      startTick: Math.round(beat * 480),
      endTick: Math.round((beat + beats) * 480),
      pitch: pitch === null ? NaN : pitch,
      lyric: kind === 'syllable' ? phon.toLowerCase() : '',
      phonemes: kind === 'syllable' ? ph(phon) : [],
      ...(extra.notes?.[i] ?? {}),
    };
    notes.push(n);
    beat += beats;
  });
  const tempo = changes.map(([b, r]) => ({ tick: b * 480, time: secAt(b), bpm: r }));
  return { language: 'en', notes, tempo, duration: secAt(beat), curves: {}, warnings: [] };
}
