/** Builders for score files generated inside the tests. */
import { zipSync } from 'fflate';
import { writeMidi, type MidiEvent } from 'midi-file';

/** A one-part partwise MusicXML document around the given measures' inner XML. */
export function musicXml(measures: string[], opts: { divisions?: number; parts?: { id: string; name: string; measures: string[] }[] } = {}): string {
  const parts = opts.parts ?? [{ id: 'P1', name: 'Voice', measures }];
  return `<?xml version="1.0" encoding="UTF-8"?>
<score-partwise version="4.0">
  <work><work-title>Generated</work-title></work>
  <part-list>${parts.map((p) => `<score-part id="${p.id}"><part-name>${p.name}</part-name></score-part>`).join('')}</part-list>
  ${parts
    .map(
      (p) => `<part id="${p.id}">${p.measures
        .map((m, i) => `<measure number="${i + 1}">${i === 0 ? `<attributes><divisions>${opts.divisions ?? 1}</divisions></attributes>` : ''}${m}</measure>`)
        .join('\n')}</part>`,
    )
    .join('\n')}
</score-partwise>`;
}

/** A <note>: step like "C", "F#" (alter from # / b, or a number via alter), octave, duration in divisions. */
export function xnote(
  pitch: string | null,
  dur: number,
  extra: { lyric?: string; syllabic?: string; verse?: number; alter?: number; voice?: string; inner?: string; notations?: string; chord?: boolean; grace?: string } = {},
): string {
  let p = '<rest/>';
  if (pitch) {
    const m = /^([A-G])(#|b)?(\d)$/.exec(pitch)!;
    const alter = extra.alter ?? (m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0);
    p = `<pitch><step>${m[1]}</step>${alter ? `<alter>${alter}</alter>` : ''}<octave>${m[3]}</octave></pitch>`;
  }
  const lyric = extra.lyric !== undefined
    ? `<lyric number="${extra.verse ?? 1}">${extra.syllabic ? `<syllabic>${extra.syllabic}</syllabic>` : ''}<text>${extra.lyric}</text></lyric>`
    : '';
  return `<note>${extra.grace ?? ''}${extra.chord ? '<chord/>' : ''}${p}${extra.grace ? '' : `<duration>${dur}</duration>`}<voice>${extra.voice ?? '1'}</voice>${extra.inner ?? ''}${extra.notations ? `<notations>${extra.notations}</notations>` : ''}${lyric}</note>`;
}

export function mxl(xml: string, path = 'score.musicxml'): Uint8Array {
  const enc = new TextEncoder();
  return zipSync({
    mimetype: enc.encode('application/vnd.recordare.musicxml'),
    'META-INF/container.xml': enc.encode(
      `<?xml version="1.0"?><container><rootfiles><rootfile full-path="${path}" media-type="application/vnd.recordare.musicxml+xml"/></rootfiles></container>`,
    ),
    [path]: enc.encode(xml),
  });
}

/** One-char-per-byte string for midi-file's text events. */
export function bytesToMidiText(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

export interface MidiNoteSpec {
  tick: number;
  dur: number;
  key: number;
  lyric?: Uint8Array | string;
}

/** Events of one track: absolute-tick items turned into delta times, end-of-track added. */
export function track(items: { tick: number; event: Record<string, unknown> }[]): MidiEvent[] {
  const sorted = items.map((x, i) => ({ ...x, i })).sort((a, b) => a.tick - b.tick || a.i - b.i);
  let last = 0;
  const out = sorted.map((x) => {
    const e = { ...x.event, deltaTime: x.tick - last } as unknown as MidiEvent;
    last = x.tick;
    return e;
  });
  out.push({ deltaTime: 0, meta: true, type: 'endOfTrack' } as MidiEvent);
  return out;
}

export function noteEvents(notes: MidiNoteSpec[], withLyrics = true): { tick: number; event: Record<string, unknown> }[] {
  const out: { tick: number; event: Record<string, unknown> }[] = [];
  for (const n of notes) {
    if (withLyrics && n.lyric !== undefined) {
      const text = typeof n.lyric === 'string' ? bytesToMidiText(new TextEncoder().encode(n.lyric)) : bytesToMidiText(n.lyric);
      out.push({ tick: n.tick, event: { meta: true, type: 'lyrics', text } });
    }
    out.push({ tick: n.tick, event: { type: 'noteOn', channel: 0, noteNumber: n.key, velocity: 90 } });
    out.push({ tick: n.tick + n.dur, event: { type: 'noteOff', channel: 0, noteNumber: n.key, velocity: 0 } });
  }
  return out;
}

export function lyricEvents(notes: MidiNoteSpec[]): { tick: number; event: Record<string, unknown> }[] {
  return notes
    .filter((n) => n.lyric !== undefined)
    .map((n) => ({
      tick: n.tick,
      event: { meta: true, type: 'lyrics', text: typeof n.lyric === 'string' ? bytesToMidiText(new TextEncoder().encode(n.lyric)) : bytesToMidiText(n.lyric!) },
    }));
}

export function smf(format: 0 | 1, ticksPerBeat: number, tracks: MidiEvent[][]): Uint8Array {
  return Uint8Array.from(writeMidi({ header: { format, numTracks: tracks.length, ticksPerBeat }, tracks }));
}

export function tempoEvent(tick: number, bpm: number) {
  return { tick, event: { meta: true, type: 'setTempo', microsecondsPerBeat: Math.round(60_000_000 / bpm) } };
}
