/**
 * The voiced/unvoiced decision shared by both F0 paths: a frame is voiced when its candidate period repeats in the
 * full-band signal (periodicity >= threshold), the frame is not near-silent, and it belongs to a voiced run long
 * enough to be a syllable nucleus rather than a fluke.
 */
import type { Audio } from '../audio/types.js';
import { frameEvidence } from './f0-voicing.js';

export interface VoicingOptions {
  /** Least normalised correlation at the period (default 0.5). */
  periodicity?: number;
  /** Frames quieter than the loudest frame by more than this many dB are unvoiced (default 50). */
  relativeFloorDb?: number;
  /** Frames below this RMS are unvoiced (default 1e-4, -80 dBFS). */
  absoluteFloor?: number;
  /** Voiced runs shorter than this many frames are dropped (default 3). */
  minRun?: number;
}

/** Returns a copy of `candidates` with unvoiced frames set to 0. */
export function decideVoicing(audio: Audio, candidates: Float64Array, framePeriod: number, opts: VoicingOptions = {}): Float64Array {
  const thr = opts.periodicity ?? 0.5;
  const ev = frameEvidence(audio, candidates, framePeriod);
  let maxRms = 0;
  for (let i = 0; i < ev.rms.length; i++) if (ev.rms[i] > maxRms) maxRms = ev.rms[i];
  const floor = Math.max(opts.absoluteFloor ?? 1e-4, maxRms * Math.pow(10, -(opts.relativeFloorDb ?? 50) / 20));
  const out = new Float64Array(candidates.length);
  for (let i = 0; i < out.length; i++) {
    if (candidates[i] > 0 && ev.periodicity[i] >= thr && ev.rms[i] >= floor) out[i] = candidates[i];
  }
  const minRun = opts.minRun ?? 3;
  let i = 0;
  while (i < out.length) {
    if (out[i] === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && out[j] > 0) j++;
    if (j - i < minRun) out.fill(0, i, j);
    i = j;
  }
  return out;
}
