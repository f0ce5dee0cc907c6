/**
 * Features for alignment: 13 MFCCs with delta and delta-delta coefficients (regression over +-2 frames, as in the
 * HTK book, Young et al., section 5.6), then cepstral mean and variance normalisation over the whole recording,
 * which removes the channel and makes one variance floor fit every dimension. Also the frame energy in dB for the
 * voice-activity detector.
 */
import type { Audio } from '../../audio/types.js';
import { mfcc } from '../../analysis/mfcc.js';
import { estimateF0 } from '../../analysis/f0.js';

export interface AlignFeatures {
  /** Seconds between frames; frame i is centred at i * hop. */
  hop: number;
  dim: number;
  /** All frames in one array, frame t at [t * dim, (t + 1) * dim). */
  data: Float32Array;
  numFrames: number;
  /** Frame energy in dB relative to full scale (25 ms window). */
  energyDb: Float64Array;
}

function deltas(src: Float32Array[], width = 2): Float32Array[] {
  const n = src.length;
  const d = src[0]?.length ?? 0;
  let norm = 0;
  for (let k = 1; k <= width; k++) norm += 2 * k * k;
  const out: Float32Array[] = [];
  for (let t = 0; t < n; t++) {
    const v = new Float32Array(d);
    for (let k = 1; k <= width; k++) {
      const a = src[Math.min(n - 1, t + k)];
      const b = src[Math.max(0, t - k)];
      for (let i = 0; i < d; i++) v[i] += (k * (a[i] - b[i])) / norm;
    }
    out.push(v);
  }
  return out;
}

export function frameEnergyDb(audio: Audio, hop: number, windowSeconds = 0.025): Float64Array {
  const sr = audio.sampleRate;
  const x = audio.samples;
  const win = Math.max(1, Math.round(windowSeconds * sr));
  const numFrames = Math.max(1, Math.floor(x.length / sr / hop) + 1);
  // Prefix sums of squares make each frame O(1).
  const cum = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) cum[i + 1] = cum[i] + x[i] * x[i];
  const out = new Float64Array(numFrames);
  for (let f = 0; f < numFrames; f++) {
    const c = Math.round(f * hop * sr);
    const a = Math.max(0, c - (win >> 1));
    const b = Math.min(x.length, c + (win >> 1));
    const e = b > a ? (cum[b] - cum[a]) / win : 0;
    out[f] = 10 * Math.log10(e + 1e-12);
  }
  return out;
}

/**
 * `voicingWeight` > 0 appends a voicing dimension: the F0 tracker's voiced/unvoiced decision, smoothed over +-2
 * frames and scaled to `voicingWeight` times the unit spread of the other (normalised) dimensions. MFCCs carry
 * voicing only indirectly; on sparse training data (Mandarin: ~50 models, few tokens each) the aligner otherwise
 * puts vowel boundaries inside aspiration and voiceless initials inside vowels.
 */
export function alignFeatures(audio: Audio, hop = 0.005, windowSeconds = 0.025, voicingWeight = 0): AlignFeatures {
  const mf = mfcc(audio, { hopSeconds: hop, windowSeconds }).frames;
  let base = mf;
  if (voicingWeight > 0) {
    const f0 = estimateF0(audio, { framePeriod: hop }).f0;
    base = mf.map((row, t) => {
      let v = 0;
      let n = 0;
      for (let k = -2; k <= 2; k++) {
        const i = t + k;
        if (i < 0 || i >= f0.length) continue;
        v += f0[i] > 0 ? 1 : 0;
        n++;
      }
      const out = new Float32Array(row.length + 1);
      out.set(row);
      out[row.length] = n > 0 ? v / n : 0;
      return out;
    });
  }
  const d1 = deltas(base);
  const d2 = deltas(d1);
  const n = base.length;
  const c = base[0].length;
  const dim = 3 * c;
  const data = new Float32Array(n * dim);
  for (let t = 0; t < n; t++) {
    data.set(base[t], t * dim);
    data.set(d1[t], t * dim + c);
    data.set(d2[t], t * dim + 2 * c);
  }
  // Mean and variance normalisation per dimension.
  for (let i = 0; i < dim; i++) {
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < n; t++) {
      const v = data[t * dim + i];
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const sd = Math.sqrt(Math.max(1e-12, s2 / n - mean * mean));
    for (let t = 0; t < n; t++) data[t * dim + i] = (data[t * dim + i] - mean) / sd;
  }
  if (voicingWeight > 0) {
    for (const i of [c - 1, 2 * c - 1, 3 * c - 1]) for (let t = 0; t < n; t++) data[t * dim + i] *= voicingWeight;
  }
  return { hop, dim, data, numFrames: n, energyDb: frameEnergyDb(audio, hop) };
}
