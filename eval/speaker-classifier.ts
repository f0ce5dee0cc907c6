/**
 * A small text-independent speaker classifier for the likeness measure: one diagonal-covariance Gaussian mixture per
 * voice over MFCCs c1..c19 of voiced frames (Reynolds & Rose 1995, "Robust text-independent speaker identification
 * using Gaussian mixture speaker models"). Trained by EM on the reference recordings only; an utterance goes to the
 * voice whose mixture gives its frames the highest average log-likelihood. Cepstral mean normalisation is an option
 * (see SpeakerFeatureOptions.cmn for why it is off by default).
 */
import type { Audio } from '../src/audio/types.js';
import { estimateF0 } from '../src/analysis/f0.js';
import { mfcc } from '../src/analysis/mfcc.js';

export interface SpeakerFeatureOptions {
  /** Cepstral coefficients kept, c1..cN (c0, the level, is dropped). Default 19. */
  coeffs?: number;
  /** Seconds between frames (default 0.01). */
  hop?: number;
  /**
   * Subtract the utterance's mean cepstrum (default false). Measured: with CMN the held-out reference halves are still
   * all right, but a 6 s song has so few distinct vowels that its mean is not a speech mean, and CMN sends the slt and
   * espeak-en songs to the wrong voice; c0 is dropped either way, so the level never counts.
   */
  cmn?: boolean;
}

/** MFCC c1..cN of the voiced frames (optionally minus their mean over the utterance, CMN). One Float64Array per frame. */
export function speakerFeatures(audio: Audio, opts: SpeakerFeatureOptions = {}): Float64Array[] {
  const coeffs = opts.coeffs ?? 19;
  const hop = opts.hop ?? 0.01;
  const { frames } = mfcc(audio, { hopSeconds: hop, numCoeffs: coeffs + 1, numFilters: 32 });
  const f0 = estimateF0(audio, { framePeriod: hop, f0Floor: 60, f0Ceil: Math.min(800, audio.sampleRate / 4 - 1) });
  const out: Float64Array[] = [];
  for (let i = 0; i < frames.length; i++) {
    if (!(f0.f0[i] > 0)) continue;
    out.push(Float64Array.from(frames[i].subarray(1)));
  }
  if (out.length === 0 || !opts.cmn) return out;
  const mean = new Float64Array(coeffs);
  for (const v of out) for (let d = 0; d < coeffs; d++) mean[d] += v[d] / out.length;
  for (const v of out) for (let d = 0; d < coeffs; d++) v[d] -= mean[d];
  return out;
}

export interface Gmm {
  weights: Float64Array;
  means: Float64Array[];
  /** Diagonal variances. */
  vars: Float64Array[];
}

export interface TrainGmmOptions {
  /** Mixture components (default 12). */
  components?: number;
  /** EM iterations (default 40). */
  iterations?: number;
}

/** Per-component log N(x; mean, diag var) + log weight, into `out`. */
function componentLogs(g: Gmm, x: Float64Array, consts: Float64Array, out: Float64Array): void {
  const dim = x.length;
  for (let k = 0; k < g.weights.length; k++) {
    const m = g.means[k];
    const v = g.vars[k];
    let q = 0;
    for (let d = 0; d < dim; d++) {
      const e = x[d] - m[d];
      q += (e * e) / v[d];
    }
    out[k] = consts[k] - 0.5 * q;
  }
}

function logConsts(g: Gmm): Float64Array {
  const dim = g.means[0].length;
  const c = new Float64Array(g.weights.length);
  for (let k = 0; k < c.length; k++) {
    let logDet = 0;
    for (let d = 0; d < dim; d++) logDet += Math.log(g.vars[k][d]);
    c[k] = Math.log(g.weights[k]) - 0.5 * (dim * Math.log(2 * Math.PI) + logDet);
  }
  return c;
}

function logSumExp(v: Float64Array): number {
  let mx = -Infinity;
  for (const x of v) if (x > mx) mx = x;
  let s = 0;
  for (const x of v) s += Math.exp(x - mx);
  return mx + Math.log(s);
}

/**
 * Fits a diagonal GMM by EM. Deterministic: k-means initialisation from evenly spaced frames. Variances are floored at
 * 1 % of the data's global variance per dimension so that no component collapses onto a few frames.
 */
export function trainGmm(data: Float64Array[], opts: TrainGmmOptions = {}): Gmm {
  const K = Math.min(opts.components ?? 12, data.length);
  const iterations = opts.iterations ?? 40;
  if (K < 1) throw new Error('trainGmm: no frames to train on');
  const dim = data[0].length;
  const n = data.length;
  const gMean = new Float64Array(dim);
  const gVar = new Float64Array(dim);
  for (const x of data) for (let d = 0; d < dim; d++) gMean[d] += x[d] / n;
  for (const x of data) for (let d = 0; d < dim; d++) gVar[d] += (x[d] - gMean[d]) ** 2 / n;
  const floor = gVar.map((v) => Math.max(1e-6, 0.01 * v));

  // k-means (10 rounds) from evenly spaced frames.
  const means = Array.from({ length: K }, (_, k) => Float64Array.from(data[Math.floor(((k + 0.5) * n) / K)]));
  const assign = new Int32Array(n);
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += (data[i][d] - means[k][d]) ** 2;
        if (s < bestD) {
          bestD = s;
          best = k;
        }
      }
      assign[i] = best;
    }
    const counts = new Float64Array(K);
    for (const m of means) m.fill(0);
    for (let i = 0; i < n; i++) {
      counts[assign[i]]++;
      for (let d = 0; d < dim; d++) means[assign[i]][d] += data[i][d];
    }
    for (let k = 0; k < K; k++) {
      if (counts[k] > 0) for (let d = 0; d < dim; d++) means[k][d] /= counts[k];
      else means[k].set(data[(k * 7919) % n]);
    }
  }
  const g: Gmm = {
    weights: new Float64Array(K).fill(1 / K),
    means,
    vars: Array.from({ length: K }, () => Float64Array.from(gVar)),
  };

  const logs = new Float64Array(K);
  const resp = new Float64Array(K);
  for (let it = 0; it < iterations; it++) {
    const consts = logConsts(g);
    const nk = new Float64Array(K);
    const sx = Array.from({ length: K }, () => new Float64Array(dim));
    const sxx = Array.from({ length: K }, () => new Float64Array(dim));
    for (const x of data) {
      componentLogs(g, x, consts, logs);
      const total = logSumExp(logs);
      for (let k = 0; k < K; k++) {
        resp[k] = Math.exp(logs[k] - total);
        if (resp[k] < 1e-8) continue;
        nk[k] += resp[k];
        for (let d = 0; d < dim; d++) {
          sx[k][d] += resp[k] * x[d];
          sxx[k][d] += resp[k] * x[d] * x[d];
        }
      }
    }
    for (let k = 0; k < K; k++) {
      if (nk[k] < 1e-3) continue; // an empty component keeps its old parameters
      g.weights[k] = nk[k] / n;
      for (let d = 0; d < dim; d++) {
        const m = sx[k][d] / nk[k];
        g.means[k][d] = m;
        g.vars[k][d] = Math.max(floor[d], sxx[k][d] / nk[k] - m * m);
      }
    }
    let wsum = 0;
    for (const w of g.weights) wsum += w;
    for (let k = 0; k < K; k++) g.weights[k] /= wsum;
  }
  return g;
}

/** Average per-frame log-likelihood of the frames under the mixture. */
export function averageLogLikelihood(g: Gmm, data: Float64Array[]): number {
  if (data.length === 0) return -Infinity;
  const consts = logConsts(g);
  const logs = new Float64Array(g.weights.length);
  let s = 0;
  for (const x of data) {
    componentLogs(g, x, consts, logs);
    s += logSumExp(logs);
  }
  return s / data.length;
}

export interface SpeakerClassifier {
  names: string[];
  models: Gmm[];
  /** The feature settings the models were trained with (classification uses the same). */
  features: SpeakerFeatureOptions;
}

/** One GMM per named voice, each trained on that voice's reference audio only. */
export function trainSpeakerClassifier(
  refs: { name: string; audio: Audio }[],
  opts: TrainGmmOptions & SpeakerFeatureOptions = {},
): SpeakerClassifier {
  return {
    names: refs.map((r) => r.name),
    models: refs.map((r) => trainGmm(speakerFeatures(r.audio, opts), opts)),
    features: { coeffs: opts.coeffs, hop: opts.hop, cmn: opts.cmn },
  };
}

/** Scores (average log-likelihood per voice, in `names` order) and the best voice for an utterance. */
export function classifySpeaker(c: SpeakerClassifier, audio: Audio): { name: string; scores: number[] } {
  const feats = speakerFeatures(audio, c.features);
  const scores = c.models.map((g) => averageLogLikelihood(g, feats));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  return { name: c.names[best], scores };
}
