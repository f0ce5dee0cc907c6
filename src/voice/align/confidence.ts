/**
 * Alignment confidence: does the transcript explain the audio? In the spirit of phone-loop normalised confidence
 * measures for forced alignment (e.g. Witt & Young's goodness of pronunciation, 2000), each frame's forced state is
 * compared with the free choice over every state of every phone, but at the level of phoneme classes: a frame agrees
 * when the best-scoring state overall belongs to a phone of the same class (vowel, nasal, fricative, ...) as the
 * state the forced alignment chose. Classes rather than phones or log-likelihoods, because a Mandarin voice has
 * near-duplicate models (a final such as `a` and the `a` sub-phone of `ang`, sparsely trained), and the free choice
 * flickers between them: the mean log-likelihood deficit of a right Mandarin transcript (5.8 nats a frame) was as
 * bad as that of a wrong English one (2.6-5.7), while class agreement separates them.
 *
 * Measured class agreement (right transcript / sentences reversed / another text):
 *   slt 0.944 / 0.734 / 0.714, kal 0.943 / 0.736 / 0.724, espeak-en 0.969 / 0.638 / 0.701,
 *   espeak-cmn 0.805 / 0.577 / 0.735.
 * confidence = (agreement - 0.7) / 0.2, clipped to 0..1, so agreement 0.77 maps to LOW_CONFIDENCE (0.35,
 * report.ts): right transcripts score 0.52-1, wrong ones 0-0.18.
 */
import type { Network } from './network.js';

const AGREEMENT_AT_ZERO = 0.7;
const AGREEMENT_SPAN = 0.2;

/** Share of frames whose best state overall belongs to the same phoneme class as the forced state. */
export function classAgreement(net: Network, labels: Int32Array, emissions: Float32Array, numModelStates: number): number {
  const M = numModelStates;
  if (labels.length === 0) return 0;
  const modelClass = new Map<number, string>();
  for (const u of net.units) modelClass.set(net.modelIndex.get(u.model)!, u.cls);
  const stateClass = Array.from({ length: M }, (_, m) => modelClass.get(Math.floor(m / 3)) ?? '');
  let agree = 0;
  for (let t = 0; t < labels.length; t++) {
    const row = t * M;
    let best = -Infinity;
    let bestState = 0;
    for (let m = 0; m < M; m++) {
      if (emissions[row + m] > best) {
        best = emissions[row + m];
        bestState = m;
      }
    }
    if (stateClass[bestState] === stateClass[net.stateModelState[labels[t]]]) agree++;
  }
  return agree / labels.length;
}

export function alignmentConfidence(net: Network, labels: Int32Array, emissions: Float32Array, numModelStates: number): number {
  const a = classAgreement(net, labels, emissions, numModelStates);
  return Math.min(1, Math.max(0, (a - AGREEMENT_AT_ZERO) / AGREEMENT_SPAN));
}
