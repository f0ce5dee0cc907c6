import { UserError } from '../errors.js';
import type { Language, Phoneme } from '../lyrics/types.js';
import type { RawNote } from './raw-note.js';
import { tickToTime } from './tempo-map.js';
import type { Note, Score, ScoreCurves, TempoEvent } from './types.js';

/** Fills the phonemes of syllables; one result per item, in order (see src/lyrics). */
export type Phonemizer = (
  items: { text: string; syllabic?: 'single' | 'begin' | 'middle' | 'end' }[],
  language: Language | undefined,
) => { language: Language; phonemes: { phonemes: Phoneme[]; approximate?: boolean }[] };

export interface BuildInput {
  raw: RawNote[];
  tempo: TempoEvent[];
  file: string;
  format: NonNullable<Score['source']>['format'];
  title?: string;
  curves?: ScoreCurves;
  selection?: Score['selection'];
  warnings?: string[];
  language?: Language;
  defaultSyllable?: string;
  phonemize?: Phonemizer;
  /** Where the notes came from, for the "no notes" message ("part P1, voice 1"). */
  context?: string;
}

/** Lyrics that mean "hold the previous vowel" in MIDI/UST practice. */
export function isContinuationLyric(lyric: string): boolean {
  return /^\s*(?:[-+~_]|\+~|ー)\s*$/.test(lyric);
}

/** The text to pronounce: verse numbers ("2."), punctuation and elision marks removed. */
export function cleanLyric(lyric: string): string {
  return lyric
    .replace(/^\s*\d+\.\s*/, '')
    .replace(/[‿_]/g, ' ')
    .replace(/[!?.,;:"“”«»()[\]¡¿…]/g, '')
    .trim();
}

/**
 * Turns the raw notes of one voice into a Score: overlaps resolved (the later note cuts the earlier one;
 * simultaneous notes keep the top one), gaps filled with rests so that notes tile [0, duration], each note
 * classified as syllable / continuation / rest, times from the tempo map, phonemes filled.
 */
export function buildScore(input: BuildInput): Score {
  const warnings = input.warnings ?? [];
  const sorted = input.raw
    .filter((n) => n.endTick > n.startTick)
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.startTick - b.n.startTick || a.i - b.i)
    .map((x) => x.n);
  // Zero-length entries only mark where the piece ends (e.g. a part's final bar line).
  const endTick = input.raw.reduce((m, n) => Math.max(m, n.endTick), 0);
  // Monophonic line: drop rests (re-made from the gaps) and resolve overlaps.
  const sung: RawNote[] = [];
  for (const n of sorted) {
    if (Number.isNaN(n.pitch)) continue;
    const prev = sung[sung.length - 1];
    if (prev && n.startTick < prev.endTick) {
      if (n.startTick === prev.startTick) {
        const [keep, drop] = n.pitch > prev.pitch ? [n, prev] : [prev, n];
        warnings.push(`${n.where ? n.where + ': ' : ''}two notes start together; kept the top one (${keep.pitch}), dropped ${drop.pitch}`);
        if (keep === n) {
          sung[sung.length - 1] = { ...n, lyric: n.lyric ?? prev.lyric, syllabic: n.syllabic ?? prev.syllabic };
        } else if (prev.lyric === undefined && n.lyric !== undefined) {
          prev.lyric = n.lyric;
          prev.syllabic = n.syllabic;
        }
        continue;
      }
      warnings.push(`${n.where ? n.where + ': ' : ''}overlapping notes; the earlier one was shortened`);
      prev.endTick = n.startTick;
    }
    sung.push({ ...n });
  }
  if (sung.length === 0) {
    throw new UserError(`no notes to sing${input.context ? ` in ${input.context}` : ''}`, { file: input.file });
  }

  const hasLyrics = sung.some((n) => n.lyric !== undefined && n.lyric.trim() !== '' && !isContinuationLyric(n.lyric));
  const defaultSyllable = input.defaultSyllable ?? 'la';
  const notes: Note[] = [];
  const phonemizeAt: number[] = [];
  const items: { text: string; syllabic?: 'single' | 'begin' | 'middle' | 'end' }[] = [];
  let cursor = 0;
  let prevRaw: RawNote | undefined;
  let prevNote: Note | undefined;
  let warnedDefault = false;
  const time = (tick: number) => tickToTime(input.tempo, tick);

  const pushRest = (from: number, to: number) => {
    notes.push({ index: notes.length, kind: 'rest', start: time(from), end: time(to), startTick: from, endTick: to, pitch: NaN, lyric: '', phonemes: [] });
  };
  for (const r of sung) {
    if (r.startTick > cursor) pushRest(cursor, r.startTick);
    const adjacent = prevNote !== undefined && prevNote.kind !== 'rest' && prevNote.endTick === r.startTick && notes[notes.length - 1] === prevNote;
    const lyric = r.lyric ?? '';
    const hasText = lyric.trim() !== '' && !isContinuationLyric(lyric);
    const tiedIn = adjacent && prevRaw !== undefined && prevRaw.pitch === r.pitch && (r.tieStop === true || prevRaw.tieStart === true) && !hasText;
    let kind: Note['kind'];
    if (hasText || r.syllable) kind = 'syllable';
    else if (adjacent && (hasLyrics || tiedIn || r.continuation)) kind = 'continuation';
    else kind = 'syllable';
    const note: Note = {
      index: notes.length,
      kind,
      start: time(r.startTick),
      end: time(r.endTick),
      startTick: r.startTick,
      endTick: r.endTick,
      pitch: r.pitch,
      lyric: r.lyric ?? '',
      phonemes: [],
    };
    if (r.syllabic && hasText) note.syllabic = r.syllabic;
    if (r.velocity !== undefined) note.velocity = r.velocity;
    if (r.breath) note.breath = true;
    if (r.grace) note.grace = true;
    if (r.fermata) note.fermata = true;
    if (r.accent) note.accent = r.accent;
    if (r.overrides) note.overrides = r.overrides;
    if (prevNote && kind === 'continuation') {
      if (tiedIn) prevNote.tie = true;
      else prevNote.melisma = true;
    }
    if (prevRaw?.tieStart && prevNote && !tiedIn && adjacent && prevRaw.pitch === r.pitch && hasText) {
      warnings.push(`${r.where ? r.where + ': ' : ''}a tie ends on a note with its own lyric "${lyric}"; the note is sung again`);
    }
    if (kind === 'syllable') {
      if (r.phonemes) {
        note.phonemes = r.phonemes;
        if (r.approximate) note.approximate = true;
      } else {
        let text = cleanLyric(lyric);
        if (!hasText) {
          text = defaultSyllable;
          if (hasLyrics && !warnedDefault) {
            warnings.push(`${r.where ? r.where + ': ' : ''}a note without a lyric follows a rest; sung on "${defaultSyllable}"`);
            warnedDefault = true;
          }
        }
        if (text === '') text = defaultSyllable;
        phonemizeAt.push(notes.length);
        items.push({ text, syllabic: hasText ? r.syllabic : undefined });
      }
    }
    notes.push(note);
    prevNote = note;
    prevRaw = r;
    cursor = r.endTick;
  }
  if (endTick > cursor) pushRest(cursor, endTick);

  let language: Language = input.language ?? 'en';
  if (input.phonemize && items.length > 0) {
    const res = input.phonemize(items, input.language);
    language = res.language;
    phonemizeAt.forEach((noteIdx, k) => {
      const p = res.phonemes[k];
      const note = notes[noteIdx];
      note.phonemes = p?.phonemes ?? [];
      note.language = language;
      if (p?.approximate) note.approximate = true;
    });
  }
  for (const note of notes) if (note.kind !== 'rest' && note.language === undefined && note.kind === 'syllable') note.language = language;

  return {
    title: input.title,
    source: { file: input.file, format: input.format },
    language,
    notes,
    tempo: input.tempo,
    duration: notes[notes.length - 1].end,
    curves: input.curves ?? {},
    selection: input.selection,
    warnings,
  };
}
