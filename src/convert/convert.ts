/**
 * Singing (or speech) voice conversion: a recording keeps its melody, timing and loudness and takes the timbre of a
 * cloned voice.
 *
 * 1. The input is resampled to the voice's rate (an analysis copy, 70 dB stopband) and analysed: F0 on the voice's
 *    frames (the autocorrelation tracker, on a copy at about 16 kHz; a 3-point median within voiced runs takes out its
 *    one-frame misreadings, e.g. where a vowel's tail meets a fricative), the CheapTrick envelope on every other frame
 *    (10 ms) and on the frames between wherever the sound is unvoiced or changes class (bursts and frication change
 *    within 10 ms: refineFrames), each envelope as a mel-cepstrum of the voice's order and all-pass constant. No
 *    D4C: the aperiodicity comes from the voice's frames (below).
 * 2. Frames are sorted into silence (more than SILENCE_DB under the speaker's loud frames), voiced and unvoiced.
 * 3. The input's envelopes are warped in frequency onto the voice's formants (vocal-tract-warp.ts: one factor for the
 *    whole input, e.g. 1.24 from a man's voice into a woman's). Voiced input frames are matched to voiced voice frames
 *    and unvoiced to unvoiced (frame-selection.ts: k nearest by speaker-normalised c1..c24, with a join bonus for
 *    continuing in the recording); the envelope becomes the average of the chosen frames' mel-cepstra, blended
 *    (`similarity`) with the warped input's own c1..c24 mapped to the voice's mean and spread, with the input's own c0
 *    (its energy contour). The blend keeps the words: one minute of reference is too little to find the right phone
 *    for every frame. Matching runs on the analysed frames (5 ms where the sound changes class or is unvoiced, 10 ms
 *    within voiced and silent stretches; kNN-VC's 20 ms hop is coarser still); the frames between are interpolated.
 * 4. F0 is the input's times 2^(key / 12), exactly. Voiced frames take the chosen frames' average band aperiodicity
 *    (a voiced fricative of the input matches the voice's voiced fricatives, noisy bands and all), unvoiced frames
 *    are noise. Silence keeps the input's envelope; with keepBreath so do breaths (quiet unvoiced stretches next to
 *    silence), which otherwise take the voice's unvoiced sounds like any other noise.
 * 5. The vocoder synthesizes at the output rate with the formant ratio applied in the decoder (src/render/decode.ts);
 *    the output has the input's length and its peak is brought down to -1 dBFS when over.
 */
import { limitPeak } from '../audio/peak.js';
import { cheapTrickAt, UNVOICED_F0 } from '../analysis/cheaptrick.js';
import { estimateF0 } from '../analysis/f0.js';
import { medianVoiced3 } from '../analysis/f0-median.js';
import { decimate, decimationRatio } from '../analysis/f0-decimate.js';
import { nextPow2 } from '../audio/fft.js';
import { resample } from '../audio/resample.js';
import type { Audio } from '../audio/types.js';
import { UserError } from '../errors.js';
import { AperiodicityDecoder, EnvelopeDecoder } from '../render/decode.js';
import { BAND_SPACING_HZ } from '../vocoder/aperiodicity-coding.js';
import { spectrumToMelCepstrum } from '../vocoder/mel-cepstrum.js';
import { type FrameSource, synthesisFftSize, synthesisLength, synthesizeBlocks } from '../vocoder/synthesis.js';
import type { Voice } from '../voice/types.js';
import { type FrameBank, makeBank, normStats, selectFrames } from './frame-selection.js';
import { estimateWarp, meanLogSpectrum, warpBins } from './vocal-tract-warp.js';

export interface ConvertOptions {
  /** Key shift in semitones (default 0): the output F0 is the input's times 2^(key / 12). */
  key?: number;
  /** Formant ratio (default 1): every formant of the converted envelope moves from f to ratio f. */
  formant?: number;
  /** Keep the input's own breaths (default false: breaths take the voice's unvoiced sound like other noise). */
  keepBreath?: boolean;
  /** Output sample rate (default the voice's). */
  sampleRate?: number;
  /** Seed of the vocoder's noise (default 1). */
  seed?: number;
  /** Neighbours averaged per frame (default 4). */
  k?: number;
  /** F0 estimator for the input (default 'autocorr': measured on a sung input converted slt -> kal, Praat's F0 of the
   * output is 5.1 cents RMSE from the input's with it, 11.3 with 'dio', whose few gross errors at voicing edges the
   * output follows; 'dio' is about 0.5 s a minute faster). */
  f0Method?: 'dio' | 'autocorr';
  /**
   * Weight of the voice's own frames in the converted envelope, 0..1 (default DEFAULT_SIMILARITY); the rest is the
   * input's envelope, warped onto the voice's formants and mapped to its statistics. Higher: closer to the voice,
   * less intelligible (with one minute of reference, the nearest frames of the voice are often the wrong phone).
   */
  similarity?: number;
  /** Frequency warp of the input's envelope (every formant f to warp f) before matching (default 'auto': the warp
   * that lays the input's average voiced spectrum over the voice's, vocal-tract-warp.ts; 1: none). */
  warp?: number | 'auto';
  /** Called now and then with the share done (0..1) and the stage. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface ConvertReport {
  /** Seconds of input (= of output). */
  duration: number;
  sampleRate: number;
  frames: number;
  voicedFrames: number;
  unvoicedFrames: number;
  silentFrames: number;
  /** Frames kept from the input as breath (keepBreath). */
  breathFrames: number;
  /** Share of matched frames whose choice continued the previous frame's in the recording (0..1). */
  continuity: number;
  key: number;
  formant: number;
  /** The formant warp of the input applied before matching (1: none). */
  warp: number;
  similarity: number;
  /** Gain applied to bring the peak to -1 dBFS (dB, <= 0). */
  normalizeDb: number;
}

/**
 * Default similarity. Measured on the shared English references (pocketsphinx WER, input kal 24.5 %, slt 25.8 %) and
 * the eval's speaker classifier (12 pairs): 1 (frames only) kal -> slt 81 %, slt -> kal 86 %, 10 pairs assigned to
 * the target; 0.6: 44 % / 36 %, 10 pairs (noise seed 1). Over seeds 1-3 (one seed's WER moves by up to 10 points with
 * the seed alone): 0.5 gives kal -> slt 40.5 %, slt -> kal 31.7 %, slt -> espeak-cmn 41.7 %, 8 pairs; 0.4 gives
 * 36.9 %, 27.3 %, 39.2 % (39.0 %, 26.4 %, 37.3 % after the vocoder's drift leak went to 2 s), the same 8 pairs: all
 * within 15 points of the input but kal into the two espeak voices (51.4 % and 53.2 %). kal -> slt over seeds 4-9:
 * 44.2 % at 0.5, 41.4 % at 0.4, 40.6 % at 0.3: lower buys no more. The four pairs lost below 0.6 are English into
 * espeak-cmn (taken for espeak-en, the same synthesizer speaking English) and the two espeak voices into each other
 * (see test/convert/likeness.test.ts); at 0.3 the thinnest right margin falls to 0.48 nats a frame (kal -> espeak-en;
 * 0.69 at 0.4).
 */
export const DEFAULT_SIMILARITY = 0.4;
/** Neighbours averaged (kal -> slt at similarity 0.5, seed 1: k 2 40 %, 4 38 %, 6 42 %, 10 40 %, 16 43 % WER). */
const DEFAULT_K = 4;
/** Low cepstra matched (c1..c24): the envelope's shape without its fine detail or the level. */
const MATCH_DIMS = 24;
/** Frames this far (dB) under the speaker's loud frames (95th percentile of c0) are silence. */
const SILENCE_DB = 40;
/** The bank holds every BANK_HOP-th frame of the voice (neighbours are nearly alike; half the search). */
const BANK_HOP = 2;
/** A breath: an unvoiced stretch at least this long (s) ... */
const BREATH_MIN_SECONDS = 0.1;
/** ... at least this far (dB) under the median voiced level, touching silence on one side. */
const BREATH_UNDER_DB = 12;
const NEPERS_PER_DB = Math.LN10 / 20;
const PROGRESS_BLOCK_SECONDS = 2;
/** F0 is read from a copy at about this rate (Hz), never below it. */
const F0_RATE = 16000;
/** Stopband of the resampled analysis copy (dB). */
const ANALYSIS_STOPBAND_DB = 70;
/** Shortest input converted (s). */
const MIN_SECONDS = 0.05;

const SILENT = 0;
const VOICED = 1;
const UNVOICED = 2;

/** `f0` cut or padded with unvoiced frames to `n` frames (the two copies' lengths may round to different frames). */
function fitLength(f0: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  out.set(f0.subarray(0, n));
  return out;
}

function percentile(v: number[], p: number): number {
  if (v.length === 0) return 0;
  const s = v.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
}

/** The level (c0) under which a frame is silence: SILENCE_DB under the loud frames (95th percentile, every stride-th). */
function silenceFloor(mcep: ArrayLike<number>, dim: number, frames: number, stride: number): number {
  const c0: number[] = [];
  for (let i = 0; i < frames; i += stride) c0.push(mcep[i * dim]);
  return percentile(c0, 0.95) - SILENCE_DB * NEPERS_PER_DB;
}

/**
 * The odd frames whose envelope the second pass analyses: where the two even frames around differ in class, either is
 * unvoiced (bursts, frication and their edges change within 10 ms), or the voicing changes between them. Between two
 * voiced frames, or two silent ones, the envelope moves slowly and the mean of the two stands in. Measured on
 * kal -> slt (pocketsphinx WER, mean of seeds 1-6): every other frame 40.1 %, every frame 36.2 % (with the voice's
 * bank every other frame: 37.8 %), these 37.7 % (37.9 % with the unvoiced frames' smaller FFT). A minute of kal's
 * speech analyses 2715 of its 5986 odd frames; at full FFT size that made the conversion 1.2x as long (every frame,
 * bank every other: 1.45x), and with the smaller FFT it takes what every other frame took before. Leaving out the
 * unvoiced pairs whose envelopes differ by under 1 neper (cepstral distance) read 40.7 %: steady unvoiced frames
 * count too.
 */
function refineFrames(cls: Uint8Array, f0: ArrayLike<number>): number[] {
  const out: number[] = [];
  const T = cls.length;
  for (let i = 1; i < T; i += 2) {
    const a = cls[i - 1];
    const b = i + 1 < T ? cls[i + 1] : a;
    const steady = a === b && (a === SILENT || (a === VOICED && f0[i] > 0));
    if (!steady) out.push(i);
  }
  return out;
}

/** Silence (c0 under `floor`), voiced (F0 > 0) or unvoiced. */
function frameClass(c0: number, f0: number, floor: number): number {
  return c0 < floor ? SILENT : f0 > 0 ? VOICED : UNVOICED;
}

/** Silence / voiced / unvoiced per frame, from F0 and c0 (row-major mcep, dim values a row). */
function classify(f0: ArrayLike<number>, mcep: ArrayLike<number>, dim: number, frames: number): Uint8Array {
  const floor = silenceFloor(mcep, dim, frames, 1);
  const cls = new Uint8Array(frames);
  for (let i = 0; i < frames; i++) cls[i] = frameClass(mcep[i * dim], f0[i], floor);
  return cls;
}

/**
 * Row i of a row-major array (`width` values a row, T rows) set to the mean of rows i - 1 and i + 1 (row i - 1 alone
 * for the last row), values from..width - 1.
 */
function meanOfNeighbours(a: Float32Array, width: number, i: number, T: number, from = 0): void {
  const l = (i - 1) * width;
  const r = (i + 1 < T ? i + 1 : i - 1) * width;
  for (let d = from; d < width; d++) a[i * width + d] = 0.5 * (a[l + d] + a[r + d]);
}

/** Breath frames: unvoiced runs of BREATH_MIN_SECONDS or more, quiet, next to silence (between phrases). */
function breathFrames(cls: Uint8Array, mcep: Float32Array, dim: number, fp: number): Uint8Array {
  const T = cls.length;
  const out = new Uint8Array(T);
  const voicedC0: number[] = [];
  for (let i = 0; i < T; i++) if (cls[i] === VOICED) voicedC0.push(mcep[i * dim]);
  if (voicedC0.length === 0) return out;
  const ceiling = percentile(voicedC0, 0.5) - BREATH_UNDER_DB * NEPERS_PER_DB;
  for (let i = 0; i < T; ) {
    if (cls[i] !== UNVOICED) {
      i++;
      continue;
    }
    let j = i;
    let peak = -Infinity;
    while (j < T && cls[j] === UNVOICED) peak = Math.max(peak, mcep[j++ * dim]);
    const nextToSilence = (i > 0 && cls[i - 1] === SILENT) || (j < T && cls[j] === SILENT) || i === 0 || j === T;
    if ((j - i) * fp >= BREATH_MIN_SECONDS && peak < ceiling && nextToSilence) out.fill(1, i, j);
    i = j;
  }
  return out;
}

function checkOptions(audio: Audio, voice: Voice, o: ConvertOptions): void {
  if (audio.samples.length === 0) throw new UserError('the audio is empty');
  if (audio.samples.length < MIN_SECONDS * audio.sampleRate) throw new UserError(`the audio is too short (${(audio.samples.length / audio.sampleRate).toFixed(3)} s; at least ${MIN_SECONDS} s)`);
  const xs = audio.samples;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) throw new UserError(`the audio has a non-finite sample at ${(i / audio.sampleRate).toFixed(3)} s`);
  }
  if (o.key !== undefined && !(Number.isFinite(o.key) && Math.abs(o.key) <= 24)) throw new RangeError(`convertVoice: key ${o.key} is out of range (-24..24)`);
  if (o.similarity !== undefined && !(o.similarity >= 0 && o.similarity <= 1)) throw new RangeError(`convertVoice: similarity ${o.similarity} is out of range (0..1)`);
  if (o.warp !== undefined && o.warp !== 'auto' && !(o.warp >= 0.5 && o.warp <= 2)) throw new RangeError(`convertVoice: warp ${o.warp} is out of range (0.5..2)`);
  if (o.formant !== undefined && !(o.formant >= 0.5 && o.formant <= 2)) throw new RangeError(`convertVoice: formant ${o.formant} is out of range (0.5..2)`);
  const r = o.sampleRate;
  if (r !== undefined && !(Number.isInteger(r) && r >= 8000 && r <= 192000)) throw new RangeError(`convertVoice: bad output sample rate ${r}`);
  if (voice.frameCount < 1) throw new RangeError('convertVoice: the voice has no frames');
}

/** Converts `audio` into `voice` (see the module comment). */
export function convertVoice(audio: Audio, voice: Voice, opts: ConvertOptions = {}): { audio: Audio; report: ConvertReport } {
  checkOptions(audio, voice, opts);
  const progress = opts.onProgress ?? (() => {});
  const key = opts.key ?? 0;
  const formant = opts.formant ?? 1;
  const fs = voice.sampleRate;
  const fp = voice.framePeriod;
  const duration = audio.samples.length / audio.sampleRate;
  const outRate = opts.sampleRate ?? fs;
  const dim = voice.mcepOrder + 1;
  const bands = voice.apBands;

  // 1. Analysis at the voice's rate: F0 on the voice's frames (5 ms), the envelope on every other one (10 ms) and, in a
  //    second pass, on the frames between where the sound changes class (refineFrames); the rest are interpolated.
  progress(0, 'analysing');
  // An analysis copy, never listened to: a 70 dB stopband is plenty and takes 0.7 of the work of the default 100 dB.
  const x = resample(audio, fs, { stopbandDb: ANALYSIS_STOPBAND_DB });
  // F0 from a copy at about 16 kHz (the lower-rate of the input and the analysis copy, decimated when 32 kHz or more):
  // the same periods, and StoneMask's windows are shorter in samples.
  const lower = audio.sampleRate < fs ? audio : x;
  const f0Ratio = decimationRatio(lower.sampleRate, F0_RATE);
  const f0Source: Audio = f0Ratio > 1 ? { sampleRate: lower.sampleRate / f0Ratio, samples: Float32Array.from(decimate(lower.samples, f0Ratio)) } : lower;
  const f0Ceil = Math.min(1100, Math.floor(f0Source.sampleRate / 4) - 1);
  const track = estimateF0(f0Source, { framePeriod: fp, method: opts.f0Method ?? 'autocorr', f0Ceil });
  // The frames of the analysis copy (the F0 copy's length may round to one frame more or less).
  const T = Math.floor(x.samples.length / fs / fp) + 1;
  track.f0 = medianVoiced3(fitLength(track.f0, T));
  // Unvoiced frames take CheapTrick's three periods of 500 Hz (UNVOICED_F0): an FFT a quarter of the voice's size
  // holds that window 2.5 times over (c0..c24 within 0.02 of the full size's; 3.5x faster).
  const uvFftSize = Math.min(voice.fftSize, nextPow2(Math.ceil((2.5 * 3 * fs) / UNVOICED_F0)));
  const envelopes = (frames: number[], voiced: boolean) =>
    cheapTrickAt(x, frames.map((i) => i * fp), frames.map((i) => track.f0[i]), { fftSize: voiced ? voice.fftSize : uvFftSize }).spectrogram;
  const evenVoiced: number[] = [];
  const evenUnvoiced: number[] = [];
  for (let i = 0; i < T; i += 2) (track.f0[i] > 0 ? evenVoiced : evenUnvoiced).push(i);
  progress(0.2, 'analysing');
  const voicedEnv = envelopes(evenVoiced, true);
  // Only the low cepstra of the input are used (matching, level; silence and breaths keep only a smooth envelope), and
  // the mel-cepstrum of a lower order is the same as the first coefficients of a higher one (a truncated projection).
  const inOrder = Math.min(voice.mcepOrder, MATCH_DIMS);
  const inMc = new Float32Array(T * dim);
  const similarity = opts.similarity ?? DEFAULT_SIMILARITY;
  const warp = typeof opts.warp === 'number' ? opts.warp : vocalTractWarp(voice, voicedEnv, evenVoiced.map((i) => track.f0[i])).warp;
  const warpedRows = new Map<number, Float64Array<ArrayBuffer>>();
  const toMc = (spectrogram: Float64Array[], frames: ArrayLike<number>) => {
    for (let j = 0; j < frames.length; j++) {
      const row = spectrogram[j];
      let out = warpedRows.get(row.length);
      if (!out) warpedRows.set(row.length, (out = new Float64Array(row.length)));
      const sp = warp === 1 ? row : warpBins(row, warp, out);
      inMc.set(spectrumToMelCepstrum(sp, fs, inOrder, voice.alpha), frames[j] * dim);
    }
    spectrogram.length = 0;
  };
  toMc(voicedEnv, evenVoiced);
  toMc(envelopes(evenUnvoiced, false), evenUnvoiced);

  // 2. Classes: on the even frames, then on the odd frames analysed in the second pass.
  const floor = silenceFloor(inMc, dim, T, 2);
  const cls = new Uint8Array(T);
  const classOf = (i: number) => frameClass(inMc[i * dim], track.f0[i], floor);
  for (let i = 0; i < T; i += 2) cls[i] = classOf(i);
  const odd = refineFrames(cls, track.f0);
  progress(0.3, 'analysing');
  const oddVoiced = odd.filter((i) => track.f0[i] > 0);
  const oddUnvoiced = odd.filter((i) => !(track.f0[i] > 0));
  toMc(envelopes(oddVoiced, true), oddVoiced);
  toMc(envelopes(oddUnvoiced, false), oddUnvoiced);
  const analysed = new Uint8Array(T);
  for (let i = 0; i < T; i += 2) analysed[i] = 1;
  for (const i of odd) {
    analysed[i] = 1;
    cls[i] = classOf(i);
  }
  // The other odd frames: between two frames of one class (refineFrames), interpolated.
  for (let i = 1; i < T; i += 2) {
    if (analysed[i]) continue;
    meanOfNeighbours(inMc, dim, i, T);
    cls[i] = cls[i - 1];
  }
  progress(0.35, 'matching');
  const vcls = classify(voice.frames.f0, voice.frames.mcep, dim, voice.frameCount);
  const breath = opts.keepBreath ? breathFrames(cls, inMc, dim, fp) : new Uint8Array(T);

  // 3. Matching, per class, of the analysed frames: the voice's frames of that class (every BANK_HOP-th) as the bank.
  const dims = Math.min(MATCH_DIMS, voice.mcepOrder);
  const vmc = voice.frames.mcep;
  const vap = voice.frames.ap;
  const cMc = inMc.slice();
  const cAp = new Float32Array(T * bands); // 0 dB everywhere: noise (unvoiced, silence, breath)
  const matched = new Uint8Array(T);
  let continued = 0;
  let queried = 0;
  const meanVoicedAp = new Float64Array(bands).fill(-20);
  for (const c of [VOICED, UNVOICED]) {
    const queries: number[] = [];
    for (let j = 0; j < T; j++) if (analysed[j] && cls[j] === c && !breath[j]) queries.push(j);
    const tgtAll: number[] = [];
    for (let f = 0; f < voice.frameCount; f++) if (vcls[f] === c) tgtAll.push(f);
    if (c === VOICED && tgtAll.length > 0) {
      meanVoicedAp.fill(0);
      for (const f of tgtAll) for (let b = 0; b < bands; b++) meanVoicedAp[b] += vap[f * bands + b] / tgtAll.length;
    }
    const tgtBank = tgtAll.filter((f) => f % BANK_HOP === 0);
    // No frame of this class in the input, or none in the voice (the input's own frames stay).
    if (queries.length === 0 || tgtBank.length === 0) continue;
    const tStats = normStats(vmc, dim, tgtAll, dims);
    const bank: FrameBank = makeBank(vmc, dim, tgtBank, tStats);
    const qBank = makeBank(inMc, dim, queries, normStats(inMc, dim, queries, dims));
    const prev = new Int32Array(queries.length).fill(-1);
    const step = new Int32Array(queries.length).fill(1);
    for (let q = 1; q < queries.length; q++) {
      const gap = queries[q] - queries[q - 1];
      if (gap <= 2) {
        prev[q] = q - 1;
        step[q] = gap;
      }
    }
    const sel = selectFrames(qBank.feats, bank, prev, step, { k: opts.k ?? DEFAULT_K });
    continued += sel.continued;
    queried += queries.length;
    const k = sel.k;
    const acc = new Float64Array(dim);
    const accAp = new Float64Array(bands);
    for (let q = 0; q < queries.length; q++) {
      const j = queries[q];
      acc.fill(0);
      accAp.fill(0);
      for (let m = 0; m < k; m++) {
        const f = bank.frame[sel.rows[q * k + m]];
        for (let d = 1; d < dim; d++) acc[d] += vmc[f * dim + d];
        for (let b = 0; b < bands; b++) accAp[b] += vap[f * bands + b];
      }
      for (let d = 1; d < dim; d++) cMc[j * dim + d] = acc[d] / k;
      if (similarity < 1) {
        for (let d = 1; d <= dims; d++) {
          const mapped = tStats.mean[d - 1] + tStats.std[d - 1] * qBank.feats[q * dims + d - 1];
          cMc[j * dim + d] = similarity * cMc[j * dim + d] + (1 - similarity) * mapped;
        }
      }
      if (c === VOICED) for (let b = 0; b < bands; b++) cAp[j * bands + b] = accAp[b] / k;
      matched[j] = 1;
    }
  }
  // The frames that were not analysed take the mean of their two neighbours (of their class, both matched or not).
  for (let i = 1; i < T; i += 2) {
    if (analysed[i] || !(matched[i - 1] && matched[i + 1 < T ? i + 1 : i - 1])) continue;
    meanOfNeighbours(cMc, dim, i, T, 1);
    meanOfNeighbours(cAp, bands, i, T);
    matched[i] = 1;
  }
  // Light smoothing of the shape (c1..) within runs of matched frames of one class: [1 2 1] / 4.
  const prevRow = new Float64Array(dim);
  for (let j = 0; j < T; j++) {
    if (!matched[j]) continue;
    const hasL = j > 0 && matched[j - 1] && cls[j - 1] === cls[j];
    const hasR = j + 1 < T && matched[j + 1] && cls[j + 1] === cls[j];
    for (let d = 1; d < dim; d++) {
      const m = cMc[j * dim + d];
      const l = hasL ? prevRow[d] : m;
      const r = hasR ? cMc[(j + 1) * dim + d] : m;
      prevRow[d] = m;
      cMc[j * dim + d] = 0.25 * l + 0.5 * m + 0.25 * r;
    }
  }

  // 4. The output frames; F0 is the input's times the key ratio, exactly.
  const ratio = Math.pow(2, key / 12);
  const f0 = new Float64Array(T);
  const outMc = cMc;
  const outAp = new Float32Array(T * bands);
  let voicedFrames = 0;
  for (let i = 0; i < T; i++) {
    const v = track.f0[i] > 0;
    f0[i] = v ? track.f0[i] * ratio : 0;
    if (!v) continue; // aperiodicity 0 dB: noise
    voicedFrames++;
    const own = cls[i] === VOICED && !breath[i] && matched[i];
    for (let b = 0; b < bands; b++) outAp[i * bands + b] = own ? cAp[i * bands + b] : meanVoicedAp[b];
  }
  let silentFrames = 0;
  let breathCount = 0;
  for (let j = 0; j < T; j++) {
    if (cls[j] === SILENT) silentFrames++;
    if (breath[j]) breathCount++;
  }

  // 5. Synthesis.
  const outLen = Math.round(duration * outRate);
  const out = new Float32Array(outLen);
  const { source, fftSize } = frameSource(voice, f0, outMc, outAp, formant, outRate);
  const total = synthesisLength(T, fp, outRate);
  let at = 0;
  for (const block of synthesizeBlocks(source, { seed: ((opts.seed ?? 1) * 7919) | 0, fftSize, delayCompensation: true }, PROGRESS_BLOCK_SECONDS * outRate)) {
    if (at < outLen) out.set(block.subarray(0, Math.min(block.length, outLen - at)), at);
    at += block.length;
    progress(0.45 + (0.55 * at) / total, 'synthesizing');
  }
  const normalizeDb = limitPeak(out);
  progress(1, 'done');
  return {
    audio: { sampleRate: outRate, samples: out },
    report: {
      duration,
      sampleRate: outRate,
      frames: T,
      voicedFrames,
      unvoicedFrames: T - voicedFrames - silentFrames > 0 ? T - voicedFrames - silentFrames : 0,
      silentFrames,
      breathFrames: breathCount,
      continuity: queried > 0 ? continued / queried : 0,
      key,
      formant,
      warp,
      similarity,
      normalizeDb,
    },
  };
}

/** The converted frames as the vocoder's FrameSource, each decoded (with the formant ratio) when it is needed. */
function frameSource(
  voice: Voice,
  f0: Float64Array,
  mcep: Float32Array,
  ap: Float32Array,
  formant: number,
  rate: number,
): { source: FrameSource; fftSize: number } {
  const dim = voice.mcepOrder + 1;
  const bands = voice.apBands;
  const maxSize = Math.max(voice.fftSize, 2 ** Math.ceil(Math.log2((voice.fftSize * rate) / voice.sampleRate)));
  const size = synthesisFftSize({ sampleRate: rate, framePeriod: voice.framePeriod, fftSize: maxSize, f0, spectrogram: [], aperiodicity: [] });
  const decoder = new EnvelopeDecoder(size, voice.alpha, dim - 1, voice.sampleRate, rate);
  const apDecoder = new AperiodicityDecoder(voice.sampleRate, size, bands, BAND_SPACING_HZ, rate);
  const rows = { sp: new Float64Array(size / 2 + 1), ap: new Float64Array(size / 2 + 1) };
  const mcRow = new Float64Array(dim);
  const apRow = new Float64Array(bands);
  const source: FrameSource = {
    sampleRate: rate,
    framePeriod: voice.framePeriod,
    fftSize: size,
    f0,
    rows(i) {
      for (let d = 0; d < dim; d++) mcRow[d] = mcep[i * dim + d];
      for (let b = 0; b < bands; b++) apRow[b] = ap[i * bands + b];
      decoder.decode(mcRow, 0, formant, rows.sp);
      apDecoder.decode(apRow, 0, rows.ap);
      return rows;
    },
  };
  return { source, fftSize: size };
}


/** The warp of the input's formants onto the voice's (vocal-tract-warp.ts), from their average voiced spectra. */
function vocalTractWarp(voice: Voice, spectrogram: Float64Array[], f0: ArrayLike<number>): { warp: number; distance: number } {
  const bins = voice.fftSize / 2 + 1;
  const voiced = spectrogram.filter((_, j) => f0[j] > 0);
  if (voiced.length < 10) return { warp: 1, distance: 0 };
  const dim = voice.mcepOrder + 1;
  const mean = new Float64Array(dim);
  let n = 0;
  for (let f = 0; f < voice.frameCount; f++) {
    if (!(voice.frames.f0[f] > 0)) continue;
    for (let d = 0; d < dim; d++) mean[d] += voice.frames.mcep[f * dim + d];
    n++;
  }
  if (n < 10) return { warp: 1, distance: 0 };
  for (let d = 0; d < dim; d++) mean[d] /= n;
  // The log spectrum is linear in the cepstrum: the mean cepstrum decodes to the mean log spectrum.
  const sp = new Float64Array(bins);
  new EnvelopeDecoder(voice.fftSize, voice.alpha, voice.mcepOrder, voice.sampleRate).decode(mean, 0, 1, sp);
  const target = new Float64Array(bins);
  for (let k = 0; k < bins; k++) target[k] = Math.log(sp[k] > 1e-300 ? sp[k] : 1e-300);
  return estimateWarp(meanLogSpectrum(voiced, bins), target, voice.sampleRate);
}
