/**
 * Re-estimation step of embedded Viterbi training (segmental k-means; the HTK book's HERest with Viterbi instead of
 * Baum-Welch occupancies, Young et al.): every model-state gets the frames that the current alignment gives it,
 * sparse states are smoothed towards their phone class, and self-loop probabilities follow mean state durations.
 */
import { STATES_PER_UNIT, type Network } from './network.js';
import { accumulate, addStats, emptyStats, gaussianFromStats, growMixture, type DiagGmm, type Stats } from './gmm.js';
import type { Transitions } from './viterbi.js';

export interface TrainedModels {
  gmms: DiagGmm[];
  trans: Transitions;
}

export function reestimate(
  net: Network,
  labels: Int32Array,
  data: Float32Array,
  dim: number,
  numMix: number,
  tau = 8,
  varFloor = 0.02,
): TrainedModels {
  const K = STATES_PER_UNIT;
  const M = net.models.length * K;
  const ms = net.stateModelState;
  const stats: Stats[] = [];
  for (let m = 0; m < M; m++) stats.push(emptyStats(dim));
  const frames: number[][] = Array.from({ length: M }, () => []);
  const occupancy = new Float64Array(M);
  const exits = new Float64Array(M);
  const T = labels.length;
  for (let t = 0; t < T; t++) {
    const s = labels[t];
    if (s < 0) continue;
    const m = ms[s];
    accumulate(stats[m], data, t, dim);
    frames[m].push(t);
    occupancy[m]++;
    if (t + 1 >= T || labels[t + 1] !== s) exits[m]++;
  }
  // Back-off stats: per phone class and state position, and global.
  const classOf = new Map<number, string>();
  for (const u of net.units) classOf.set(net.modelIndex.get(u.model)!, u.cls);
  const classStats = new Map<string, Stats>();
  const global = emptyStats(dim);
  for (let m = 0; m < M; m++) {
    const key = `${classOf.get(Math.floor(m / K))}/${m % K}`;
    let c = classStats.get(key);
    if (!c) classStats.set(key, (c = emptyStats(dim)));
    addStats(c, stats[m]);
    addStats(global, stats[m]);
  }
  const gmms: DiagGmm[] = [];
  const selfLog = new Float64Array(M);
  const nextLog = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let back = classStats.get(`${classOf.get(Math.floor(m / K))}/${m % K}`)!;
    if (back.n < 2 * tau) back = global;
    let g = gaussianFromStats(stats[m], back, tau, varFloor);
    if (numMix > 1 && frames[m].length > 0) g = growMixture(g, data, Int32Array.from(frames[m]), numMix, varFloor);
    gmms.push(g);
    // Mean stay of about 1 / (1 - p) frames per visit.
    const p = occupancy[m] > 0 ? Math.min(0.95, Math.max(0.3, 1 - exits[m] / occupancy[m])) : 0.7;
    selfLog[m] = Math.log(p);
    nextLog[m] = Math.log(1 - p);
  }
  return { gmms, trans: { selfLog, nextLog } };
}
