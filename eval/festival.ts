/**
 * A peer side by side: Festival's singing mode (Debian's festival, /usr/share/festival/singing-mode.scm, Dominic
 * Mazzoni 2001 and Milan Zamazal 2006) sings the same score as we do, with its kal_diphone voice (the very voice our
 * shared 'kal' reference was recorded from), and both outputs are judged the same way against the score's notes.
 *
 * Festival's SINGING XML (/usr/share/sgml/festival/Singing.v0_1.dtd, examples in /usr/share/doc/festival/examples/
 * songs): one DURATION/PITCH pair per word, one comma-separated value per syllable, '+' between the notes of a slurred
 * syllable (a melisma); REST after a word adds silence after it. We give SECONDS and FREQ (Hz) rather than BEATS and
 * NOTE: singing-mode.scm turns beats into seconds with BPM/50 (not 60) and names A4 'A5', so the explicit forms are
 * the unambiguous ones.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { readWavFile } from '../src/audio/wav.js';
import type { Score } from '../src/score/types.js';
import type { Voice } from '../src/voice/types.js';
import { median } from '../test/helpers/measure.js';
import { praatPitch } from '../test/helpers/praat.js';
import { renderSong } from './songs.js';

interface XmlSyllable {
  durations: number[];
  freqs: number[];
}

interface XmlWord {
  text: string;
  syllables: XmlSyllable[];
  /** Silence after the word, seconds. */
  rest: number;
}

export function midiToHz(m: number): number {
  return 440 * Math.pow(2, (m - 69) / 12);
}

/** Letters only: Festival's tokenizer would otherwise split or speak punctuation. */
function wordText(lyric: string): string {
  return lyric.replace(/[^\p{L}']/gu, '');
}

/**
 * Festival's SINGING XML for a score: words from the syllabic marks (begin/middle/end), continuation notes slurred
 * onto their syllable, rests after the word before them (or at the very start).
 */
export function festivalSingingXml(score: Score): string {
  const words: XmlWord[] = [];
  let initialRest = 0;
  let open = false; // the last word still takes syllables (a 'begin' or 'middle' was seen)
  for (const n of score.notes) {
    const d = n.end - n.start;
    const last = words[words.length - 1];
    if (n.kind === 'rest') {
      if (last) last.rest += d;
      else initialRest += d;
      continue;
    }
    if (n.kind === 'continuation' && last && last.rest === 0) {
      const syl = last.syllables[last.syllables.length - 1];
      syl.durations.push(d);
      syl.freqs.push(midiToHz(n.pitch));
      continue;
    }
    const syl: XmlSyllable = { durations: [d], freqs: [midiToHz(n.pitch)] };
    const text = wordText(n.lyric) || 'ah'; // a note with no lyric after a rest: sung on a neutral vowel
    if (open && last && last.rest === 0 && (n.syllabic === 'middle' || n.syllabic === 'end')) {
      last.text += text;
      last.syllables.push(syl);
    } else {
      words.push({ text, syllables: [syl], rest: 0 });
    }
    open = n.syllabic === 'begin' || n.syllabic === 'middle';
  }
  const num = (x: number) => x.toFixed(3);
  const lines = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE SINGING PUBLIC "-//SINGING//DTD SINGING mark up//EN" "Singing.v0_1.dtd" []>',
    '<SINGING BPM="60">',
  ];
  if (initialRest > 0) lines.push(`<REST SECONDS="${num(initialRest)}"></REST>`);
  for (const w of words) {
    const durs = w.syllables.map((s) => s.durations.map(num).join('+')).join(',');
    const freqs = w.syllables.map((s) => s.freqs.map((f) => f.toFixed(2)).join('+')).join(',');
    lines.push(`<DURATION SECONDS="${durs}"><PITCH FREQ="${freqs}">${w.text}</PITCH></DURATION>`);
    if (w.rest > 0) lines.push(`<REST SECONDS="${num(w.rest)}"></REST>`);
  }
  lines.push('</SINGING>', '');
  return lines.join('\n');
}

/** `text2wave -mode singing XML -o WAV` (Festival's default voice, kal_diphone); the audio and the seconds taken. */
export function runFestivalSinging(score: Score, xmlPath: string, wavPath: string): { audio: Audio; taken: number } {
  writeFileSync(xmlPath, festivalSingingXml(score));
  const t0 = performance.now();
  execFileSync('text2wave', ['-mode', 'singing', xmlPath, '-o', wavPath], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const taken = (performance.now() - t0) / 1000;
  return { audio: readWavFile(wavPath), taken };
}

export interface NotePitchFigures {
  /** RMSE in cents over the Praat frames in the middle half of every sung note that Praat calls voiced. */
  rmse: number;
  /** Per sung note with a voiced frame in its middle half: median |error| in cents. */
  noteErrors: number[];
  /** Median of noteErrors. */
  medianNote: number;
  /** Sung notes of the score. */
  sungNotes: number;
}

/**
 * Praat's F0 of a WAV against the score's notes themselves (not a plan: Festival has none we could read), over each
 * note's middle half where the pitch should sit on the note. floor/ceiling: Praat's range (Hz).
 */
export function measureAgainstNotes(score: Score, wav: string, floor: number, ceiling: number): NotePitchFigures {
  const pr = praatPitch(wav, { floor, ceiling });
  let se = 0;
  let frames = 0;
  const noteErrors: number[] = [];
  let sungNotes = 0;
  for (const n of score.notes) {
    if (n.kind === 'rest') continue;
    sungNotes++;
    const q = (n.end - n.start) / 4;
    const target = midiToHz(n.pitch);
    const errs: number[] = [];
    for (let i = 0; i < pr.time.length; i++) {
      const t = pr.time[i];
      if (t < n.start + q || t > n.end - q || !(pr.f0[i] > 0)) continue;
      const c = 1200 * Math.log2(pr.f0[i] / target);
      se += c * c;
      frames++;
      errs.push(Math.abs(c));
    }
    if (errs.length > 0) noteErrors.push(median(errs));
  }
  return { rmse: Math.sqrt(se / frames), noteErrors, medianNote: median(noteErrors), sungNotes };
}

/** Praat's range for a score: 5 semitones under the lowest note (at least 50 Hz) to 1.6 x the highest. */
export function pitchRange(score: Score): { floor: number; ceiling: number } {
  const ps = score.notes.filter((n) => n.kind !== 'rest').map((n) => n.pitch);
  return { floor: Math.max(50, Math.floor(midiToHz(Math.min(...ps) - 5))), ceiling: Math.ceil(1.6 * midiToHz(Math.max(...ps))) };
}

export interface SideBySideRow {
  system: string;
  pitch: NotePitchFigures;
  /** Seconds of audio. */
  seconds: number;
  /** Seconds taken to make it. */
  taken: number;
}

/**
 * The songs of the side by side: 61h, melismas over leaps of a third to a fifth with rests between the phrases, and
 * 61a, syllables on one held pitch (no melisma: Festival's singing mode places a slurred syllable's notes over the
 * syllable's own segments, and on 61h it sings the 3-note melisma on "Me" in about 0.3 s of its 0.75 s, so the next
 * written C comes out as the A of "lis", 300 cents off).
 */
export const SIDE_BY_SIDE_SONGS = ['61h-Lyrics-BeamsMelismata.xml', '61a-Lyrics.xml'];

/**
 * Festival (kal_diphone) and cantor (the shared kal voice) sing `song` in the same key (cantor's key for kal); both are
 * judged by Praat against the score's notes. Cantor's time is planning + rendering + writing with the voice already
 * built; Festival's is the whole text2wave run (its start and voice loading included, about 0.3 s).
 */
export function sideBySide(song: string, voice: Voice, dir: string): SideBySideRow[] {
  const t0 = performance.now();
  const ours = renderSong(song, 'kal', voice, dir);
  const oursTaken = (performance.now() - t0) / 1000;
  const { floor, ceiling } = pitchRange(ours.score);
  const fest = runFestivalSinging(ours.score, join(dir, 'festival.xml'), join(dir, 'festival.wav'));
  return [
    { system: 'cantor (kal voice)', pitch: measureAgainstNotes(ours.score, ours.wav, floor, ceiling), seconds: ours.audio.samples.length / ours.audio.sampleRate, taken: oursTaken },
    { system: 'festival singing (kal_diphone)', pitch: measureAgainstNotes(ours.score, join(dir, 'festival.wav'), floor, ceiling), seconds: fest.audio.samples.length / fest.audio.sampleRate, taken: fest.taken },
  ];
}
