/**
 * Unit fitting: a time warp from the planned slot onto the recorded unit, as a fractional source frame per output
 * frame. Sustainable sounds (vowels, nasals, liquids, glides, fricatives) keep their first and last EDGE seconds at the
 * natural rate (the transitions into and out of the neighbours) and stretch or squeeze the steady middle. A middle
 * stretched more than MAX_STRETCH times does not freeze or crawl: it travels back and forth through the steady
 * region (ping-pong, as in sample-based instruments' sustain loops) so the envelope keeps its natural micro-variation.
 * Plosives hold their closure (the silent start) when they must be longer and are warped linearly when shorter;
 * affricates are warped linearly.
 *
 * A unit given its steady region (steadyRegion: the stretch within STEADY_DB of its loudest frame) and stretched
 * longer than it is stretches or loops that region alone, its onset and release at the natural rate: a recorded
 * syllable rises and fades (espeak-cmn's vowels fade 10-20 dB into the next syllable), and a loop over the whole
 * middle sank a long note by as much every pass (espeak-cmn's 61a: a quarter of its sung vowel frames too quiet for
 * Praat to call voiced).
 */
import type { PhonemeClass } from '../lyrics/types.js';

/** Seconds kept at natural rate at each end of a sustained unit. */
export const EDGE = 0.03;
/** Largest stretch of the steady middle before it ping-pongs instead. */
export const MAX_STRETCH = 2;
/**
 * Speed (source seconds per output second) of the ping-pong through the steady middle. Slow, because a moving envelope
 * moves the pulses' waveform (the minimum-phase response's delay changes with the formants) and so the F0 a listener
 * or a pitch tracker hears: at 0.4, Praat read bursts of +-70 cents at every pass of espeak-cmn's vowels (61a: 16.2
 * cents RMSE); at 0.2, 8.7 (eval/pitch-main.ts).
 */
const PING_PONG_SPEED = 0.2;
/** Shortest steady part (s) that is looped rather than stretched. */
export const MIN_LOOP = 0.06;

function isSustained(cls: PhonemeClass): boolean {
  return cls === 'vowel' || cls === 'nasal' || cls === 'liquid' || cls === 'glide' || cls === 'fricative';
}

/**
 * Maps output time t in [0, target) to source time in [0, source), for a unit of `source` seconds sung for `target`
 * seconds.
 */
export function warpTime(t: number, source: number, target: number, cls: PhonemeClass, steady?: [number, number]): number {
  if (target <= 0 || source <= 0) return 0;
  if (isSustained(cls)) {
    const e = Math.min(EDGE, source / 4, target / 4);
    // Onset and release kept at the natural rate: EDGE each, or up to the steady region when stretching.
    let a = e;
    let b = e;
    if (steady && target > source) {
      a = Math.max(e, Math.min(steady[0], source - e));
      b = Math.max(e, Math.min(source - steady[1], source - a - e));
    }
    const sm = source - a - b;
    const tm = target - a - b;
    if (t < a) return t;
    if (t >= a + tm) return a + sm + (t - a - tm);
    const tau = t - a;
    // A short steady part is stretched rather than looped: looping a few frames quickly would modulate the envelope
    // (and with it the pulses' group delay, heard as a warble and measured as an F0 wobble).
    if (tm <= MAX_STRETCH * sm || sm < MIN_LOOP) return a + (tau * sm) / tm;
    // Ping-pong: an odd number of passes so the last one ends at the far end, where the closing edge takes over.
    let passes = Math.max(1, Math.round((PING_PONG_SPEED * tm) / sm));
    if (passes % 2 === 0) passes += 1;
    const x = (passes * tau) / tm;
    const pass = Math.floor(x);
    const frac = x - pass;
    return a + (pass % 2 === 0 ? frac : 1 - frac) * sm;
  }
  if (cls === 'plosive' && target > source) {
    const hold = target - source;
    return t < hold ? 0 : t - hold;
  }
  return (t * source) / target;
}

/**
 * Fractional source frame (0 .. sourceFrames - 1) for each of `targetFrames` output frames. Source frame k covers
 * [k, k + 1) * sourcePeriod of the unit; output frame j covers [j, j + 1) * targetPeriod of the slot.
 */
export function fitUnit(
  sourceFrames: number,
  sourcePeriod: number,
  targetFrames: number,
  targetPeriod: number,
  cls: PhonemeClass,
  steadyFrames?: [number, number],
): Float64Array {
  const pos = new Float64Array(targetFrames);
  if (sourceFrames <= 1) return pos;
  const source = sourceFrames * sourcePeriod;
  const target = targetFrames * targetPeriod;
  const steady: [number, number] | undefined = steadyFrames && [steadyFrames[0] * sourcePeriod, steadyFrames[1] * sourcePeriod];
  for (let j = 0; j < targetFrames; j++) {
    const s = warpTime((j + 0.5) * targetPeriod, source, target, cls, steady);
    pos[j] = Math.min(sourceFrames - 1, Math.max(0, s / sourcePeriod - 0.5));
  }
  return pos;
}

/** Frames within this many dB of a unit's loudest frame make its steady region. */
export const STEADY_DB = 6;

/**
 * The steady region [first, end) of a unit from its frame levels (dB, any offset): the longest run of frames within
 * STEADY_DB of the loudest, widened towards the louder neighbour to at least minFrames when the unit has them.
 */
export function steadyRegion(levelDb: ArrayLike<number>, minFrames: number): [number, number] {
  const n = levelDb.length;
  let peak = -Infinity;
  for (let i = 0; i < n; i++) peak = Math.max(peak, levelDb[i]);
  let first = 0;
  let end = 0;
  for (let i = 0; i < n; ) {
    if (levelDb[i] < peak - STEADY_DB) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && levelDb[j] >= peak - STEADY_DB) j++;
    if (j - i > end - first) [first, end] = [i, j];
    i = j;
  }
  while (end - first < Math.min(minFrames, n)) {
    if (first > 0 && (end >= n || levelDb[first - 1] >= levelDb[end])) first--;
    else end++;
  }
  return [first, end];
}
