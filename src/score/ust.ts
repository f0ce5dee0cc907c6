/**
 * UTAU .ust reader. A UST is an INI-like list of [#NNNN] note sections (Length in ticks at 480 per quarter,
 * Lyric, NoteNum = MIDI key, Tempo) after [#SETTING]. Text is Shift_JIS (classic UTAU) or UTF-8 (Charset=UTF-8
 * or a valid UTF-8 file); anything else is refused.
 *
 * Pitch curves (UTAU "Mode2"), converted to absolute PitchPoints in the note's overrides:
 *   PBS=x;y   first point: x ms from the note's onset (negative = before it), y in tenths of a semitone relative
 *             to the note (missing y: the previous note's pitch, as UTAU snaps the curve's start to it);
 *   PBW=w1,w2 widths in ms of the successive segments; PBY=y2,... the heights (tenths of a semitone) of the points
 *             after the first; the last point is at 0 (the note's own pitch); PBM=s|l|r|j the segments' shapes.
 *   So point k (k >= 1) is at onset + (x + w1 + ... + wk) ms, pitch = NoteNum + y_k / 10.
 * Vibrato, VBR=length%,cycle ms,depth cents,fade-in%,fade-out%,phase%,height% (UTAU order), becomes
 *   rate = 1000 / cycle Hz, depth = depth cents (peak deviation), delay = (1 - length/100) * note length,
 *   fadeIn / fadeOut = their % of the vibrato's length, phase = phase% / 100. The height (a pitch offset of the
 *   whole vibrato) is dropped with a warning.
 * Intensity (%) becomes overrides.dynamics = 20 log10(Intensity / 100) dB; PreUtterance (ms) overrides.preutterance.
 */
import iconv from 'iconv-lite';
import { UserError } from '../errors.js';
import type { RawNote } from './raw-note.js';
import { buildTempoMap, tickToTime } from './tempo-map.js';
import type { NoteOverrides, PitchPoint, TempoEvent, VibratoSettings } from './types.js';
import { tryShiftJis, tryUtf8 } from './text-decode.js';

export interface UstResult {
  raw: RawNote[];
  tempo: TempoEvent[];
  title?: string;
  warnings: string[];
}

/** Decodes a UST's bytes: BOM / Charset= / valid UTF-8 / valid Shift_JIS, else a UserError. */
export function decodeUst(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = tryUtf8(bytes.subarray(3));
    if (t === undefined) throw new UserError('the file starts with a UTF-8 mark but is not valid UTF-8', { file });
    return t;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) {
    throw new UserError('unknown text encoding (UTF-16 or binary data); save the UST as Shift_JIS or UTF-8', { file });
  }
  const head = String.fromCharCode(...bytes.subarray(0, 2048).filter((b) => b < 0x80));
  const cs = /^\s*Charset\s*=\s*(\S+)/im.exec(head)?.[1];
  if (cs) {
    if (/^utf-?8$/i.test(cs)) {
      const t = tryUtf8(bytes);
      if (t === undefined) throw new UserError('Charset=UTF-8 but the text is not valid UTF-8', { file });
      return t;
    }
    if (!iconv.encodingExists(cs)) throw new UserError(`unknown text encoding "Charset=${cs}"`, { file });
    return iconv.decode(Buffer.from(bytes), cs);
  }
  const text = tryUtf8(bytes) ?? tryShiftJis(bytes);
  if (text === undefined) throw new UserError('unknown text encoding: the UST is neither valid UTF-8 nor valid Shift_JIS', { file });
  return text;
}

function numbers(v: string | undefined, sep: RegExp): (number | undefined)[] {
  if (v === undefined || v.trim() === '') return [];
  return v.split(sep).map((s) => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Number(s)));
}

/** "a か" (VCV) sings "か"; "か_強" style suffixes are kept as they are. */
function ustLyric(lyric: string): string {
  const parts = lyric.trim().split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

export function readUst(bytes: Uint8Array, file: string): UstResult {
  const text = decodeUst(bytes, file);
  const lines = text.split(/\r\n|\r|\n/);
  const sections: { name: string; line: number; kv: Map<string, string> }[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const sec = /^\[#?([^\]]*)\]$/.exec(line);
    if (sec) sections.push({ name: sec[1].toUpperCase(), line: i + 1, kv: new Map() });
    else if (line !== '' && sections.length > 0) {
      const eq = line.indexOf('=');
      if (eq > 0) sections[sections.length - 1].kv.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
  });
  if (!sections.some((s) => s.name === 'SETTING' || /^\d+$/.test(s.name))) {
    throw new UserError('not a UTAU .ust file: no [#SETTING] or [#0000] sections', { file });
  }
  const warnings: string[] = [];
  const setting = sections.find((s) => s.name === 'SETTING');
  const tempoChanges: { tick: number; bpm: number }[] = [];
  const t0 = Number(setting?.kv.get('Tempo')?.replace(',', '.'));
  if (Number.isFinite(t0) && t0 > 0) tempoChanges.push({ tick: 0, bpm: t0 });
  const pending: { r: RawNote; kv: Map<string, string>; line: number }[] = [];
  let tick = 0;
  for (const s of sections) {
    if (!/^\d+$/.test(s.name)) continue;
    const where = `line ${s.line}`;
    const len = Number(s.kv.get('Length'));
    if (!Number.isFinite(len) || len < 0) throw new UserError(`note [#${s.name}] has no valid Length (got "${s.kv.get('Length') ?? ''}")`, { file, where });
    const tempoText = s.kv.get('Tempo');
    if (tempoText !== undefined) {
      const bpm = Number(tempoText.replace(',', '.'));
      if (!Number.isFinite(bpm) || bpm <= 0) throw new UserError(`bad Tempo "${tempoText}"`, { file, where });
      tempoChanges.push({ tick, bpm });
    }
    const lyric = ustLyric(s.kv.get('Lyric') ?? '');
    const key = Number(s.kv.get('NoteNum'));
    const isRest = lyric === '' || /^[Rr]$/.test(lyric);
    if (!isRest && (!Number.isFinite(key) || key < 0 || key > 127)) {
      throw new UserError(`note [#${s.name}] has no valid NoteNum (got "${s.kv.get('NoteNum') ?? ''}")`, { file, where });
    }
    const r: RawNote = { startTick: tick, endTick: tick + Math.round(len), pitch: isRest ? NaN : key, where };
    if (!isRest) {
      if (/^(?:\+|\+~|-|ー)$/.test(lyric)) r.continuation = true;
      else r.lyric = lyric;
      pending.push({ r, kv: s.kv, line: s.line });
    }
    tick += Math.round(len);
    if (isRest) pending.push({ r, kv: new Map(), line: s.line });
  }
  const tempo = buildTempoMap(tempoChanges);
  let droppedHeight = false;
  let prevPitch = NaN;
  let prevEnd = -1;
  for (const { r, kv } of pending) {
    if (Number.isNaN(r.pitch)) {
      prevPitch = NaN;
      continue;
    }
    const ov: NoteOverrides = {};
    const onset = tickToTime(tempo, r.startTick);
    const pbs = kv.get('PBS');
    if (pbs !== undefined) {
      const [x, y0] = numbers(pbs, /[;,]/);
      const widths = numbers(kv.get('PBW'), /,/).map((w) => w ?? 0);
      const ys = numbers(kv.get('PBY'), /,/);
      const shapes = (kv.get('PBM') ?? '').split(',');
      const snap = !Number.isNaN(prevPitch) && prevEnd === r.startTick ? (prevPitch - r.pitch) * 10 : 0;
      let t = onset + (x ?? 0) / 1000;
      const pts: PitchPoint[] = [{ time: t, pitch: r.pitch + (y0 ?? snap) / 10 }];
      widths.forEach((w, k) => {
        t += w / 1000;
        const y = k === widths.length - 1 ? 0 : (ys[k] ?? 0);
        const shape = (shapes[k] ?? '').trim();
        const pt: PitchPoint = { time: t, pitch: r.pitch + y / 10, shape: shape === 'l' || shape === 'r' || shape === 'j' ? shape : 's' };
        pts.push(pt);
      });
      ov.pitchPoints = pts;
    }
    const vbr = kv.get('VBR');
    if (vbr !== undefined && vbr.trim() !== '') {
      const [length, cycle, depth, fin, fout, phase, height] = numbers(vbr, /,/);
      const dur = tickToTime(tempo, r.endTick) - onset;
      const vlen = (dur * Math.max(0, Math.min(100, length ?? 0))) / 100;
      const v: VibratoSettings = {
        enabled: (length ?? 0) > 0 && (depth ?? 0) > 0,
        rate: cycle && cycle > 0 ? 1000 / cycle : undefined,
        depth: depth ?? undefined,
        delay: dur - vlen,
        fadeIn: (vlen * (fin ?? 0)) / 100,
        fadeOut: (vlen * (fout ?? 0)) / 100,
        phase: ((phase ?? 0) / 100) % 1,
      };
      for (const k of Object.keys(v) as (keyof VibratoSettings)[]) if (v[k] === undefined) delete v[k];
      ov.vibrato = v;
      if (height && !droppedHeight) {
        warnings.push('VBR pitch height (its 7th value) is not supported and was dropped');
        droppedHeight = true;
      }
    }
    const intensity = Number(kv.get('Intensity'));
    if (kv.has('Intensity') && Number.isFinite(intensity) && intensity > 0 && intensity !== 100) ov.dynamics = 20 * Math.log10(intensity / 100);
    const pre = Number(kv.get('PreUtterance'));
    if (kv.get('PreUtterance') && Number.isFinite(pre)) ov.preutterance = pre / 1000;
    if (Object.keys(ov).length > 0) r.overrides = ov;
    prevPitch = r.pitch;
    prevEnd = r.endTick;
  }
  const title = setting?.kv.get('ProjectName');
  return { raw: pending.map((p) => p.r), tempo, title: title || undefined, warnings };
}
