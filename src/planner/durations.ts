import { inventory } from '../lyrics/index.js';
import type { Phoneme } from '../lyrics/types.js';
import type { Note, Score } from '../score/types.js';
import { durationParams, type DurationParams, type PlanOptions } from './options.js';
import { splitSyllable, type SyllableParts } from './syllable-parts.js';
import type { PhonemeSegment } from './types.js';

/** The silence every rest gets. */
export const SILENCE: Phoneme = { symbol: 'pau', cls: 'silence', voiced: false };
/** An in-breath: unvoiced noise, so the voice renders it as aspiration. */
export const BREATH: Phoneme = { symbol: 'br', cls: 'fricative', voiced: false };
const FALLBACK_VOWEL: Phoneme = { symbol: 'a', cls: 'vowel', voiced: true };

/** A rest, or a sung syllable: its first note and the continuation notes that hold its vowel (melisma, ties). */
interface Unit {
  kind: 'rest' | 'sung';
  first: number;
  last: number;
  start: number;
  end: number;
  parts: SyllableParts;
  /** Leading consonant lengths after shortening. */
  lead: number[];
  /** Leading consonants go after the onset (first syllable at time 0: there is no time before it). */
  squeezed: boolean;
  trail: number[];
  /** Breath taken at the end of the last note (Note.breath) without a rest. */
  breathAfter: number;
  /** Breath at the end of a rest. */
  breathIn: number;
}

export function consonantLength(p: Phoneme, params: DurationParams): number {
  const bySymbol = params.consonantDurations?.[p.symbol];
  if (bySymbol !== undefined && Number.isFinite(bySymbol) && bySymbol > 0) return bySymbol;
  return params.classDurations[p.cls];
}

function notePhonemes(note: Note, language: string, lastVowel: Phoneme | undefined): Phoneme[] {
  if (note.phonemes.length > 0) return note.phonemes;
  const symbols = note.overrides?.phonemes;
  if (symbols && symbols.length > 0) {
    try {
      const inv = new Map(inventory(note.language ?? language).map((e) => [e.symbol, e]));
      const ps = symbols.map((s) => inv.get(s)).filter((e) => e !== undefined);
      if (ps.length > 0) return ps.map((e) => ({ symbol: e.symbol, cls: e.cls, voiced: e.voiced }));
    } catch {
      // Unknown language: fall through to the held vowel.
    }
  }
  return [lastVowel ?? FALLBACK_VOWEL];
}

function groupUnits(score: Score): Unit[] {
  const units: Unit[] = [];
  let lastVowel: Phoneme | undefined;
  const empty: SyllableParts = { lead: [], body: [], trail: [] };
  for (const n of score.notes) {
    const prev = units[units.length - 1];
    if (n.kind === 'rest' || Number.isNaN(n.pitch)) {
      units.push({ kind: 'rest', first: n.index, last: n.index, start: n.start, end: n.end, parts: empty, lead: [], squeezed: false, trail: [], breathAfter: 0, breathIn: 0 });
      continue;
    }
    if (n.kind === 'continuation' && prev?.kind === 'sung' && prev.last === n.index - 1) {
      prev.last = n.index;
      prev.end = n.end;
      continue;
    }
    // A syllable (or a continuation with nothing to continue: it sings the last vowel again).
    const phonemes = n.kind === 'continuation' ? [lastVowel ?? FALLBACK_VOWEL] : notePhonemes(n, score.language, lastVowel);
    const parts = splitSyllable(phonemes);
    const v = parts.body.find((p) => p.cls === 'vowel');
    if (v) lastVowel = v;
    units.push({ kind: 'sung', first: n.index, last: n.index, start: n.start, end: n.end, parts, lead: [], squeezed: false, trail: [], breathAfter: 0, breathIn: 0 });
  }
  return units;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Places every phoneme of the score on the timeline (seconds). The vowel of each syllable starts exactly on its
 * note's onset; leading consonants are sung before the onset (taken from the previous note or rest, never more
 * than `maxConsonantShare` of it), trailing consonants at the end of the syllable's last note; melismas and ties
 * hold the vowel; rests are silence, with a breath at the end of long ones. The one exception: a syllable at time
 * 0 has no time before it, so its leading consonants are sung from the onset and its vowel follows them.
 * Segments tile [0, score.duration] with no gap or overlap.
 */
export function planDurations(score: Score, opts: PlanOptions = {}): PhonemeSegment[] {
  const params = durationParams(opts);
  const notes = score.notes;
  const units = groupUnits(score);
  const share = params.maxConsonantShare;
  const noteDur = (i: number) => notes[i].end - notes[i].start;
  const desiredLead = (u: Unit) => {
    const ls = u.parts.lead.map((p) => consonantLength(p, params));
    const pre = notes[u.first].overrides?.preutterance;
    const total = sum(ls);
    if (pre !== undefined && Number.isFinite(pre) && pre > 0 && total > 0) return ls.map((l) => (l * pre) / total);
    return ls;
  };
  const desiredTrail = (u: Unit) => u.parts.trail.map((p) => consonantLength(p, params));

  // Shorten what has to fit at each boundary between two units.
  for (let k = 0; k <= units.length; k++) {
    const u = units[k - 1];
    const v = units[k];
    if (u?.kind === 'sung') {
      const trail = desiredTrail(u);
      const lead = v?.kind === 'sung' ? desiredLead(v) : [];
      const breath = v?.kind === 'sung' && notes[u.last].breath && params.breaths ? Math.min(params.breathLength, 0.3 * noteDur(u.last)) : 0;
      const total = sum(trail) + sum(lead) + breath;
      const s = total > 0 ? Math.min(1, (share * noteDur(u.last)) / total) : 1;
      u.trail = trail.map((x) => x * s);
      u.breathAfter = breath * s;
      if (v?.kind === 'sung') v.lead = lead.map((x) => x * s);
    } else if (u?.kind === 'rest' && v?.kind === 'sung') {
      const rest = u.end - u.start;
      const lead = desiredLead(v);
      const total = sum(lead);
      const s = total > 0 ? Math.min(1, (share * rest) / total) : 1;
      v.lead = lead.map((x) => x * s);
      const before = notes[u.first - 1];
      if (params.breaths && (rest >= params.breathMinRest || before?.breath)) {
        u.breathIn = Math.min(params.breathLength, 0.35 * rest);
      }
    } else if (u === undefined && v?.kind === 'sung') {
      const lead = desiredLead(v);
      const total = sum(lead);
      const s = total > 0 ? Math.min(1, (0.3 * noteDur(v.first)) / total) : 1;
      v.lead = lead.map((x) => x * s);
      v.squeezed = true;
    }
  }

  const segments: PhonemeSegment[] = [];
  let cursor = 0;
  const emit = (p: Phoneme, end: number, noteIndex: number) => {
    if (end <= cursor) return;
    segments.push({ start: cursor, end, phoneme: p.symbol, cls: p.cls, voiced: p.voiced, noteIndex });
    cursor = end;
  };
  /** Emits consonants `ps` with lengths `ls` so that the last one ends exactly at `end`. */
  const emitRun = (ps: Phoneme[], ls: number[], end: number, noteIndex: number) => {
    let t = end - sum(ls);
    for (let i = 0; i < ps.length; i++) {
      t += ls[i];
      emit(ps[i], i === ps.length - 1 ? end : t, noteIndex);
    }
  };

  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const next = units[k + 1];
    const nextLead = next?.kind === 'sung' && !next.squeezed ? sum(next.lead) : 0;
    if (u.kind === 'rest') {
      const breathEnd = u.end - nextLead;
      emit(SILENCE, breathEnd - u.breathIn, u.first);
      emit(BREATH, breathEnd, u.first);
      continue;
    }
    if (u.squeezed) emitRun(u.parts.lead, u.lead, u.start + sum(u.lead), u.first);
    else emitRun(u.parts.lead, u.lead, u.start, u.first);
    // The nucleus: from the onset (after squeezed consonants) to where the trailing consonants begin.
    const tailStart = u.end - nextLead - u.breathAfter - sum(u.trail);
    const bodyStart = cursor;
    const body = u.parts.body;
    if (body.length === 1) {
      emit(body[0], tailStart, u.first);
    } else {
      // Diphthong-like nuclei (V C V or V V): later parts get their natural length, the first vowel the rest.
      const rest = body.slice(1).map((p) => (p.cls === 'vowel' ? 0.08 : consonantLength(p, params)));
      const span = tailStart - bodyStart;
      const s = Math.min(1, (0.5 * span) / sum(rest));
      const restLens = rest.map((x) => x * s);
      emit(body[0], tailStart - sum(restLens), u.first);
      emitRun(body.slice(1), restLens, tailStart, u.first);
    }
    emitRun(u.parts.trail, u.trail, u.end - nextLead - u.breathAfter, u.first);
    if (u.breathAfter > 0) emit(BREATH, u.end - nextLead, u.last);
  }
  // Close the timeline exactly at the score's end (a score may end before its last note's rounding).
  if (segments.length > 0) segments[segments.length - 1].end = score.duration;
  return segments;
}
