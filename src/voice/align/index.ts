/**
 * Forced alignment of a phoneme transcript to a recording with no pretrained model: a single-speaker monophone
 * HMM is trained on the recording itself by embedded Viterbi training (Young et al., the HTK book) from an
 * initial segmentation anchored to the recording's pauses, and its final Viterbi pass gives the phone boundaries,
 * which refine.ts then corrects for the training's common offset and snaps to nearby spectral-change peaks.
 * Flat-start training can drift: all monophone models may move by a frame or two together and explain the audio
 * almost as well (the offset followed any shift of the initial segmentation, 15-25 ms late on the references), so
 * every 3rd single-Gaussian iteration re-centres the labels by the common shift that puts their boundaries on the
 * most spectral change (refine.ts, commonShift), measured on the recording itself.
 */
import type { Audio } from '../../audio/types.js';
import { alignFeatures } from './features.js';
import { buildNetwork, PAUSE_MODEL, STATES_PER_UNIT, type AlignPhoneme } from './network.js';
import { initialSegmentation } from './init.js';
import { reestimate } from './train.js';
import { logLikTable } from './gmm.js';
import { viterbiAlign } from './viterbi.js';
import { estimateF0 } from '../../analysis/f0.js';
import { finalSubPhones, isMandarinTranscript } from './subphones.js';
import { alignmentConfidence } from './confidence.js';
import { commonShift, refineBoundaries, spectralChange, type RefineOptions } from './refine.js';

export type { AlignPhoneme } from './network.js';

export interface AlignOptions {
  /** Frame hop in seconds (default 0.01: fewer gross errors than 0.005 on the slt/kal references). */
  hop?: number;
  /** Training iterations (default 14). */
  iterations?: number;
  /** Gaussians per state in the last 3 iterations (default 4). */
  maxMixtures?: number;
  /** Natural-log cost of a pause between words that the transcript does not mark (default 15). */
  wordPausePenalty?: number;
  /** MFCC analysis window in seconds (default 0.025). */
  windowSeconds?: number;
  /** Viterbi beam, natural log (default 400). */
  beam?: number;
  /** Spectral-change boundary refinement (refine.ts); false turns it off. */
  refine?: RefineOptions | false;
  /** Align Mandarin finals as chains of shared sub-phone models (subphones.ts; default true). */
  subPhones?: boolean;
  /** Cut the initial segmentation by voicing as well as duration priors (init.ts; default true). */
  voicingInit?: boolean;
  /** Weight of the voicing feature (features.ts; 0 = MFCCs only). */
  voicingWeight?: number;
  /** Re-centre the labels on spectral change during training (default true). */
  recentre?: boolean;
}

export interface AlignedSegment {
  start: number;
  end: number;
  symbol: string;
  /** Index of the input phoneme, or -1 for a pause that the aligner inserted. */
  phonemeIndex: number;
}

export interface AlignResult {
  segments: AlignedSegment[];
  /** 0..1: how well the transcript explains the audio (low when the transcript belongs to other audio). */
  confidence: number;
}

export function alignPhonemes(audio: Audio, phonemes: AlignPhoneme[], opts: AlignOptions = {}): AlignResult {
  const hop = opts.hop ?? 0.01;
  const iterations = opts.iterations ?? 14;
  const maxMix = opts.maxMixtures ?? 4;
  const beam = opts.beam ?? 400;
  const feats = alignFeatures(audio, hop, opts.windowSeconds ?? 0.025, opts.voicingWeight ?? 0);
  const T = feats.numFrames;
  const split = opts.subPhones !== false && isMandarinTranscript(phonemes.map((p) => p.symbol)) ? finalSubPhones : undefined;
  const net = buildNetwork(phonemes, opts.wordPausePenalty ?? 15, split);
  const K = STATES_PER_UNIT;
  const M = net.models.length * K;
  const minFrames = net.units.filter((u) => !u.optional).length * K;
  if (minFrames > T) throw new Error(`alignPhonemes: ${phonemes.length} phonemes do not fit in ${(T * hop).toFixed(2)} s of audio`);

  const useChange = opts.refine !== false || opts.recentre !== false;
  const sc = useChange ? spectralChange(audio) : null;
  const voicing = opts.voicingInit === false ? undefined : frameVoicing(audio, hop, T);
  let labels = initialSegmentation(net, feats.energyDb, hop, voicing);
  let emissions: Float32Array = new Float32Array(0);
  let trained = reestimate(net, labels, feats.data, feats.dim, 1);
  for (let it = 0; it < iterations; it++) {
    const mix = it >= iterations - 3 ? maxMix : 1;
    trained = reestimate(net, labels, feats.data, feats.dim, mix);
    emissions = logLikTable(feats.data, feats.dim, T, trained.gmms);
    const path =
      viterbiAlign(net, emissions, M, T, trained.trans, beam) ?? viterbiAlign(net, emissions, M, T, trained.trans);
    if (!path) throw new Error('alignPhonemes: no alignment path');
    labels = path;
    if (sc && opts.recentre !== false && it > 0 && it % 3 === 0 && it < iterations - 3) labels = recentre(labels, sc, hop);
  }

  const segments: AlignedSegment[] = [];
  const duration = audio.samples.length / audio.sampleRate;
  let t = 0;
  while (t < T) {
    const u = Math.floor(labels[t] / K);
    const s = t;
    while (t < T && Math.floor(labels[t] / K) === u) t++;
    const unit = net.units[u];
    const start = s === 0 ? 0 : Math.min(duration, (s - 0.5) * hop);
    const end = t === T ? duration : Math.min(duration, (t - 0.5) * hop);
    const symbol = unit.phonemeIndex >= 0 ? phonemes[unit.phonemeIndex].symbol : PAUSE_MODEL;
    const last = segments[segments.length - 1];
    if (last && unit.phonemeIndex >= 0 && last.phonemeIndex === unit.phonemeIndex) {
      last.end = end; // the next sub-phone of the same phone
      continue;
    }
    segments.push({ start, end, symbol, phonemeIndex: unit.phonemeIndex });
  }
  if (sc && opts.refine !== false && segments.length > 1) {
    const times = refineBoundaries(
      segments.slice(1).map((x) => x.start),
      sc,
      duration,
      opts.refine ?? {},
    );
    for (let i = 1; i < segments.length; i++) {
      segments[i].start = times[i - 1];
      segments[i - 1].end = times[i - 1];
    }
  }
  const confidence = alignmentConfidence(net, labels, emissions, M);
  return { segments, confidence };
}

/** Shifts the frame labels by the whole number of frames nearest to the common shift of their unit boundaries. */
function recentre(labels: Int32Array, sc: ReturnType<typeof spectralChange>, hop: number): Int32Array {
  const T = labels.length;
  const K = STATES_PER_UNIT;
  const times: number[] = [];
  for (let t = 1; t < T; t++) if (Math.floor(labels[t] / K) !== Math.floor(labels[t - 1] / K)) times.push((t - 0.5) * hop);
  const frames = Math.round(commonShift(times, sc, 0.04) / hop);
  if (frames === 0) return labels;
  const out = new Int32Array(T);
  for (let t = 0; t < T; t++) out[t] = labels[Math.min(T - 1, Math.max(0, t - frames))];
  return out;
}

/** The F0 tracker's voiced decision per alignment frame (1 voiced, 0 not). */
function frameVoicing(audio: Audio, hop: number, T: number): Float64Array {
  const f0 = estimateF0(audio, { framePeriod: hop }).f0;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = f0[Math.min(f0.length - 1, t)] > 0 ? 1 : 0;
  return out;
}
