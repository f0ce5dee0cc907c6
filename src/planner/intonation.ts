import { DEFAULT_FRAME_PERIOD, frameCount } from './options.js';
import { bump, sCurve } from './shapes.js';

/** One spoken syllable for the intonation model: where its vowel is and what it carries. */
export interface IntonationSyllable {
  /** Vowel span, seconds. */
  start: number;
  end: number;
  /** Lexically stressed (English primary stress): gets a pitch accent. */
  stressed: boolean;
  /** Mandarin lexical tone 1-5, when the language has tones. */
  tone?: number;
  /** Index of the phrase (between pauses) it belongs to. */
  phrase: number;
}

export interface IntonationPhrase {
  start: number;
  end: number;
  /** How the phrase ends: a fall (statement), a rise (question) or level (continuation, mid-sentence comma). */
  ending: 'fall' | 'rise' | 'level';
}

export interface IntonationParams {
  /** Speaking pitch at the bottom of the range (MIDI; 57 = 220 Hz). */
  basePitch: number;
  /** Where a phrase starts above the base (semitones). */
  phraseStart: number;
  /** Declination: semitones per second the baseline falls within a phrase (reset at each phrase). */
  declination: number;
  /** Height of a pitch accent on a stressed syllable (semitones). */
  accent: number;
  /** Final fall of a statement, and final rise of a question (semitones). */
  finalFall: number;
  finalRise: number;
  /** Range of the Mandarin tone contours (semitones, high minus low). */
  toneRange: number;
}

export const DEFAULT_INTONATION: IntonationParams = {
  basePitch: 57,
  phraseStart: 3,
  declination: 1.2,
  accent: 2.5,
  finalFall: 3,
  finalRise: 5,
  toneRange: 6,
};

/** Mandarin tone targets (start, end) on a 0..1 scale of the range (Chao's 5-level letters 55, 35, 214, 51). */
const TONES: Record<number, [number, number, number]> = {
  1: [1, 1, 1],
  2: [0.5, 0.7, 1],
  3: [0.25, 0, 0.35],
  4: [1, 0.55, 0],
  5: [0.45, 0.4, 0.35],
};

/**
 * A speech intonation contour (MIDI units per frame), in the spirit of superpositional models (Fujisaki's
 * phrase + accent components): each phrase starts high and declines linearly, stressed syllables carry an
 * accent bump over their vowel (later accents of a phrase a little lower: downstep), the last syllable falls
 * (statement) or rises (question); with tones, each syllable follows its tone's contour instead of accents.
 * The result is smoothed over ~40 ms so that syllables join without steps.
 */
export function intonationCurve(
  duration: number,
  syllables: IntonationSyllable[],
  phrases: IntonationPhrase[],
  params: IntonationParams = DEFAULT_INTONATION,
  framePeriod = DEFAULT_FRAME_PERIOD,
): Float64Array {
  const frames = frameCount(duration, framePeriod);
  const raw = new Float64Array(frames);
  const base = params.basePitch;
  // Baseline: declining within each phrase, held between phrases.
  let p = 0;
  for (let i = 0; i < frames; i++) {
    const t = i * framePeriod;
    while (p < phrases.length - 1 && phrases[p].end <= t) p++;
    const ph = phrases[p];
    if (!ph) {
      raw[i] = base;
      continue;
    }
    const rel = Math.min(Math.max(t - ph.start, 0), ph.end - ph.start);
    raw[i] = base + Math.max(0, params.phraseStart - params.declination * rel);
  }
  const accentsSeen = new Map<number, number>();
  for (let k = 0; k < syllables.length; k++) {
    const s = syllables[k];
    const from = Math.max(0, Math.ceil(s.start / framePeriod));
    const to = Math.min(frames - 1, Math.floor(s.end / framePeriod));
    const len = Math.max(s.end - s.start, framePeriod);
    if (s.tone !== undefined && TONES[s.tone]) {
      const [a, m, b] = TONES[s.tone];
      for (let i = from; i <= to; i++) {
        const u = (i * framePeriod - s.start) / len;
        const v = u < 0.5 ? a + (m - a) * sCurve(u * 2) : m + (b - m) * sCurve(u * 2 - 1);
        raw[i] += params.toneRange * (v - 0.5);
      }
    } else if (s.stressed) {
      const n = accentsSeen.get(s.phrase) ?? 0;
      accentsSeen.set(s.phrase, n + 1);
      const h = params.accent * 0.8 ** n;
      // The accent peaks in the vowel and spreads a little around it.
      const a0 = s.start - 0.3 * len;
      const a1 = s.end + 0.2 * len;
      for (let i = Math.max(0, Math.ceil(a0 / framePeriod)); i <= Math.min(frames - 1, Math.floor(a1 / framePeriod)); i++) {
        raw[i] += h * bump((i * framePeriod - a0) / (a1 - a0));
      }
    }
    const next = syllables[k + 1];
    const last = !next || next.phrase !== s.phrase;
    const ph = phrases[s.phrase];
    if (last && ph && ph.ending !== 'level' && s.tone === undefined) {
      const amount = ph.ending === 'rise' ? params.finalRise : -params.finalFall;
      const hold = Math.min(frames - 1, Math.floor(ph.end / framePeriod));
      for (let i = from; i <= hold; i++) raw[i] += amount * sCurve((i * framePeriod - s.start) / len);
    }
  }
  // Moving average over 9 frames (~40 ms): removes steps at syllable joins.
  const out = new Float64Array(frames);
  const w = 4;
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    let n = 0;
    for (let j = Math.max(0, i - w); j <= Math.min(frames - 1, i + w); j++) {
      acc += raw[j];
      n++;
    }
    out[i] = acc / n;
  }
  return out;
}
