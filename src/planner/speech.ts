import { UserError } from '../errors.js';
import type { Language, Phoneme } from '../lyrics/types.js';
import type { Note, Score } from '../score/types.js';
import { consonantLength, planDurations } from './durations.js';
import { planDynamics } from './dynamics.js';
import { DEFAULT_INTONATION, intonationCurve, type IntonationParams, type IntonationPhrase, type IntonationSyllable } from './intonation.js';
import { DEFAULT_CLASS_DURATIONS, DEFAULT_FRAME_PERIOD, DEFAULT_PITCH, durationParams, mergePitch, type PlanOptions } from './options.js';
import { pitchNoise } from './pitch-noise.js';
import { unvoice } from './pitch.js';
import { midiToHz } from './shapes.js';
import { splitSyllable, wordSyllables } from './syllable-parts.js';
import type { Plan } from './types.js';

/** A word and its phonemes, as phonemizeText gives them (punctuation: a word whose phonemes are one 'pau'). */
export interface SpokenWord {
  word: string;
  phonemes: Phoneme[];
}

export interface SpeechOptions extends PlanOptions {
  /** Speaking rate factor (1 = normal, about 5 syllables a second). */
  rate?: number;
  /** Language (Mandarin 'zh' reads tones from the finals' `stress`). */
  language?: Language;
  intonation?: Partial<IntonationParams>;
  /** Vowel length of an unstressed syllable at rate 1 (s), for vowels `vowelDurations` does not give. */
  vowelLength?: number;
  /**
   * Each vowel's own length at rate 1 (s), e.g. the voice's medians (VoiceStats.vowelDurations): vowels differ in
   * intrinsic length (a schwa is a third of a diphthong; Klatt 1979, "Synthesis by rule of segmental durations"),
   * and one length for all of them costs intelligibility. Such measured lengths already hold the speaker's average
   * stress and phrase-final lengthening, so only part of those factors is applied on top.
   */
  vowelDurations?: Record<string, number>;
  /** Pause length for punctuation (s). */
  pauseLength?: number;
  /**
   * Pause length at the end of a sentence (s; default pauseLength), e.g. the voice's own (VoiceStats.pauseDuration):
   * speakers differ here by more than a factor of two, and the pauses mark the sentences for a listener.
   */
  sentencePause?: number;
}

export interface RapOptions extends SpeechOptions {
  bpm: number;
  /** Syllables per beat (2 = eighth notes). */
  syllablesPerBeat?: number;
  /** Grid steps a punctuation pause takes (1). */
  pauseSteps?: number;
}

interface Item {
  kind: 'syllable' | 'pause';
  phonemes: Phoneme[];
  word: number;
  stressed: boolean;
  tone?: number;
  /** The punctuation of a pause. */
  text?: string;
  /** Last syllable before a pause or the end. */
  phraseFinal: boolean;
}

function isPauseWord(w: SpokenWord): boolean {
  return w.phonemes.length === 0 || w.phonemes.every((p) => p.cls === 'silence');
}

function speechItems(words: SpokenWord[], language: Language | undefined): Item[] {
  const items: Item[] = [];
  words.forEach((w, wi) => {
    if (isPauseWord(w)) {
      items.push({ kind: 'pause', phonemes: [], word: wi, stressed: false, text: w.word, phraseFinal: false });
      return;
    }
    const sylls = wordSyllables(w.phonemes.filter((p) => p.cls !== 'silence'));
    const hasPrimary = sylls.some((s) => s.some((p) => p.cls === 'vowel' && p.stress === 1));
    const marked = sylls.some((s) => s.some((p) => p.cls === 'vowel' && p.stress !== undefined));
    for (const s of sylls) {
      const v = s.find((p) => p.cls === 'vowel');
      const stress = v?.stress;
      const tone = language === 'zh' && stress !== undefined ? stress : undefined;
      // English: primary stress (function words like "the" have none); unmarked languages: the first syllable.
      const stressed = tone === undefined && (hasPrimary ? stress === 1 : !marked && s === sylls[0]);
      items.push({ kind: 'syllable', phonemes: s, word: wi, stressed, tone, phraseFinal: false });
    }
  });
  for (let k = 0; k < items.length; k++) {
    if (items[k].kind === 'syllable' && (k === items.length - 1 || items[k + 1].kind === 'pause')) items[k].phraseFinal = true;
  }
  return items;
}

const LEAD_IN = 0.15;

/** Punctuation that ends a sentence (Latin and CJK). */
const SENTENCE_END = /[.!?。！？…]/;

/** Builds a Score whose syllable notes run from one vowel onset to the next, so the song planners can time them. */
function itemsToScore(items: Item[], onsets: number[], ends: number[], duration: number, basePitch: number, language: Language): Score {
  const notes: Note[] = [];
  let cursor = 0;
  const push = (kind: Note['kind'], start: number, end: number, item?: Item) => {
    if (end <= start) return;
    notes.push({
      index: notes.length,
      kind,
      start,
      end,
      startTick: 0,
      endTick: 0,
      pitch: kind === 'rest' ? NaN : basePitch,
      lyric: '',
      phonemes: item?.phonemes ?? [],
      velocity: item ? (item.stressed ? 90 : 74) : undefined,
    });
    cursor = end;
  };
  items.forEach((it, k) => {
    if (it.kind === 'pause') return;
    if (onsets[k] > cursor + 1e-9) push('rest', cursor, onsets[k]);
    push('syllable', onsets[k], ends[k], it);
  });
  if (duration > cursor) push('rest', cursor, duration);
  return { language, notes, tempo: [{ tick: 0, time: 0, bpm: 120 }], duration, curves: {}, warnings: [] };
}

function finishPlan(score: Score, items: Item[], itemNote: number[], opts: SpeechOptions): Plan {
  const fp = opts.framePeriod ?? DEFAULT_FRAME_PERIOD;
  const segments = planDurations(score, { ...opts, breaths: opts.breaths ?? false });
  // Segments name the word they belong to (speech has no score notes).
  const noteWord = new Map<number, number>();
  items.forEach((it, k) => {
    if (itemNote[k] >= 0) noteWord.set(itemNote[k], it.word);
  });
  // Vowel spans per note, for the intonation model.
  const vowel = new Map<number, [number, number]>();
  for (const s of segments) {
    if (s.cls !== 'vowel') continue;
    const v = vowel.get(s.noteIndex);
    vowel.set(s.noteIndex, v ? [v[0], s.end] : [s.start, s.end]);
  }
  const phrases: IntonationPhrase[] = [];
  const sylls: IntonationSyllable[] = [];
  let phraseStart = -1;
  items.forEach((it, k) => {
    if (it.kind === 'pause') return;
    const n = score.notes[itemNote[k]];
    const span = vowel.get(n.index) ?? [n.start, n.end];
    if (phraseStart < 0) phraseStart = n.start;
    sylls.push({ start: span[0], end: span[1], stressed: it.stressed, tone: it.tone, phrase: phrases.length });
    if (it.phraseFinal) {
      const next = items[k + 1];
      const punct = next?.kind === 'pause' ? (next.text ?? '') : '';
      const ending = /[?？]/.test(punct) ? 'rise' : /[,;:，、；：]/.test(punct) ? 'level' : 'fall';
      phrases.push({ start: phraseStart, end: n.end, ending });
      phraseStart = -1;
    }
  });
  const params = { ...DEFAULT_INTONATION, ...(opts.intonation ?? {}) };
  const midi = intonationCurve(score.duration, sylls, phrases, params, fp);
  const pitch = mergePitch(mergePitch(DEFAULT_PITCH, { drift: 8, jitter: 2 }), opts.pitch);
  const noise = pitchNoise(midi.length, fp, opts.seed ?? 1);
  const f0 = new Float64Array(midi.length);
  for (let i = 0; i < midi.length; i++) f0[i] = midiToHz(midi[i] + (pitch.drift * noise.drift[i] + pitch.jitter * noise.jitter[i]) / 100);
  unvoice(f0, segments, fp);
  const dyn = planDynamics(score, segments, { ...opts, dynamics: { phraseEndBreath: 0, ...(opts.dynamics ?? {}) } });
  for (const s of segments) s.noteIndex = s.cls === 'silence' && score.notes[s.noteIndex]?.kind === 'rest' ? -1 : (noteWord.get(s.noteIndex) ?? -1);
  return { framePeriod: fp, duration: score.duration, segments, f0, ...dyn };
}


/** Vowel length factors: stressed, Mandarin toned, unstressed, phrase-final (times the base length). */
const DEFAULT_VOWEL_FACTORS = [1.35, 1.15, 0.85, 1.5] as const;
// With the speaker's own lengths (by vowel and stress) only phrase-final lengthening is added: further stress factors
// made pocketsphinx's word error rate on slt worse (measured: 1.1/0.9/1.2 -> 47.2 %, 1/1/1.3 -> 41.5 %).
const MEASURED_VOWEL_FACTORS = [1, 1, 1, 1.3] as const;

/**
 * Speech mode: the words at speaking rate (vowels longer when stressed and phrase-final, pauses at
 * punctuation), pitch from the intonation model (declination, accents on stressed syllables, final fall or
 * rise; Mandarin tones). Segments' noteIndex is the word index (-1 for pauses).
 */
export function planSpeech(words: SpokenWord[], opts: SpeechOptions = {}): Plan {
  const rate = opts.rate ?? 1;
  const items = speechItems(words, opts.language);
  const params = durationParams({ ...opts, classDurations: { ...scaled(DEFAULT_CLASS_DURATIONS, 0.85), ...(opts.classDurations ?? {}) } });
  const vowelLength = opts.vowelLength ?? 0.1;
  const measured = opts.vowelDurations !== undefined && Object.keys(opts.vowelDurations).length > 0;
  const vowelOwn = (p: Phoneme) => {
    if (!measured) return vowelLength;
    const table = opts.vowelDurations!;
    const byStress = p.stress !== undefined && opts.language !== 'zh' ? table[`${p.symbol}${p.stress > 0 ? 1 : 0}`] : undefined;
    return byStress ?? table[p.symbol] ?? vowelLength;
  };
  const [stressF, toneF, unstressF, finalF] = measured ? MEASURED_VOWEL_FACTORS : DEFAULT_VOWEL_FACTORS;
  const pauseLength = opts.pauseLength ?? 0.25;
  const sentencePause = opts.sentencePause ?? pauseLength;
  const onsets: number[] = [];
  const ends: number[] = [];
  let t = LEAD_IN;
  items.forEach((it, k) => {
    if (it.kind === 'pause') {
      onsets.push(t);
      ends.push(t);
      t += (SENTENCE_END.test(it.text ?? '') ? sentencePause : pauseLength) / rate;
      return;
    }
    const parts = splitSyllable(it.phonemes);
    const lead = parts.lead.reduce((a, p) => a + consonantLength(p, params), 0) / rate;
    const trail = parts.trail.reduce((a, p) => a + consonantLength(p, params), 0) / rate;
    const body = parts.body.reduce((a, p) => a + (p.cls === 'vowel' ? vowelOwn(p) : consonantLength(p, params)), 0);
    const v = (body * (it.stressed ? stressF : it.tone !== undefined ? toneF : unstressF) * (it.phraseFinal ? finalF : 1)) / rate;
    t += lead;
    onsets.push(t);
    t += v + trail;
    ends.push(t);
    if (k > 0 && items[k - 1].kind === 'syllable') ends[k - 1] = onsets[k];
  });
  const duration = t + LEAD_IN;
  const score = itemsToScore(items, onsets, ends, duration, opts.intonation?.basePitch ?? DEFAULT_INTONATION.basePitch, opts.language ?? 'en');
  // The notes were laid out to hold each syllable's consonants at their own length (over the rate), so the duration
  // planner is given those same lengths and room for them: the singing limit (consonants at most half a note) made
  // every consonant cluster longer than its vowel give its time to the vowel.
  return finishPlan(score, items, noteIndexOfItems(items, score), {
    ...opts,
    classDurations: scaled(params.classDurations, 1 / rate),
    consonantDurations: params.consonantDurations && scaled(params.consonantDurations, 1 / rate),
    maxConsonantShare: opts.maxConsonantShare ?? SPEECH_CONSONANT_SHARE,
  });
}

/**
 * Speech's limit on the consonants' share of a syllable (vowel onset to the next vowel onset). Measured on slt's
 * transcript against its true phone lengths (phones.txt): with singing's 0.5, vowels came out 1.40x and consonants
 * 0.68-0.81x their true total lengths.
 */
const SPEECH_CONSONANT_SHARE = 0.9;

/**
 * Rap mode: every syllable's vowel on the next step of a beat grid (`syllablesPerBeat` per beat at `bpm`),
 * consonants around it as in singing, punctuation taking `pauseSteps` steps; pitch from the intonation model.
 */
export function planRap(words: SpokenWord[], opts: RapOptions): Plan {
  if (!Number.isFinite(opts.bpm) || opts.bpm <= 0) throw new UserError(`rap: bpm must be a positive number (got ${opts.bpm})`);
  const spb = opts.syllablesPerBeat ?? 2;
  if (!Number.isFinite(spb) || spb <= 0) throw new UserError(`rap: syllablesPerBeat must be a positive number (got ${spb})`);
  const items = speechItems(words, opts.language);
  const step = 60 / opts.bpm / spb;
  const onsets: number[] = [];
  const ends: number[] = [];
  let g = 1; // one step of lead-in for the first consonants
  for (const it of items) {
    if (it.kind === 'pause') {
      onsets.push(g * step);
      ends.push(g * step);
      g += opts.pauseSteps ?? 1;
      continue;
    }
    onsets.push(g * step);
    ends.push((g + 1) * step);
    g++;
  }
  const duration = (g + 1) * step;
  const score = itemsToScore(items, onsets, ends, duration, opts.intonation?.basePitch ?? DEFAULT_INTONATION.basePitch, opts.language ?? 'en');
  return finishPlan(score, items, noteIndexOfItems(items, score), opts);
}

function noteIndexOfItems(items: Item[], score: Score): number[] {
  const out: number[] = [];
  let j = 0;
  for (const it of items) {
    if (it.kind === 'pause') {
      out.push(-1);
      continue;
    }
    while (j < score.notes.length && score.notes[j].kind === 'rest') j++;
    out.push(j);
    j++;
  }
  return out;
}

/** Every length of `lengths` times f. */
function scaled<K extends string>(lengths: Record<K, number>, f: number): Record<K, number> {
  const o = { ...lengths };
  for (const k of Object.keys(o) as K[]) o[k] *= f;
  return o;
}
