/**
 * Weight-free frame selection for voice conversion, in the spirit of kNN-VC (Baas, van Niekerk & Kamper 2023,
 * "Voice conversion with just nearest neighbors"): every input frame is replaced by the average of its k nearest
 * frames of the target voice. kNN-VC matches self-supervised (WavLM) features, which are already largely speaker-free;
 * here the feature is the low mel-cepstrum c1..cD, made speaker-independent by per-speaker mean and variance
 * normalisation (each speaker's own statistics, over frames of the same voicing class), so that "the input's typical
 * vowel" lands on "the voice's typical vowel" and the deviations from it (which phoneme) are what is matched.
 *
 * Join cost: among the nearest few candidates, one that continues in the recording from a neighbour chosen for the
 * previous input frame (its successor, within a frame) has its distance lowered (JOIN_BONUS), so stretches of input
 * follow stretches of the recording where the match is about as good: smoother timbre, fewer jumps.
 */

/** A bank of target frames to search: normalised features, row-major count x dims, and their frame indices. */
export interface FrameBank {
  dims: number;
  count: number;
  feats: Float32Array;
  /** Frame index in the voice of each row. */
  frame: Int32Array;
}

export interface NormStats {
  mean: Float64Array;
  /** Standard deviation per dimension (floored). */
  std: Float64Array;
}

/**
 * Mean and standard deviation of c1..cdims over the given frames of a row-major mel-cepstrum (rowDim values a row).
 * Fewer than 2 frames: mean 0, std 1 (no normalisation).
 */
export function normStats(mcep: ArrayLike<number>, rowDim: number, frames: ArrayLike<number>, dims: number): NormStats {
  const mean = new Float64Array(dims);
  const std = new Float64Array(dims).fill(1);
  const n = frames.length;
  if (n < 2) return { mean, std };
  const sq = new Float64Array(dims);
  for (let j = 0; j < n; j++) {
    const o = frames[j] * rowDim + 1;
    for (let d = 0; d < dims; d++) {
      const v = mcep[o + d];
      mean[d] += v;
      sq[d] += v * v;
    }
  }
  for (let d = 0; d < dims; d++) {
    mean[d] /= n;
    std[d] = Math.sqrt(Math.max(1e-8, sq[d] / n - mean[d] * mean[d]));
  }
  return { mean, std };
}

/** Normalised features (c1..cdims - mean) / std of the given frames, as a bank. */
export function makeBank(mcep: ArrayLike<number>, rowDim: number, frames: ArrayLike<number>, stats: NormStats): FrameBank {
  const dims = stats.mean.length;
  const count = frames.length;
  const feats = new Float32Array(count * dims);
  const frame = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    const f = frames[j];
    frame[j] = f;
    const o = f * rowDim + 1;
    for (let d = 0; d < dims; d++) feats[j * dims + d] = (mcep[o + d] - stats.mean[d]) / stats.std[d];
  }
  return { dims, count, feats, frame };
}

export interface SelectOptions {
  /** Neighbours averaged per input frame (default 6). */
  k?: number;
  /** Candidates the join cost chooses among (default 3 k). */
  candidates?: number;
  /** Distance factor of a candidate that continues the previous frame's selection (default JOIN_BONUS). */
  joinBonus?: number;
}

/** A candidate continuing the previous selection counts its squared distance times this. */
export const JOIN_BONUS = 0.75;

export interface Selection {
  k: number;
  /** Chosen bank rows, queries x k (rows, not voice frames; -1 where the bank was empty). */
  rows: Int32Array;
  /** Queries whose choice included a continuation of the previous query's. */
  continued: number;
}

/**
 * For each query (row-major, queries x bank.dims, already normalised), the k bank rows chosen: the `candidates`
 * nearest by squared Euclidean distance, re-ranked with the join bonus, the best k kept. `prev[q]` is the query whose
 * choice query q continues (-1: none, e.g. after a gap) and `step[q]` the voice frames expected between them.
 */
export function selectFrames(
  queries: Float32Array,
  bank: FrameBank,
  prev: Int32Array,
  step: Int32Array,
  opts: SelectOptions = {},
): Selection {
  const dims = bank.dims;
  const nq = queries.length / dims;
  const k = Math.max(1, Math.min(opts.k ?? 6, bank.count || 1));
  const L = Math.max(k, Math.min(opts.candidates ?? 3 * k, bank.count || 1));
  const bonus = opts.joinBonus ?? JOIN_BONUS;
  const rows = new Int32Array(nq * k).fill(-1);
  let continued = 0;
  if (bank.count === 0) return { k, rows, continued };
  const feats = bank.feats;
  const bestD = new Float64Array(L);
  const bestR = new Int32Array(L);
  const cost = new Float64Array(L);
  const order = new Int32Array(L);
  for (let q = 0; q < nq; q++) {
    const qo = q * dims;
    bestD.fill(Infinity);
    bestR.fill(-1);
    let worst = Infinity;
    for (let r = 0; r < bank.count; r++) {
      const ro = r * dims;
      let s = 0;
      let d = 0;
      // Partial distance: stop as soon as it cannot enter the candidate list.
      for (; d + 4 <= dims; d += 4) {
        const a = feats[ro + d] - queries[qo + d];
        const b = feats[ro + d + 1] - queries[qo + d + 1];
        const c = feats[ro + d + 2] - queries[qo + d + 2];
        const e = feats[ro + d + 3] - queries[qo + d + 3];
        s += a * a + b * b + c * c + e * e;
        if (s >= worst) break;
      }
      if (s >= worst) continue;
      for (; d < dims; d++) {
        const a = feats[ro + d] - queries[qo + d];
        s += a * a;
      }
      if (s >= worst) continue;
      // Insert into the sorted candidate list.
      let i = L - 1;
      while (i > 0 && bestD[i - 1] > s) {
        bestD[i] = bestD[i - 1];
        bestR[i] = bestR[i - 1];
        i--;
      }
      bestD[i] = s;
      bestR[i] = r;
      worst = bestD[L - 1];
    }
    // Join cost against the previous query's choice.
    const p = prev[q];
    let any = false;
    for (let i = 0; i < L; i++) {
      cost[i] = bestD[i];
      order[i] = i;
      if (p < 0 || bestR[i] < 0) continue;
      const f = bank.frame[bestR[i]];
      const want = step[q];
      for (let j = 0; j < k; j++) {
        const pr = rows[p * k + j];
        if (pr < 0) continue;
        const g = bank.frame[pr] + want;
        if (f >= g - 1 && f <= g + 1) {
          cost[i] *= bonus;
          any = true;
          break;
        }
      }
    }
    if (any) continued++;
    // Best k by cost (insertion sort of L small).
    for (let i = 1; i < L; i++) {
      const o = order[i];
      let j = i;
      while (j > 0 && cost[order[j - 1]] > cost[o]) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = o;
    }
    for (let j = 0; j < k; j++) rows[q * k + j] = bestR[order[j]];
  }
  return { k, rows, continued };
}
