import { TICKS_PER_QUARTER, type TempoEvent } from './types.js';

/** Default tempo when a file gives none (the MIDI and MusicXML default). */
export const DEFAULT_BPM = 120;

/**
 * Builds a tempo map (times filled in) from tempo changes at ticks. The map always starts at tick 0, at
 * DEFAULT_BPM until the first change (as MIDI and MusicXML specify); of several changes at one tick the last wins;
 * changes that repeat the tempo in force are dropped.
 */
export function buildTempoMap(changes: { tick: number; bpm: number }[]): TempoEvent[] {
  const sorted = changes
    .filter((c) => Number.isFinite(c.bpm) && c.bpm > 0 && Number.isFinite(c.tick) && c.tick >= 0)
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => a.tick - b.tick || a.i - b.i);
  const map: TempoEvent[] = [{ tick: 0, time: 0, bpm: DEFAULT_BPM }];
  for (const c of sorted) {
    const last = map[map.length - 1];
    if (c.tick === last.tick) {
      last.bpm = c.bpm;
      continue;
    }
    if (c.bpm === last.bpm) continue;
    const time = last.time + ((c.tick - last.tick) / TICKS_PER_QUARTER) * (60 / last.bpm);
    map.push({ tick: c.tick, time, bpm: c.bpm });
  }
  return map;
}

/** Recomputes `time` of every event from ticks and bpm (after editing a map). */
export function retimeTempoMap(map: TempoEvent[]): TempoEvent[] {
  return buildTempoMap(map.map((e) => ({ tick: e.tick, bpm: e.bpm })));
}

/** Index of the tempo event in force at `tick` (binary search). */
function eventAt(map: TempoEvent[], tick: number): TempoEvent {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid].tick <= tick) lo = mid;
    else hi = mid - 1;
  }
  return map[lo];
}

export function tickToTime(map: TempoEvent[], tick: number): number {
  const e = eventAt(map, tick);
  return e.time + ((tick - e.tick) / TICKS_PER_QUARTER) * (60 / e.bpm);
}

export function bpmAt(map: TempoEvent[], tick: number): number {
  return eventAt(map, tick).bpm;
}

/**
 * Slows the tempo by `factor` (> 1 lengthens) over [startTick, endTick): used for fermatas, so that ticks stay
 * musical positions while the held note lasts longer in seconds.
 */
export function stretchTempo(
  changes: { tick: number; bpm: number }[],
  startTick: number,
  endTick: number,
  factor: number,
): { tick: number; bpm: number }[] {
  const map = buildTempoMap(changes);
  const out = map.filter((e) => e.tick < startTick || e.tick >= endTick).map((e) => ({ tick: e.tick, bpm: e.bpm }));
  for (const e of map) {
    if (e.tick > startTick && e.tick < endTick) out.push({ tick: e.tick, bpm: e.bpm / factor });
  }
  out.push({ tick: startTick, bpm: bpmAt(map, startTick) / factor });
  if (!map.some((e) => e.tick === endTick)) out.push({ tick: endTick, bpm: bpmAt(map, endTick) });
  return out.sort((a, b) => a.tick - b.tick);
}
