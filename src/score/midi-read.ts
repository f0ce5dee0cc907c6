/**
 * Standard MIDI File reader (SMF 0 and 1) through midi-file. Notes come from one track; lyrics (meta 0x05, or
 * text 0x01 when a file has no lyric events) may sit on any track and attach to the note starting at their tick.
 */
import { parseMidi, type MidiData, type MidiEvent } from 'midi-file';
import { UserError } from '../errors.js';
import type { RawNote } from './raw-note.js';
import { buildTempoMap } from './tempo-map.js';
import { TICKS_PER_QUARTER, type TempoEvent } from './types.js';
import { decodeLyricBytes } from './text-decode.js';
import { isContinuationLyric } from './build-score.js';

export interface MidiResult {
  raw: RawNote[];
  tempo: TempoEvent[];
  title?: string;
  selection: { track: number };
  warnings: string[];
}

interface TrackInfo {
  /** Tick of the end-of-track event. */
  end: number;
  notes: { start: number; end: number; key: number; bend: number; velocity: number }[];
  lyrics: { tick: number; text: string }[];
  texts: { tick: number; text: string }[];
  name?: string;
}

/** Default pitch-bend range (General MIDI): +-2 semitones. */
const BEND_RANGE = 2;

function checkHeader(bytes: Uint8Array, file: string): void {
  const id = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < 14 || id !== 'MThd') {
    throw new UserError(`not a MIDI file: bad header (expected "MThd" at byte 0, found ${JSON.stringify(id)})`, { file });
  }
  const len = (bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7];
  const format = (bytes[8] << 8) | bytes[9];
  const division = (bytes[12] << 8) | bytes[13];
  if (len < 6) throw new UserError(`bad MIDI header: header length ${len}, expected 6`, { file });
  if (format > 2) throw new UserError(`bad MIDI header: unknown format ${format} (expected 0, 1 or 2)`, { file });
  if (division === 0) throw new UserError('bad MIDI header: zero ticks per quarter note', { file });
}

/** midi-file keeps text as one char per byte; get the bytes back and decode them properly. */
function textOf(raw: string): string {
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff);
  return decodeLyricBytes(bytes).replace(/\0+$/, '');
}

function readTrack(events: MidiEvent[], scale: (t: number) => number, tempo: { tick: number; bpm: number }[], smpte: boolean): TrackInfo {
  const info: TrackInfo = { end: 0, notes: [], lyrics: [], texts: [] };
  const open = new Map<number, { start: number; key: number; bend: number; velocity: number }[]>();
  const bend = new Array<number>(16).fill(0);
  let tick = 0;
  for (const e of events) {
    tick += e.deltaTime;
    const t = scale(tick);
    switch (e.type) {
      case 'noteOn':
      case 'noteOff': {
        const k = e.channel * 128 + e.noteNumber;
        if (e.type === 'noteOn' && e.velocity > 0) {
          const list = open.get(k) ?? [];
          list.push({ start: t, key: e.noteNumber, bend: bend[e.channel], velocity: e.velocity });
          open.set(k, list);
        } else {
          const n = open.get(k)?.shift();
          if (n) info.notes.push({ ...n, end: t });
        }
        break;
      }
      case 'pitchBend':
        bend[e.channel] = (e.value / 8192) * BEND_RANGE;
        break;
      case 'setTempo':
        if (!smpte) tempo.push({ tick: t, bpm: 60_000_000 / e.microsecondsPerBeat });
        break;
      case 'lyrics':
        info.lyrics.push({ tick: t, text: textOf(e.text) });
        break;
      case 'text':
        info.texts.push({ tick: t, text: textOf(e.text) });
        break;
      case 'trackName':
        info.name ??= textOf(e.text);
        break;
      default:
        break;
    }
  }
  info.end = scale(tick);
  // Notes never switched off end with the track.
  for (const list of open.values()) for (const n of list) info.notes.push({ ...n, end: Math.max(scale(tick), n.start + 1) });
  info.notes.sort((a, b) => a.start - b.start || b.key - a.key);
  return info;
}

/** Karaoke (.kar) text events: "@" lines are headers, "/" and "\" mark line and verse breaks. */
function karaokeText(texts: { tick: number; text: string }[]): { tick: number; text: string }[] {
  return texts.filter((t) => !t.text.startsWith('@')).map((t) => ({ tick: t.tick, text: t.text.replace(/^[/\\]/, '') }));
}

export function readMidi(bytes: Uint8Array, file: string, opts: { track?: number } = {}): MidiResult {
  checkHeader(bytes, file);
  let midi: MidiData;
  try {
    midi = parseMidi(bytes);
  } catch (err) {
    throw new UserError(`corrupt MIDI file: ${err instanceof Error ? err.message : String(err)}`, { file, cause: err });
  }
  const warnings: string[] = [];
  const { header } = midi;
  const smpte = header.ticksPerBeat === undefined;
  // SMPTE timing: ticks are fixed fractions of a second; read them as quarters at 60 bpm.
  const tpq = smpte ? (header.framesPerSecond ?? 25) * (header.ticksPerFrame ?? 40) : header.ticksPerBeat!;
  const scale = (t: number) => Math.round((t * TICKS_PER_QUARTER) / tpq);
  const tempoChanges: { tick: number; bpm: number }[] = smpte ? [{ tick: 0, bpm: 60 }] : [];
  let tracks: TrackInfo[];
  try {
    tracks = midi.tracks.map((t) => readTrack(t, scale, tempoChanges, smpte));
  } catch (err) {
    throw new UserError(`corrupt MIDI track data: ${err instanceof Error ? err.message : String(err)}`, { file, cause: err });
  }
  if (tracks.length < header.numTracks) warnings.push(`the header announces ${header.numTracks} tracks but only ${tracks.length} were found (truncated file?)`);
  const withNotes = tracks.map((t, i) => ({ t, i })).filter((x) => x.t.notes.length > 0);
  if (withNotes.length === 0) throw new UserError('no notes to sing: the MIDI file has no note events', { file });
  let trackIndex: number;
  if (opts.track !== undefined) {
    if (!tracks[opts.track] || tracks[opts.track].notes.length === 0) {
      throw new UserError(`track ${opts.track} has no notes (tracks with notes: ${withNotes.map((x) => x.i).join(', ')})`, { file });
    }
    trackIndex = opts.track;
  } else {
    trackIndex = (withNotes.find((x) => x.t.lyrics.length > 0) ?? withNotes[0]).i;
  }
  const track = tracks[trackIndex];
  let lyrics = track.lyrics;
  if (lyrics.length === 0) lyrics = tracks.flatMap((t) => t.lyrics);
  if (lyrics.length === 0) lyrics = karaokeText(track.texts);
  if (lyrics.length === 0) lyrics = karaokeText(tracks.flatMap((t) => t.texts));
  lyrics = lyrics.filter((l) => l.text.trim() !== '').sort((a, b) => a.tick - b.tick);

  // Each lyric goes to the note starting nearest its tick (within a 32nd), else to the note sounding then.
  const tol = TICKS_PER_QUARTER / 8;
  const notes = track.notes;
  const texts: (string | undefined)[] = new Array(notes.length).fill(undefined);
  let j = 0;
  for (const l of lyrics) {
    while (j < notes.length && notes[j].start < l.tick - tol) j++;
    let target = -1;
    if (j < notes.length && Math.abs(notes[j].start - l.tick) <= tol) target = j;
    else {
      for (let k = Math.min(j, notes.length - 1); k >= 0 && k >= j - 4; k--) {
        if (notes[k].start <= l.tick && notes[k].end > l.tick) {
          target = k;
          break;
        }
      }
    }
    if (target < 0) {
      warnings.push(`lyric "${l.text}" at tick ${l.tick} has no note; dropped`);
      continue;
    }
    texts[target] = (texts[target] ?? '') + l.text;
  }

  const raw: RawNote[] = [];
  let inWord = false;
  notes.forEach((n, k) => {
    const r: RawNote = { startTick: n.start, endTick: n.end, pitch: n.key + n.bend, velocity: n.velocity, where: `track ${trackIndex} tick ${n.start}` };
    const text = texts[k]?.trim();
    if (text !== undefined && text !== '') {
      if (isContinuationLyric(text)) r.continuation = true;
      else {
        // "syl-" continues a word on the next syllable (the usual MIDI/karaoke hyphenation).
        const hyphen = text.length > 1 && text.endsWith('-');
        r.lyric = hyphen ? text.slice(0, -1) : text;
        r.syllabic = hyphen ? (inWord ? 'middle' : 'begin') : inWord ? 'end' : 'single';
        inWord = hyphen;
      }
    }
    raw.push(r);
  });
  // The piece lasts until its last track ends (trailing silence kept).
  const end = Math.max(...tracks.map((t) => t.end));
  raw.push({ startTick: end, endTick: end, pitch: NaN });
  const title = tracks[0]?.name;
  return { raw, tempo: buildTempoMap(tempoChanges), title: title || undefined, selection: { track: trackIndex }, warnings };
}
