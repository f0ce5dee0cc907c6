import { writeMidi, type MidiEvent } from 'midi-file';
import { TICKS_PER_QUARTER, type Score } from './types.js';

/** UTF-8 bytes of `text` as a one-char-per-byte string (midi-file writes each char code as a byte). */
function byteString(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

type Timed = { tick: number; order: number; event: Omit<MidiEvent, 'deltaTime'> };

function toTrack(items: Timed[], endTick: number): MidiEvent[] {
  items.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const out: MidiEvent[] = [];
  let last = 0;
  for (const it of items) {
    out.push({ ...it.event, deltaTime: it.tick - last } as MidiEvent);
    last = it.tick;
  }
  out.push({ deltaTime: Math.max(0, endTick - last), meta: true, type: 'endOfTrack' } as MidiEvent);
  return out;
}

/**
 * Writes a Score as a type-1 Standard MIDI File at 480 ticks per quarter: track 0 holds the title and the tempo
 * map, track 1 the notes with a UTF-8 lyric event on each syllable ("syl-" when the word goes on). Microtones are
 * written as pitch bends (range +-2 semitones).
 */
export function scoreToMidi(score: Score): Uint8Array {
  const endTick = score.notes.length ? score.notes[score.notes.length - 1].endTick : 0;
  const conductor: Timed[] = [];
  if (score.title) conductor.push({ tick: 0, order: 0, event: { meta: true, type: 'trackName', text: byteString(score.title) } as never });
  for (const t of score.tempo) {
    conductor.push({ tick: t.tick, order: 1, event: { meta: true, type: 'setTempo', microsecondsPerBeat: Math.round(60_000_000 / t.bpm) } as never });
  }
  const voice: Timed[] = [{ tick: 0, order: 0, event: { meta: true, type: 'trackName', text: 'voice' } as never }];
  let bend = 0;
  for (const n of score.notes) {
    if (n.kind === 'rest') continue;
    const key = Math.max(0, Math.min(127, Math.round(n.pitch)));
    const want = Math.max(-8192, Math.min(8191, Math.round(((n.pitch - key) / 2) * 8192)));
    if (want !== bend) {
      voice.push({ tick: n.startTick, order: 1, event: { type: 'pitchBend', channel: 0, value: want } as never });
      bend = want;
    }
    if (n.kind === 'syllable' && n.lyric !== '') {
      const hyphen = n.syllabic === 'begin' || n.syllabic === 'middle';
      voice.push({ tick: n.startTick, order: 2, event: { meta: true, type: 'lyrics', text: byteString(n.lyric + (hyphen ? '-' : '')) } as never });
    }
    const velocity = Math.max(1, Math.min(127, Math.round(n.velocity ?? 80)));
    voice.push({ tick: n.startTick, order: 3, event: { type: 'noteOn', channel: 0, noteNumber: key, velocity } as never });
    // Note-offs sort before the next note's events at the same tick.
    voice.push({ tick: n.endTick, order: -1, event: { type: 'noteOff', channel: 0, noteNumber: key, velocity: 0 } as never });
  }
  const data = {
    header: { format: 1 as const, numTracks: 2, ticksPerBeat: TICKS_PER_QUARTER },
    tracks: [toTrack(conductor, endTick), toTrack(voice, endTick)],
  };
  return Uint8Array.from(writeMidi(data, { running: false }));
}
