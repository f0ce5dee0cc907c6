/**
 * Unit selection: which recorded unit of the voice sings each planned phoneme. This is the classic concatenative
 * search (Hunt & Black, "Unit selection in a concatenative speech synthesis system using a large speech database",
 * ICASSP 1996): a target cost says how well a unit fits its slot (same phoneme, same neighbours, close F0 and
 * duration), a join cost says how well two units follow each other (mel-cepstral distance across the join; zero for
 * units that were adjacent in the recording), and a Viterbi search finds the sequence with the least total cost.
 *
 * Phonemes the voice lacks fall back to voice.substitutes (the voice's language), else, for a phoneme of another
 * language, to the voice's phoneme nearest by articulation (src/voice/substitutes.ts), else to the phoneme of the
 * same class (and voicing) the voice has most units of; every fallback is reported.
 */
import { findPhonemeInfo, inventory } from '../lyrics/index.js';
import type { PhonemeClass, PhonemeInfo } from '../lyrics/types.js';
import { nearestPhoneme } from '../voice/substitutes.js';
import type { Voice, VoiceUnit } from '../voice/types.js';

/** One slot to fill: a planned phoneme with its context and what the plan asks of it. */
export interface SelectionTarget {
  phoneme: string;
  cls: PhonemeClass;
  voiced: boolean;
  left: string;
  right: string;
  /** Planned F0 (median over the slot's voiced frames), Hz; 0 if none. */
  f0: number;
  /** Planned duration, s. */
  duration: number;
}

export interface Fallback {
  /** The phoneme the plan asked for. */
  phoneme: string;
  /** What was sung instead. */
  used: string;
  reason: 'substitute' | 'same-class' | 'any-class';
}

export interface SelectionWeights {
  /** Cost of a left / right context mismatch (each). */
  context: number;
  /** Cost per octave of F0 distance. */
  f0: number;
  /** Cost per unit of |log2(duration ratio)| (consonants; vowels are stretched anyway). */
  duration: number;
  /** Cost per unit of mel-cepstral distance (Euclidean, c1..c_M) across a join. */
  join: number;
  /** Cost of a low alignment confidence: (1 - confidence) * this. */
  confidence: number;
  /** Cost per 6 dB that a unit is quieter than its phoneme's median (a unit that is partly silence is misaligned). */
  energy: number;
}

export const DEFAULT_WEIGHTS: SelectionWeights = { context: 1, f0: 2, duration: 0.5, join: 1, confidence: 1, energy: 1 };

/** Vowel units shorter than this (s) cost more for long slots. */
const LONG_VOWEL = 0.15;

/** At most this many candidates per slot (the best by target cost) enter the Viterbi search. */
const MAX_CANDIDATES = 24;

export interface SelectionResult {
  /** Unit index per target, or -1 where the target is silence/breath or no unit could be found. */
  units: number[];
  /** The phoneme actually used per target (differs from the target's on a fallback). */
  used: string[];
  fallbacks: Fallback[];
}

/** Targets that the renderer makes from noise or silence rather than from units. */
export function isNonUnitPhoneme(phoneme: string, cls: PhonemeClass): boolean {
  return phoneme === 'pau' || phoneme === 'br' || phoneme === 'sil' || cls === 'silence';
}

/** Index of the voice's units by phoneme. */
export function unitsByPhoneme(voice: Voice): Map<string, number[]> {
  const m = new Map<string, number[]>();
  voice.units.forEach((u, i) => {
    if (u.frameCount <= 0) return;
    let l = m.get(u.phoneme);
    if (!l) m.set(u.phoneme, (l = []));
    l.push(i);
  });
  return m;
}

/** The phonemes of the voice's language that it has units of (not silence). */
function presentPhonemes(voice: Voice, byPhoneme: Map<string, number[]>): PhonemeInfo[] {
  return inventory(voice.language).filter((p) => p.cls !== 'silence' && byPhoneme.has(p.symbol));
}

/** What stands in for `phoneme` when the voice has no unit of it. */
export function resolvePhoneme(
  phoneme: string,
  cls: PhonemeClass,
  voiced: boolean,
  voice: Voice,
  byPhoneme: Map<string, number[]>,
): { used: string; reason?: Fallback['reason'] } | undefined {
  if (byPhoneme.has(phoneme)) return { used: phoneme };
  const sub = voice.substitutes[phoneme];
  if (sub !== undefined && byPhoneme.has(sub)) return { used: sub, reason: 'substitute' };
  // A phoneme of another language (English lyrics for a Mandarin voice): the nearest the voice has, by articulation.
  const info = findPhonemeInfo(phoneme, cls, voiced);
  if (info) {
    const near = nearestPhoneme(info, presentPhonemes(voice, byPhoneme));
    if (near) return { used: near.symbol, reason: 'substitute' };
  }
  let best: string | undefined;
  let bestScore = -1;
  for (const [p, list] of byPhoneme) {
    const u = voice.units[list[0]];
    if (u.cls !== cls || isNonUnitPhoneme(p, u.cls)) continue;
    // Same voicing first, then the best-covered phoneme (most units: the most choice for the search).
    const score = (u.voiced === voiced ? 1e6 : 0) + list.length;
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  if (best !== undefined) return { used: best, reason: 'same-class' };
  // No unit of the class at all: a voiced target takes the best-covered vowel, an unvoiced one a fricative.
  const want: PhonemeClass = voiced ? 'vowel' : 'fricative';
  for (const [p, list] of byPhoneme) {
    const u = voice.units[list[0]];
    if (u.cls !== want) continue;
    if (list.length > bestScore) {
      bestScore = list.length;
      best = p;
    }
  }
  return best !== undefined ? { used: best, reason: 'any-class' } : undefined;
}

function targetCost(t: SelectionTarget, u: VoiceUnit, voice: Voice, w: SelectionWeights, medianEnergy: number): number {
  let c = 0;
  if (u.energy < medianEnergy) c += (w.energy * (medianEnergy - u.energy)) / 6;
  if (u.left !== t.left) c += w.context;
  if (u.right !== t.right) c += w.context;
  if (t.f0 > 0 && u.f0 > 0) c += w.f0 * Math.abs(Math.log2(t.f0 / u.f0));
  else if (t.f0 > 0 && t.voiced) c += w.f0; // a voiced slot from a unit with no F0 of its own
  const dur = Math.max(u.frameCount * voice.framePeriod, 1e-3);
  if (t.cls === 'vowel') {
    // Vowels are stretched to the note anyway, but a longer unit has a longer steady part to stretch: short ones
    // (reduced, coarticulated vowels) are penalised up to LONG_VOWEL seconds.
    const want = Math.min(t.duration, LONG_VOWEL);
    if (dur < want) c += w.duration * 2 * Math.log2(want / dur);
  } else if (t.duration > 0) c += w.duration * Math.abs(Math.log2(t.duration / dur));
  if (u.confidence !== undefined) c += w.confidence * (1 - Math.min(1, Math.max(0, u.confidence)));
  return c;
}

/** Euclidean distance between the last frame of unit a and the first frame of unit b (c1..c_M; c0 is loudness). */
function joinCost(a: VoiceUnit, b: VoiceUnit, voice: Voice): number {
  if (b.frameStart === a.frameStart + a.frameCount) return 0;
  const d = voice.mcepOrder + 1;
  const mc = voice.frames.mcep;
  const ia = (a.frameStart + a.frameCount - 1) * d;
  const ib = b.frameStart * d;
  let s = 0;
  for (let k = 1; k < d; k++) {
    const x = mc[ia + k] - mc[ib + k];
    s += x * x;
  }
  return Math.sqrt(s);
}

/**
 * Picks a unit for every target. Silence and breath targets (isNonUnitPhoneme) get -1 and cut the search into
 * independent runs (nothing joins across a silence).
 */
export function selectUnits(targets: SelectionTarget[], voice: Voice, weights: Partial<SelectionWeights> = {}): SelectionResult {
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  const byPhoneme = unitsByPhoneme(voice);
  const units = new Array<number>(targets.length).fill(-1);
  const used = targets.map((t) => t.phoneme);
  const fallbacks: Fallback[] = [];
  const seen = new Set<string>();
  const resolved = new Map<string, ReturnType<typeof resolvePhoneme>>();
  const candidates: number[][] = [];
  const costs: Float64Array[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (isNonUnitPhoneme(t.phoneme, t.cls)) {
      candidates.push([]);
      costs.push(new Float64Array(0));
      continue;
    }
    const key = `${t.phoneme}|${t.cls}|${t.voiced}`;
    if (!resolved.has(key)) resolved.set(key, resolvePhoneme(t.phoneme, t.cls, t.voiced, voice, byPhoneme));
    const r = resolved.get(key);
    if (!r) {
      candidates.push([]);
      costs.push(new Float64Array(0));
      continue;
    }
    used[i] = r.used;
    if (r.reason && !seen.has(t.phoneme)) {
      seen.add(t.phoneme);
      fallbacks.push({ phoneme: t.phoneme, used: r.used, reason: r.reason });
    }
    const all = byPhoneme.get(r.used)!;
    const energies = all.map((u) => voice.units[u].energy).sort((a, b) => a - b);
    const medianEnergy = energies[energies.length >> 1];
    const scored = all.map((u) => ({ u, c: targetCost(t, voice.units[u], voice, w, medianEnergy) }));
    scored.sort((a, b) => a.c - b.c || a.u - b.u);
    const keep = scored.slice(0, MAX_CANDIDATES);
    candidates.push(keep.map((s) => s.u));
    costs.push(Float64Array.from(keep.map((s) => s.c)));
  }

  // Viterbi over each run of consecutive unit targets.
  let i = 0;
  while (i < targets.length) {
    if (candidates[i].length === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < targets.length && candidates[j].length > 0) j++;
    const back: Int32Array[] = [];
    let acc = Float64Array.from(costs[i]);
    back.push(new Int32Array(acc.length).fill(-1));
    for (let k = i + 1; k < j; k++) {
      const prev = candidates[k - 1];
      const cur = candidates[k];
      const next = new Float64Array(cur.length);
      const bp = new Int32Array(cur.length);
      for (let b = 0; b < cur.length; b++) {
        let best = Infinity;
        let arg = 0;
        const ub = voice.units[cur[b]];
        for (let a = 0; a < prev.length; a++) {
          const c = acc[a] + w.join * joinCost(voice.units[prev[a]], ub, voice);
          if (c < best) {
            best = c;
            arg = a;
          }
        }
        next[b] = best + costs[k][b];
        bp[b] = arg;
      }
      acc = next;
      back.push(bp);
    }
    let arg = 0;
    for (let b = 1; b < acc.length; b++) if (acc[b] < acc[arg]) arg = b;
    for (let k = j - 1; k >= i; k--) {
      units[k] = candidates[k][arg];
      arg = back[k - i][arg];
    }
    i = j;
  }
  return { units, used, fallbacks };
}
