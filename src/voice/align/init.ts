/**
 * The initial segmentation that embedded training starts from (a "flat start" from a uniform segmentation, as in
 * the HTK book's HInit, but anchored to the recording's pauses):
 * 1. the transcript is cut into chunks at its explicit pauses (punctuation);
 * 2. silences found by energy are matched to the chunk breaks by dynamic programming, trading each chunk's speech
 *    duration against its expected duration (sum of per-class duration priors) and favouring long silences;
 * 3. inside each chunk, phones get frames in proportion to their duration priors, split evenly over the 3 states.
 */
import type { PhonemeClass } from '../../lyrics/types.js';
import { PAUSE_MODEL, STATES_PER_UNIT, type Network } from './network.js';
import { silenceRuns, type SilenceRun } from './vad.js';

/** Typical read-speech phone durations by class, seconds (rough averages of the TIMIT-era literature). */
const CLASS_DURATION: Record<PhonemeClass, number> = {
  vowel: 0.095,
  nasal: 0.065,
  liquid: 0.06,
  glide: 0.055,
  plosive: 0.075,
  fricative: 0.09,
  affricate: 0.11,
  silence: 0.2,
};
const DIPHTHONGS = new Set(['AY', 'AW', 'OY', 'EY', 'OW']);

export function durationPrior(model: string, cls: PhonemeClass): number {
  return DIPHTHONGS.has(model) ? 0.13 : CLASS_DURATION[cls];
}

interface Chunk {
  /** Units [first, last] (phones and inserted optional pauses), no explicit pauses. */
  first: number;
  last: number;
  expected: number;
}

/** Per-frame network states (-1 where no unit is assigned) for the initial segmentation. */
/** Expected voicing of a phone class: 1 voiced, 0 voiceless, 0.5 either (obstruents may be voiced or not). */
function expectedVoicing(cls: PhonemeClass): number {
  if (cls === 'vowel' || cls === 'nasal' || cls === 'liquid' || cls === 'glide') return 1;
  if (cls === 'silence') return 0;
  return 0.25;
}

/**
 * Per-frame network states (-1 where no unit is assigned) for the initial segmentation. With `voicing` (0..1 per
 * frame, the F0 tracker's voiced decision), each chunk is cut by dynamic programming that trades the duration
 * priors (log-normal, sd 0.5) against voicing agreement (sonorants voiced, obstruents mostly not) instead of
 * proportionally: with few tokens per phone model (Mandarin: ~50 models for ~270 phones in a reference) embedded
 * training stays near its starting point, so the start must already put initials and finals roughly right.
 */
export function initialSegmentation(net: Network, energyDb: Float64Array, hop: number, voicing?: Float64Array): Int32Array {
  const T = energyDb.length;
  const K = STATES_PER_UNIT;
  const units = net.units;
  const labels = new Int32Array(T).fill(-1);

  // Chunks between explicit pauses; separators are the explicit pause units in between.
  const chunks: Chunk[] = [];
  const separators: number[] = [];
  let first = -1;
  for (let u = 0; u < units.length; u++) {
    const isPause = units[u].model === PAUSE_MODEL;
    const explicit = isPause && units[u].phonemeIndex >= 0;
    if (!isPause && first < 0) first = u;
    if (explicit && first >= 0) {
      chunks.push({ first, last: u - 1, expected: 0 });
      separators.push(u);
      first = -1;
    }
  }
  if (first >= 0) {
    let last = units.length - 1;
    while (last > first && units[last].model === PAUSE_MODEL) last--;
    chunks.push({ first, last, expected: 0 });
  }
  // An explicit pause after the last chunk is not a separator.
  while (separators.length >= chunks.length && separators.length > 0) separators.pop();
  for (const c of chunks) {
    for (let u = c.first; u <= c.last; u++) {
      if (units[u].model !== PAUSE_MODEL) c.expected += durationPrior(units[u].model, units[u].cls);
    }
  }
  if (chunks.length === 0) return labels;

  // Speech span: trim leading and trailing silence.
  const runs = silenceRuns(energyDb, hop, 0.06);
  let a = 0;
  let b = T;
  if (runs.length > 0 && runs[0].start === 0) a = runs[0].end;
  if (runs.length > 0 && runs[runs.length - 1].end === T) b = runs[runs.length - 1].start;
  if (b - a < 1) {
    a = 0;
    b = T;
  }
  const label = (u: number, from: number, to: number) => {
    const n = to - from;
    for (let t = from; t < to; t++) labels[t] = u * K + Math.min(K - 1, Math.floor(((t - from) * K) / Math.max(1, n)));
  };
  if (a > 0 && units[0].model === PAUSE_MODEL) label(0, 0, a);
  const lastUnit = units.length - 1;
  if (b < T && units[lastUnit].model === PAUSE_MODEL) label(lastUnit, b, T);

  const inner = runs.filter((r) => r.start > a && r.end < b);
  const chosen = chooseSeparators(chunks, inner, a, b, hop);
  // Chunk spans and separator silences.
  let cursor = a;
  chunks.forEach((c, i) => {
    const sep = i < chunks.length - 1 ? chosen[i] : null;
    let end: number;
    if (i === chunks.length - 1) end = b;
    else if (sep) end = sep.start;
    else end = cursor + Math.round(((b - cursor) * c.expected) / chunks.slice(i).reduce((s, x) => s + x.expected, 0));
    fillChunk(c, cursor, end);
    if (sep) {
      label(separators[i], sep.start, sep.end);
      cursor = sep.end;
    } else cursor = end;
  });
  return labels;

  function fillChunk(c: Chunk, from: number, to: number): void {
    if (voicing && fillByVoicing(c, from, to)) return;
    let acc = 0;
    const n = to - from;
    for (let u = c.first; u <= c.last; u++) {
      if (units[u].model === PAUSE_MODEL) continue;
      const d = durationPrior(units[u].model, units[u].cls);
      const s = from + Math.round((acc / c.expected) * n);
      acc += d;
      const e = from + Math.round((acc / c.expected) * n);
      label(u, s, e);
    }
  }

  function fillByVoicing(c: Chunk, from: number, to: number): boolean {
    const us: number[] = [];
    for (let u = c.first; u <= c.last; u++) if (units[u].model !== PAUSE_MODEL) us.push(u);
    const n = to - from;
    const U = us.length;
    if (U === 0 || n < U * K) return false;
    const rate = (n * hop) / c.expected;
    // Prefix sums of the voicing mismatch per unit class.
    const cum = (ev: number) => {
      const out = new Float64Array(n + 1);
      for (let t = 0; t < n; t++) out[t + 1] = out[t] + Math.abs(ev - voicing![from + t]);
      return out;
    };
    const cums = new Map<number, Float64Array>();
    const evs = us.map((u) => expectedVoicing(units[u].cls));
    for (const ev of evs) if (!cums.has(ev)) cums.set(ev, cum(ev));
    // best[i][e]: units 0..i-1 cover frames [0, e).
    const best = new Float64Array((U + 1) * (n + 1)).fill(Infinity);
    const arg = new Int32Array((U + 1) * (n + 1)).fill(-1);
    best[0] = 0;
    for (let i = 0; i < U; i++) {
      const u = us[i];
      const mean = (rate * durationPrior(units[u].model, units[u].cls)) / hop;
      const maxD = Math.min(n, Math.ceil(4 * mean) + K);
      const cm = cums.get(evs[i])!;
      for (let s0 = i * K; s0 <= n - (U - i) * K; s0++) {
        const b0 = best[i * (n + 1) + s0];
        if (b0 === Infinity) continue;
        for (let d = K; d <= maxD && s0 + d <= n - (U - i - 1) * K; d++) {
          const l = Math.log(d / mean);
          const v = b0 + (l * l) / (2 * 0.25) + 2 * (cm[s0 + d] - cm[s0]);
          const idx = (i + 1) * (n + 1) + s0 + d;
          if (v < best[idx]) {
            best[idx] = v;
            arg[idx] = s0;
          }
        }
      }
    }
    if (best[U * (n + 1) + n] === Infinity) return false;
    let e = n;
    for (let i = U; i > 0; i--) {
      const s0 = arg[i * (n + 1) + e];
      label(us[i - 1], from + s0, from + e);
      e = s0;
    }
    return true;
  }
}

/**
 * Picks one silence per chunk break, in order, minimising sum over chunks of (log(actual / expected speech
 * duration))^2 / (2 * 0.3^2) minus sum over breaks of log(silence / 0.1 s). Returns null entries when there are
 * too few silences (those breaks fall back to proportional positions).
 */
function chooseSeparators(chunks: Chunk[], runs: SilenceRun[], a: number, b: number, hop: number): (SilenceRun | null)[] {
  const need = chunks.length - 1;
  if (need === 0) return [];
  if (runs.length < need) return new Array(need).fill(null);
  const totalExpected = chunks.reduce((s, c) => s + c.expected, 0);
  let rate = 1;
  let result: SilenceRun[] = [];
  for (let pass = 0; pass < 2; pass++) {
    // Speaking rate: speech time over expected time, excluding the chosen (or, first, the longest) silences.
    const sil =
      pass === 0
        ? [...runs].sort((x, y) => y.end - y.start - (x.end - x.start)).slice(0, need)
        : result;
    const silFrames = sil.reduce((s, r) => s + r.end - r.start, 0);
    rate = ((b - a - silFrames) * hop) / totalExpected;
    const R = runs.length;
    const chunkCost = (c: Chunk, from: number, to: number) => {
      const actual = Math.max(1, to - from) * hop;
      const l = Math.log(actual / (rate * c.expected));
      return (l * l) / (2 * 0.09);
    };
    const silReward = (r: SilenceRun) => Math.log(((r.end - r.start) * hop) / 0.1);
    // cost[i][j]: chunks 0..i placed, break i at run j.
    const cost = new Float64Array(need * R).fill(Infinity);
    const from = new Int32Array(need * R).fill(-1);
    for (let j = 0; j < R; j++) cost[j] = chunkCost(chunks[0], a, runs[j].start) - silReward(runs[j]);
    for (let i = 1; i < need; i++) {
      for (let j = i; j < R; j++) {
        let best = Infinity;
        let arg = -1;
        for (let k = i - 1; k < j; k++) {
          const c = cost[(i - 1) * R + k];
          if (c === Infinity) continue;
          const v = c + chunkCost(chunks[i], runs[k].end, runs[j].start);
          if (v < best) {
            best = v;
            arg = k;
          }
        }
        if (arg >= 0) {
          cost[i * R + j] = best - silReward(runs[j]);
          from[i * R + j] = arg;
        }
      }
    }
    let best = Infinity;
    let arg = -1;
    for (let j = need - 1; j < R; j++) {
      const v = cost[(need - 1) * R + j] + chunkCost(chunks[need], runs[j].end, b);
      if (v < best) {
        best = v;
        arg = j;
      }
    }
    result = new Array(need);
    for (let i = need - 1; i >= 0; i--) {
      result[i] = runs[arg];
      arg = from[i * R + arg];
    }
  }
  return result;
}
