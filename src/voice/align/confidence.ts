import type { Network } from './network.js';
export function alignmentConfidence(net: Network, labels: Int32Array, emissions: Float32Array, M: number, energyDb: Float64Array): number {
  let deficit = 0;
  for (let t = 0; t < labels.length; t++) {
    let best = -Infinity;
    for (let m = 0; m < M; m++) if (emissions[t * M + m] > best) best = emissions[t * M + m];
    deficit += best - emissions[t * M + net.stateModelState[labels[t]]];
  }
  void energyDb;
  return deficit / labels.length;
}
