/**
 * Alignment confidence from a likelihood ratio, in the spirit of phone-loop normalised confidence measures for
 * forced alignment (e.g. Witt & Young's goodness of pronunciation, 2000): per frame, the log-likelihood of the
 * state the forced alignment chose is compared with the best state of any phone (a free state loop). When the
 * transcript fits the audio, the forced path is rarely far below the free choice; when it belongs to other audio,
 * the forced path must explain frames with the wrong phones and the mean deficit grows (measured with the default options:
 * 0.9-1.35 nats per frame for the right transcripts of the slt/kal references, 2.8-4.0 for wrong ones).
 * confidence = exp(-meanDeficit / 2), in 0..1.
 */
import type { Network } from './network.js';

export function meanLogLikDeficit(net: Network, labels: Int32Array, emissions: Float32Array, numModelStates: number): number {
  const M = numModelStates;
  let deficit = 0;
  for (let t = 0; t < labels.length; t++) {
    let best = -Infinity;
    const row = t * M;
    for (let m = 0; m < M; m++) if (emissions[row + m] > best) best = emissions[row + m];
    deficit += best - emissions[row + net.stateModelState[labels[t]]];
  }
  return labels.length > 0 ? deficit / labels.length : Infinity;
}

export function alignmentConfidence(net: Network, labels: Int32Array, emissions: Float32Array, numModelStates: number): number {
  return Math.exp(-meanLogLikDeficit(net, labels, emissions, numModelStates) / 2);
}
