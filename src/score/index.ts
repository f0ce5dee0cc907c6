/**
 * Score front end: MusicXML (.musicxml/.xml/.mxl), MIDI (.mid/.midi/.kar), UTAU (.ust) and the project's JSON
 * score, all read into one typed Score (notes and rests tiling the timeline, times in seconds and ticks, phonemes).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors.js';
import type { Language } from '../lyrics/types.js';
import { buildScore } from './build-score.js';
import { readScoreJson } from './json.js';
import { readMidi } from './midi-read.js';
import { decodeXmlBytes, unpackMxl } from './mxl.js';
import { readMusicXml } from './musicxml.js';
import { makePhonemizer } from './phonemize.js';
import type { Score } from './types.js';
import { readUst } from './ust.js';
import { parseXml } from './xml-tree.js';

export type { Score, Note } from './types.js';
export { scoreToJson } from './json.js';
export { scoreToMidi } from './midi-write.js';
export { pitchName, parsePitchName } from './pitch-name.js';
export { formatScoreTable } from './inspect.js';

export interface ScoreOptions {
  /** MusicXML part: its id or name, or its 1-based position. Default: the first part with lyrics. */
  part?: string | number;
  /** MusicXML <voice> within the part. Default: the first voice with lyrics in the chosen verse. */
  voice?: string;
  /** Lyric verse (MusicXML lyric number), 1-based. Default 1 (or the lowest verse present). */
  verse?: number;
  /** MIDI track index (0-based, as stored in the file). Default: the first track with notes and lyrics. */
  track?: number;
  /** Language of the lyrics. Default: detected from the lyrics. */
  language?: Language;
  /** What lyric-less notes are sung on when there is no syllable to continue (default 'la'). */
  defaultSyllable?: string;
}

export type ScoreFormat = 'musicxml' | 'mxl' | 'midi' | 'ust' | 'json';

/** The format from the file name, else from the first bytes. */
export function detectFormat(bytes: Uint8Array, fileName: string): ScoreFormat | undefined {
  const ext = extname(fileName).toLowerCase();
  const byExt: Record<string, ScoreFormat> = {
    '.musicxml': 'musicxml', '.xml': 'musicxml', '.mxl': 'mxl', '.mid': 'midi', '.midi': 'midi', '.kar': 'midi',
    '.smf': 'midi', '.ust': 'ust', '.json': 'json',
  };
  if (byExt[ext]) return byExt[ext];
  const head = String.fromCharCode(...bytes.subarray(0, 512)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('MThd')) return 'midi';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'mxl';
  if (head.startsWith('<')) return 'musicxml';
  if (head.startsWith('{')) return 'json';
  if (/^\[#(VERSION|SETTING|\d{4})\]/.test(head)) return 'ust';
  return undefined;
}

function parseScoreUnchecked(bytes: Uint8Array, file: string, opts: ScoreOptions, forced?: ScoreFormat): Score {
  const format = forced ?? detectFormat(bytes, file);
  if (format === undefined) {
    throw new UserError('unknown score format (expected .musicxml, .xml, .mxl, .mid, .ust or .json)', { file });
  }
  if (bytes.length === 0) throw new UserError('the file is empty', { file });
  const warnings: string[] = [];
  const common = { file, format, language: opts.language, defaultSyllable: opts.defaultSyllable, phonemize: makePhonemizer(warnings), warnings };
  switch (format) {
    case 'musicxml':
    case 'mxl': {
      const text = format === 'mxl' ? unpackMxl(bytes, file) : decodeXmlBytes(bytes);
      const r = readMusicXml(parseXml(text, file), file, opts);
      warnings.push(...r.warnings);
      return buildScore({
        ...common, raw: r.raw, tempo: r.tempo, title: r.title, curves: r.curves, selection: r.selection,
        context: `part ${r.selection.part}, voice ${r.selection.voice}`,
      });
    }
    case 'midi': {
      const r = readMidi(bytes, file, { track: opts.track });
      warnings.push(...r.warnings);
      return buildScore({ ...common, raw: r.raw, tempo: r.tempo, title: r.title, selection: r.selection, context: `track ${r.selection.track}` });
    }
    case 'ust': {
      const r = readUst(bytes, file);
      warnings.push(...r.warnings);
      return buildScore({ ...common, raw: r.raw, tempo: r.tempo, title: r.title });
    }
    case 'json': {
      const text = new TextDecoder('utf-8').decode(bytes);
      const r = readScoreJson(text, file);
      warnings.push(...r.warnings);
      return buildScore({ ...common, language: opts.language ?? r.language, raw: r.raw, tempo: r.tempo, title: r.title, curves: r.curves, selection: r.selection });
    }
  }
}

/** Parses a score from its bytes; the format comes from the extension, else is sniffed. Bad input: UserError. */
export function parseScore(bytes: Uint8Array, fileName: string, opts: ScoreOptions = {}, format?: ScoreFormat): Score {
  const file = fileName;
  try {
    return parseScoreUnchecked(bytes, file, opts, format);
  } catch (err) {
    if (err instanceof UserError) {
      if (err.file) throw err;
      throw new UserError(err.message, { file, where: err.where, cause: err.cause });
    }
    // Anything else here is a reader meeting input it did not expect: still the input's fault, name the file.
    const msg = err instanceof Error ? err.message : String(err);
    throw new UserError(`could not read ${basename(file)}: ${msg}`, { file, cause: err });
  }
}

/** Reads and parses a score file; every error (missing file included) is a UserError naming the file. */
export function loadScore(path: string, opts: ScoreOptions = {}): Score {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`, { file: path, cause: err });
  }
  return parseScore(bytes, path, opts);
}

/** Reads a cantor-score JSON text into a Score. */
export function scoreFromJson(text: string, fileName: string, opts: ScoreOptions = {}): Score {
  return parseScore(new TextEncoder().encode(text), fileName, opts, 'json');
}
