/**
 * Viterbi forced alignment through a Network (left-to-right, self-loops, skips over optional units), with a
 * beam that keeps only states within `beam` (natural log) of the best at each frame. Returns the network state
 * of every frame, or null when no path reaches the end.
 */
import { STATES_PER_UNIT, type Network } from './network.js';

export interface Transitions {
  /** Per model-state: log P(stay), log P(leave). */
  selfLog: Float64Array;
  nextLog: Float64Array;
}

export function viterbiAlign(
  net: Network,
  emissions: Float32Array,
  numModelStates: number,
  numFrames: number,
  trans: Transitions,
  beam = Infinity,
): Int32Array | null {
  const S = net.numStates;
  const K = STATES_PER_UNIT;
  const ms = net.stateModelState;
  const units = net.units;
  // Static predecessor costs for this pass: from s-1 and (first state after an optional unit) from s-1-K.
  const c1 = new Float64Array(S).fill(-Infinity);
  const c2 = new Float64Array(S).fill(-Infinity);
  for (let s = 1; s < S; s++) {
    const u = Math.floor(s / K);
    const k = s % K;
    const enter = k === 0 ? units[u].enterCost : 0;
    c1[s] = trans.nextLog[ms[s - 1]] - enter;
    if (k === 0 && u >= 2 && units[u - 1].optional) c2[s] = trans.nextLog[ms[s - 1 - K]] - enter;
  }
  let prev = new Float64Array(S).fill(-Infinity);
  let cur = new Float64Array(S).fill(-Infinity);
  const back = new Uint8Array(numFrames * S);
  prev[0] = -units[0].enterCost + emissions[ms[0]];
  let lo = 0;
  let hi = 0;
  if (units[0].optional && units.length > 1) {
    prev[K] = -units[1].enterCost + emissions[ms[K]];
    hi = K;
  }
  for (let t = 1; t < numFrames; t++) {
    const row = t * numModelStates;
    const bRow = t * S;
    const top = Math.min(S - 1, hi + K + 1);
    let best = -Infinity;
    for (let s = lo; s <= top; s++) {
      let v = prev[s] + trans.selfLog[ms[s]];
      let b = 0;
      if (s >= 1) {
        const a = prev[s - 1] + c1[s];
        if (a > v) {
          v = a;
          b = 1;
        }
        if (s > K) {
          const c = prev[s - 1 - K] + c2[s];
          if (c > v) {
            v = c;
            b = 2;
          }
        }
      }
      if (v > -Infinity) v += emissions[row + ms[s]];
      cur[s] = v;
      back[bRow + s] = b;
      if (v > best) best = v;
    }
    // Beam: shrink the active window to states near the best score.
    const cut = best - beam;
    let nlo = top;
    let nhi = lo;
    for (let s = lo; s <= top; s++) {
      if (cur[s] >= cut && cur[s] > -Infinity) {
        if (s < nlo) nlo = s;
        if (s > nhi) nhi = s;
      } else cur[s] = -Infinity;
    }
    for (let s = lo; s < nlo; s++) cur[s] = -Infinity;
    // Clear the old window in prev so that it can serve as the next cur.
    for (let s = lo; s <= top; s++) prev[s] = -Infinity;
    const tmp = prev;
    prev = cur;
    cur = tmp;
    lo = nlo;
    hi = nhi;
  }
  // End in the last unit, or before it when it is optional.
  let end = S - 1;
  if (units[units.length - 1].optional && units.length > 1 && prev[S - 1 - K] > prev[S - 1]) end = S - 1 - K;
  if (!(prev[end] > -Infinity)) return null;
  const path = new Int32Array(numFrames);
  let s = end;
  for (let t = numFrames - 1; t >= 0; t--) {
    path[t] = s;
    if (t === 0) break;
    const b = back[t * S + s];
    if (b === 1) s -= 1;
    else if (b === 2) s -= 1 + K;
  }
  return path;
}
