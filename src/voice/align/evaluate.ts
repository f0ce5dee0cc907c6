/**
 * Evaluation of a phone alignment against reference phone boundaries (tests and benchmarks).
 *
 * The reference files use Festival's US English phone set: lower-case ARPAbet-like symbols, `pau` for pauses.
 * Symbols are compared case-insensitively after these mappings:
 * - Festival writes unstressed AH (CMU `AH0`) as `ax`; CMU has no `ax`, so `ax` and `ah` count as the same phone.
 * - `pau`, `sil`, `sp` and `h#` all count as pause.
 * Festival's own lexicon and post-lexical rules differ from the CMU dictionary in places (e.g. "parked truck" ->
 * `k t t r`, "the" -> `dh iy` before vowels), so the two phone sequences are first aligned by edit distance
 * (Needleman-Wunsch); a boundary is scored only where the phones on both sides of it are paired.
 */
import { readFileSync } from 'node:fs';

export interface TimedPhone {
  start: number;
  end: number;
  symbol: string;
}

const PAUSES = new Set(['pau', 'sil', 'sp', 'h#']);

export function normalisePhone(symbol: string): string {
  const s = symbol.toLowerCase().replace(/[0-9]/g, '');
  if (PAUSES.has(s)) return 'pau';
  if (s === 'ax') return 'ah';
  return s;
}

/** Reads a `start end phone` per line file. */
export function readPhonesFile(path: string): TimedPhone[] {
  const out: TimedPhone[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3) continue;
    out.push({ start: Number(f[0]), end: Number(f[1]), symbol: f[2] });
  }
  return out;
}

interface Item {
  start: number;
  end: number;
  sym: string;
  /** A pause directly precedes / follows this phone. */
  pauseBefore: boolean;
  pauseAfter: boolean;
}

function speechItems(phones: TimedPhone[]): Item[] {
  const items: Item[] = [];
  let pauseBefore = true;
  for (const p of phones) {
    const sym = normalisePhone(p.symbol);
    if (sym === 'pau') {
      if (items.length > 0) items[items.length - 1].pauseAfter = true;
      pauseBefore = true;
      continue;
    }
    items.push({ start: p.start, end: p.end, sym, pauseBefore, pauseAfter: false });
    pauseBefore = false;
  }
  return items;
}

/** Pairs of indices (truth, predicted) from a minimum edit-distance alignment of the two symbol sequences. */
function pairSequences(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const cost = new Float64Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = 0; i <= n; i++) cost[i * w] = i;
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sub = cost[(i - 1) * w + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      cost[i * w + j] = Math.min(sub, cost[(i - 1) * w + j] + 1, cost[i * w + j - 1] + 1);
    }
  }
  const pairs: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const c = cost[i * w + j];
    if (c === cost[(i - 1) * w + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (c === cost[(i - 1) * w + j] + 1) i--;
    else j--;
  }
  return pairs.reverse();
}

export interface BoundaryErrors {
  /** Absolute error in seconds of every scored boundary, in time order. */
  errors: number[];
  /** Median absolute error, seconds. */
  median: number;
  mean: number;
  /** Fraction of boundaries within 20 ms, 50 ms. */
  within20: number;
  within50: number;
  /** Phones paired by symbol / all reference phones (pauses excluded). */
  matchedPhones: number;
  truthPhones: number;
}

/**
 * Boundary errors of `predicted` against `truth`. Scored boundaries: the start of every reference phone (after a
 * pause or after the previous phone) and the end of every reference phone that a pause follows, whenever the
 * neighbouring phones are paired in both sequences.
 */
export function phoneBoundaryErrors(predicted: TimedPhone[], truth: TimedPhone[]): BoundaryErrors {
  const T = speechItems(truth);
  const P = speechItems(predicted);
  const pairs = pairSequences(
    T.map((x) => x.sym),
    P.map((x) => x.sym),
  );
  const predOf = new Int32Array(T.length).fill(-1);
  let matched = 0;
  for (const [i, j] of pairs) {
    predOf[i] = j;
    if (T[i].sym === P[j].sym) matched++;
  }
  const errors: number[] = [];
  for (let i = 0; i < T.length; i++) {
    const j = predOf[i];
    if (j < 0) continue;
    const prevOk = i === 0 ? j === 0 : predOf[i - 1] === j - 1;
    if (prevOk) errors.push(Math.abs(T[i].start - P[j].start));
    if (T[i].pauseAfter) {
      const nextOk = i === T.length - 1 ? j === P.length - 1 : predOf[i + 1] === j + 1;
      if (nextOk) errors.push(Math.abs(T[i].end - P[j].end));
    }
  }
  const sorted = [...errors].sort((x, y) => x - y);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    errors,
    median,
    mean: n === 0 ? NaN : errors.reduce((s, x) => s + x, 0) / n,
    within20: n === 0 ? 0 : errors.filter((e) => e <= 0.02 + 1e-9).length / n,
    within50: n === 0 ? 0 : errors.filter((e) => e <= 0.05 + 1e-9).length / n,
    matchedPhones: matched,
    truthPhones: T.length,
  };
}
