/**
 * MusicXML reader (partwise and timewise). Positions are tracked in ticks (480 per quarter) per measure, with
 * <backup>/<forward> moving the cursor so that several voices can share a staff; chord notes share the previous
 * note's onset and only the top one is kept. One part, voice and verse are chosen and turned into RawNotes.
 */
import { UserError } from '../errors.js';
import type { RawNote } from './raw-note.js';
import { buildTempoMap, stretchTempo, tickToTime } from './tempo-map.js';
import { TICKS_PER_QUARTER, type CurvePoint, type ScoreCurves, type TempoEvent } from './types.js';
import { stepSemitone } from './pitch-name.js';
import { child, childText, childrenNamed, type XmlElement } from './xml-tree.js';

export interface MusicXmlOptions {
  part?: string | number;
  voice?: string;
  verse?: number;
}

export interface MusicXmlResult {
  raw: RawNote[];
  tempo: TempoEvent[];
  curves: ScoreCurves;
  title?: string;
  selection: { part: string; voice: string; verse: number };
  warnings: string[];
}

interface XLyric {
  text: string;
  syllabic?: 'single' | 'begin' | 'middle' | 'end';
  extend: boolean;
}

interface XNote {
  start: number;
  end: number;
  pitch: number;
  voice: string;
  chord: boolean;
  grace?: { slash: boolean };
  lyrics: Map<number, XLyric>;
  tieStart: boolean;
  tieStop: boolean;
  slurStart: boolean;
  fermata: boolean;
  breath: boolean;
  accent?: 'accent' | 'strong';
  measure: string;
}

interface XPart {
  id: string;
  name: string;
  notes: XNote[];
  tempo: { tick: number; bpm: number }[];
  dynamics: { tick: number; db: number }[];
  wedges: { tick: number; type: string }[];
  end: number;
}

/** Grace notes take a 32nd note (or half the neighbour, if shorter) from the note they lean on. */
const GRACE_TICKS = TICKS_PER_QUARTER / 8;
/** A fermata holds its note 1.5 times as long (a common performance default). */
const FERMATA_STRETCH = 1.5;
/** Loudness of dynamics marks, dB relative to mf (about 3-6 dB a step, as measured on sung dynamics). */
const DYNAMICS_DB: Record<string, number> = {
  pppp: -24, ppp: -18, pp: -12, p: -6, mp: -3, mf: 0, f: 4, ff: 8, fff: 12, ffff: 16,
  sf: 4, sfz: 4, sffz: 8, fz: 4, rf: 4, rfz: 4, fp: -6, sfp: -6, pf: 4, sfpp: -12,
};
/** A wedge that ends without a new mark changes the level by this much. */
const WEDGE_DB = 6;
const SYLLABIC = new Set(['single', 'begin', 'middle', 'end']);

function fail(file: string, message: string, where?: string): never {
  throw new UserError(message, { file, where });
}

function num(text: string | undefined, file: string, what: string, where: string): number {
  const v = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(v)) fail(file, `${what} is not a number: "${text ?? ''}"`, where);
  return v;
}

/** Verse number of a lyric: its `number` attribute's digits (default 1). */
function verseOf(lyric: XmlElement): number {
  const m = /\d+/.exec(lyric.attrs.number ?? '');
  return m ? Number(m[0]) : 1;
}

function readLyric(el: XmlElement): XLyric | undefined {
  // Elided syllables (<text>a</text><elision/><text>b</text>) are sung on one note; "‿" joins them.
  const texts = childrenNamed(el, 'text').map((t) => t.text.trim());
  const extend = child(el, 'extend') !== undefined && child(el, 'extend')?.attrs.type !== 'stop';
  const syl = childText(el, 'syllabic');
  if (texts.length === 0 || texts.every((t) => t === '')) return extend ? { text: '', extend } : undefined;
  return { text: texts.join('‿'), syllabic: syl && SYLLABIC.has(syl) ? (syl as XLyric['syllabic']) : undefined, extend };
}

function timewiseToPartwise(root: XmlElement): XmlElement {
  const parts = new Map<string, XmlElement>();
  const out: XmlElement = { name: 'score-partwise', attrs: root.attrs, children: [], text: '' };
  for (const c of root.children) {
    if (c.name !== 'measure') {
      out.children.push(c);
      continue;
    }
    for (const p of childrenNamed(c, 'part')) {
      const id = p.attrs.id ?? '';
      let part = parts.get(id);
      if (!part) {
        part = { name: 'part', attrs: { id }, children: [], text: '' };
        parts.set(id, part);
        out.children.push(part);
      }
      part.children.push({ name: 'measure', attrs: c.attrs, children: p.children, text: '' });
    }
  }
  return out;
}

function readPart(partEl: XmlElement, name: string, file: string): XPart {
  const part: XPart = { id: partEl.attrs.id ?? '', name, notes: [], tempo: [], dynamics: [], wedges: [], end: 0 };
  let divisions = 1;
  let measureStart = 0;
  const lastInVoice = new Map<string, XNote>();
  for (const m of childrenNamed(partEl, 'measure')) {
    const mnum = m.attrs.number ?? '?';
    const where = `measure ${mnum}`;
    let pos = 0;
    let maxPos = 0;
    const ticks = (d: number) => (d * TICKS_PER_QUARTER) / divisions;
    const soundTempo = (el: XmlElement | undefined, at: number) => {
      if (el?.attrs.tempo !== undefined) {
        const bpm = Number(el.attrs.tempo);
        if (Number.isFinite(bpm) && bpm > 0) {
          part.tempo.push({ tick: at, bpm });
          return true;
        }
      }
      return false;
    };
    for (const el of m.children) {
      switch (el.name) {
        case 'attributes': {
          const d = childText(el, 'divisions');
          if (d !== undefined) {
            divisions = num(d, file, '<divisions>', where);
            if (divisions <= 0) fail(file, `<divisions> must be positive, got ${divisions}`, where);
          }
          break;
        }
        case 'backup':
          pos -= ticks(num(childText(el, 'duration'), file, '<backup> duration', where));
          if (pos < -1e-6) fail(file, '<backup> goes back before the start of the measure', where);
          pos = Math.max(0, pos);
          break;
        case 'forward':
          pos += ticks(num(childText(el, 'duration'), file, '<forward> duration', where));
          maxPos = Math.max(maxPos, pos);
          break;
        case 'sound':
          soundTempo(el, measureStart + pos);
          break;
        case 'direction': {
          const off = childText(el, 'offset');
          const at = measureStart + pos + (off !== undefined && Number.isFinite(Number(off)) ? ticks(Number(off)) : 0);
          const hasSoundTempo = soundTempo(child(el, 'sound'), at);
          for (const dt of childrenNamed(el, 'direction-type')) {
            for (const d of dt.children) {
              if (d.name === 'metronome' && !hasSoundTempo) {
                const unit = childText(d, 'beat-unit');
                const perMin = Number(childText(d, 'per-minute'));
                const q = { whole: 4, half: 2, quarter: 1, eighth: 0.5, '16th': 0.25, '32nd': 0.125 }[unit ?? ''];
                if (q !== undefined && Number.isFinite(perMin) && perMin > 0) {
                  const dots = childrenNamed(d, 'beat-unit-dot').length;
                  part.tempo.push({ tick: at, bpm: perMin * q * (2 - 0.5 ** dots) });
                }
              } else if (d.name === 'dynamics') {
                for (const mark of d.children) {
                  const db = DYNAMICS_DB[mark.name];
                  if (db !== undefined) part.dynamics.push({ tick: at, db });
                }
              } else if (d.name === 'wedge') {
                part.wedges.push({ tick: at, type: d.attrs.type ?? '' });
              }
            }
          }
          break;
        }
        case 'note': {
          const isChord = child(el, 'chord') !== undefined;
          const graceEl = child(el, 'grace');
          const voice = childText(el, 'voice') ?? '1';
          const durText = childText(el, 'duration');
          if (graceEl === undefined && durText === undefined) fail(file, 'a <note> has no <duration>', where);
          const dur = graceEl ? 0 : ticks(num(durText, file, '<duration>', where));
          if (dur < 0) fail(file, `negative <duration> ${durText}`, where);
          const prev = lastInVoice.get(voice);
          const start = isChord && prev ? prev.start : measureStart + pos;
          let pitch = NaN;
          const p = child(el, 'pitch') ?? child(el, 'unpitched');
          if (p && child(el, 'rest') === undefined) {
            const isPitch = p.name === 'pitch';
            const step = childText(p, isPitch ? 'step' : 'display-step') ?? '';
            const semis = stepSemitone(step);
            if (semis === undefined) fail(file, `bad <step> "${step}"`, where);
            const octave = num(childText(p, isPitch ? 'octave' : 'display-octave'), file, '<octave>', where);
            const alterText = isPitch ? childText(p, 'alter') : undefined;
            const alter = alterText === undefined ? 0 : num(alterText, file, '<alter>', where);
            pitch = (octave + 1) * 12 + semis + alter;
          } else if (child(el, 'rest') === undefined) {
            fail(file, 'a <note> has neither <pitch> nor <rest>', where);
          }
          const notations = childrenNamed(el, 'notations');
          const inNotations = (name: string) => notations.flatMap((n) => childrenNamed(n, name));
          const ties = [...childrenNamed(el, 'tie'), ...inNotations('tied')].map((t) => t.attrs.type);
          const articulations = inNotations('articulations');
          const lyrics = new Map<number, XLyric>();
          for (const l of childrenNamed(el, 'lyric')) {
            const v = verseOf(l);
            const ly = readLyric(l);
            if (ly && !lyrics.has(v)) lyrics.set(v, ly);
          }
          const note: XNote = {
            start,
            end: start + dur,
            pitch,
            voice,
            chord: isChord && prev !== undefined,
            grace: graceEl ? { slash: graceEl.attrs.slash === 'yes' } : undefined,
            lyrics,
            tieStart: ties.includes('start'),
            tieStop: ties.includes('stop'),
            slurStart: inNotations('slur').some((s) => s.attrs.type === 'start'),
            fermata: inNotations('fermata').length > 0,
            breath: articulations.some((a) => child(a, 'breath-mark') !== undefined || child(a, 'caesura') !== undefined),
            accent: articulations.some((a) => child(a, 'strong-accent') !== undefined)
              ? 'strong'
              : articulations.some((a) => child(a, 'accent') !== undefined)
                ? 'accent'
                : undefined,
            measure: mnum,
          };
          if (child(el, 'cue') === undefined) {
            part.notes.push(note);
            if (!note.grace) lastInVoice.set(voice, note);
          }
          if (!isChord && !graceEl) {
            pos += dur;
            maxPos = Math.max(maxPos, pos);
          }
          break;
        }
        default:
          break;
      }
    }
    measureStart += maxPos;
  }
  part.end = measureStart;
  return part;
}

function hasLyricText(n: XNote, verse?: number): boolean {
  for (const [v, l] of n.lyrics) if ((verse === undefined || v === verse) && l.text !== '') return true;
  return false;
}

function choosePart(parts: XPart[], want: string | number | undefined, file: string): XPart {
  const list = () => parts.map((p, i) => `${i + 1}: ${p.id}${p.name ? ` "${p.name}"` : ''}`).join(', ');
  if (want === undefined) return parts.find((p) => p.notes.some((n) => hasLyricText(n))) ?? parts[0];
  if (typeof want === 'string') {
    const w = want.trim().toLowerCase();
    const byName = parts.find((p) => p.id.toLowerCase() === w || p.name.toLowerCase() === w);
    if (byName) return byName;
    if (!/^\d+$/.test(w)) fail(file, `no part "${want}" (parts: ${list()})`);
    want = Number(w);
  }
  const p = parts[want - 1];
  if (!p) fail(file, `no part number ${want} (parts: ${list()})`);
  return p;
}

/** Reads a MusicXML document (already parsed) into the raw notes of one part, voice and verse. */
export function readMusicXml(rootIn: XmlElement, file: string, opts: MusicXmlOptions = {}): MusicXmlResult {
  let root = rootIn;
  if (root.name === 'score-timewise') root = timewiseToPartwise(root);
  else if (root.name !== 'score-partwise') {
    fail(file, `not MusicXML: the root element is <${root.name}>, expected <score-partwise> or <score-timewise>`);
  }
  const warnings: string[] = [];
  const names = new Map<string, string>();
  const partList = child(root, 'part-list');
  for (const sp of partList ? childrenNamed(partList, 'score-part') : []) {
    names.set(sp.attrs.id ?? '', childText(sp, 'part-name') ?? '');
  }
  const partEls = childrenNamed(root, 'part');
  if (partEls.length === 0) fail(file, 'the score has no <part>');
  const parts = partEls.map((p) => readPart(p, names.get(p.attrs.id ?? '') ?? '', file));
  const part = choosePart(parts, opts.part, file);

  // Voice: as asked, else the first (in order of appearance) with lyrics in the verse, else the first.
  const voices = [...new Set(part.notes.map((n) => n.voice))];
  if (voices.length === 0) fail(file, `no notes to sing in part ${part.id}`);
  const verses = [...new Set(part.notes.flatMap((n) => [...n.lyrics.entries()].filter(([, l]) => l.text !== '').map(([v]) => v)))].sort((a, b) => a - b);
  if (opts.verse !== undefined && verses.length > 0 && !verses.includes(opts.verse)) {
    fail(file, `no verse ${opts.verse} in part ${part.id} (verses: ${verses.join(', ')})`);
  }
  const verse = opts.verse ?? (verses.includes(1) || verses.length === 0 ? 1 : verses[0]);
  let voice: string;
  if (opts.voice !== undefined) {
    if (!voices.includes(String(opts.voice))) fail(file, `no voice "${opts.voice}" in part ${part.id} (voices: ${voices.join(', ')})`);
    voice = String(opts.voice);
  } else {
    voice = voices.find((v) => part.notes.some((n) => n.voice === v && hasLyricText(n, verse))) ?? voices[0];
  }

  // The chosen voice, chords merged into their first note (top pitch kept, lyrics of all chord notes pooled).
  const line: XNote[] = [];
  let chordDrops = 0;
  for (const n of part.notes) {
    if (n.voice !== voice) continue;
    const prev = line[line.length - 1];
    if (n.chord && prev && !n.grace) {
      chordDrops++;
      if (n.pitch > prev.pitch || Number.isNaN(prev.pitch)) prev.pitch = n.pitch;
      for (const [v, l] of n.lyrics) if (!prev.lyrics.has(v)) prev.lyrics.set(v, l);
      prev.tieStart ||= n.tieStart;
      prev.tieStop ||= n.tieStop;
      prev.fermata ||= n.fermata;
      prev.breath ||= n.breath;
      prev.accent ??= n.accent;
      continue;
    }
    if (n.chord && prev?.grace && n.grace) {
      if (n.pitch > prev.pitch) prev.pitch = n.pitch;
      chordDrops++;
      continue;
    }
    line.push({ ...n, lyrics: new Map(n.lyrics) });
  }
  if (chordDrops > 0) warnings.push(`${chordDrops} chord note(s) dropped: only the top note of each chord is sung`);

  placeGraceNotes(line);

  // Tempo: all parts' markings (the first part's win at equal ticks), fermatas as local slow-downs.
  let tempoChanges = [...parts].reverse().flatMap((p) => p.tempo);
  for (const n of line) {
    if (n.fermata && n.end > n.start) tempoChanges = stretchTempo(tempoChanges, Math.round(n.start), Math.round(n.end), FERMATA_STRETCH);
  }
  const tempo = buildTempoMap(tempoChanges);

  // Dynamics: the level in force at each note gives its velocity; marks and wedges make the loudness curve.
  const loudness = dynamicsCurve(part, tempo);
  const levelAt = (tick: number) => {
    let db: number | undefined;
    for (const d of part.dynamics) if (d.tick <= tick + 1e-6) db = d.db;
    return db;
  };
  const raw: RawNote[] = line.map((n) => {
    const ly = n.lyrics.get(verse);
    const r: RawNote = {
      startTick: Math.round(n.start),
      endTick: Math.round(n.end),
      pitch: n.pitch,
      tieStart: n.tieStart,
      tieStop: n.tieStop,
      where: `measure ${n.measure}`,
    };
    if (ly && ly.text !== '') {
      r.lyric = ly.text;
      if (ly.syllabic) r.syllabic = ly.syllabic;
    }
    if (ly?.extend || n.slurStart) r.extend = true;
    if (n.fermata) r.fermata = true;
    if (n.breath) r.breath = true;
    if (n.accent) r.accent = n.accent;
    if (n.grace) r.grace = true;
    const db = levelAt(n.start);
    if (db !== undefined && !Number.isNaN(n.pitch)) r.velocity = Math.max(1, Math.min(127, Math.round(80 * 10 ** (db / 40))));
    return r;
  });
  // Keep the part's full length (trailing rests) in the timeline.
  raw.push({ startTick: Math.round(part.end), endTick: Math.round(part.end), pitch: NaN });
  const title = childText(child(root, 'work') ?? { name: '', attrs: {}, children: [], text: '' }, 'work-title') ?? childText(root, 'movement-title');
  return {
    raw,
    tempo,
    curves: loudness.length > 0 ? { loudness } : {},
    title: title || undefined,
    selection: { part: part.id, voice, verse },
    warnings,
  };
}

/**
 * Grace notes get a short length stolen from a neighbour: a slashed grace (acciaccatura) is played before the beat,
 * taken from the previous note; otherwise (appoggiatura) on the beat, taken from the next note, whose syllable
 * moves onto the grace note so the word starts where the sound does.
 */
function placeGraceNotes(line: XNote[]): void {
  for (let i = 0; i < line.length; i++) {
    if (!line[i].grace) continue;
    let j = i;
    while (j < line.length && line[j].grace) j++;
    const graces = line.slice(i, j);
    const principal = line[j];
    if (!principal || Number.isNaN(principal.pitch) || principal.end <= principal.start) {
      line.splice(i, j - i);
      i--;
      continue;
    }
    const before = line[i - 1];
    const slash = graces[0].grace?.slash === true;
    if (slash && before && !Number.isNaN(before.pitch) && Math.abs(before.end - principal.start) < 1e-6) {
      const g = Math.min(graces.length * GRACE_TICKS, (before.end - before.start) / 2);
      before.end -= g;
      graces.forEach((gn, k) => {
        gn.start = before.end + (k * g) / graces.length;
        gn.end = before.end + ((k + 1) * g) / graces.length;
      });
    } else {
      const g = Math.min(graces.length * GRACE_TICKS, (principal.end - principal.start) / 2);
      const t0 = principal.start;
      graces.forEach((gn, k) => {
        gn.start = t0 + (k * g) / graces.length;
        gn.end = t0 + ((k + 1) * g) / graces.length;
      });
      principal.start = t0 + g;
      if (graces[0].lyrics.size === 0) {
        graces[0].lyrics = principal.lyrics;
        principal.lyrics = new Map();
      }
    }
    i = j;
  }
}

function dynamicsCurve(part: XPart, tempo: TempoEvent[]): CurvePoint[] {
  if (part.dynamics.length === 0 && part.wedges.length === 0) return [];
  const events = [
    ...part.dynamics.map((d) => ({ tick: d.tick, kind: 'mark' as const, db: d.db })),
    ...part.wedges.map((w) => ({ tick: w.tick, kind: w.type, db: 0 })),
  ].sort((a, b) => a.tick - b.tick || (a.kind === 'stop' ? -1 : 0));
  const raw: { tick: number; value: number }[] = [];
  const pts = {
    push(p: { tick: number; value: number }) {
      const last = raw[raw.length - 1];
      if (last && last.tick === p.tick && last.value === p.value) return;
      // A step at the very start needs no "before" point.
      if (last && last.tick === p.tick && p.tick === 0 && raw.length === 1) raw.pop();
      raw.push(p);
    },
  };
  let level = 0;
  let wedge: { dir: number } | undefined;
  for (let k = 0; k < events.length; k++) {
    const e = events[k];
    if (e.kind === 'mark') {
      if (!wedge) pts.push({ tick: e.tick, value: level });
      level = e.db;
      pts.push({ tick: e.tick, value: level });
      wedge = undefined;
    } else if (e.kind === 'crescendo' || e.kind === 'diminuendo') {
      pts.push({ tick: e.tick, value: level });
      wedge = { dir: e.kind === 'crescendo' ? 1 : -1 };
    } else if (e.kind === 'stop' && wedge) {
      // Aim at the next mark if it comes right at the wedge's end, else a fixed step.
      const next = events.slice(k + 1).find((x) => x.kind === 'mark');
      const target = next && next.tick - e.tick <= TICKS_PER_QUARTER ? next.db : level + wedge.dir * WEDGE_DB;
      level = target;
      pts.push({ tick: e.tick, value: level });
      wedge = undefined;
    }
  }
  return raw.map((p) => ({ time: tickToTime(tempo, p.tick), value: p.value }));
}
