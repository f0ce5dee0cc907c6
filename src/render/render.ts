/**
 * The renderer: a Plan sung in a Voice. Each planned phoneme gets a recorded unit (unit-selection.ts), time-warped to
 * its slot (unit-fitting.ts); the frames take the plan's F0, are smoothed across joins (join.ts) and coloured by the
 * plan's loudness, breathiness and tension (colour.ts); the envelope is decoded with the formant curve (decode.ts),
 * the aperiodicity decoded from its bands, and the vocoder synthesizes the result. Silence ('pau') is near-zero
 * envelope; a breath ('br') is noise shaped by the voice's breathy (HH / fricative) envelope under a soft swell.
 *
 * Memory and joins: the decoded spectra are fftSize / 2 + 1 doubles per frame each for envelope and aperiodicity
 * (about 16 kB a frame at 32 kHz), so they are never held for the song: the vocoder asks for each frame when it needs
 * it (FrameSource) and the renderer decodes it then, into one reused pair of rows. The song is one synthesis pass with
 * no chunk boundaries (earlier versions cut it into 8 s chunks, restarting the pulse phase and dropping the pulse
 * tails at each cut: a click in a voiced stretch); the compact frames (a few hundred bytes each) are kept for the song.
 * renderStream gives the same samples out as they are made. Another output rate than the voice's is synthesized
 * straight at that rate (the envelope decoded for it: decode.ts), not resampled afterwards.
 */
import { limitPeak } from '../audio/peak.js';
import type { Audio } from '../audio/types.js';
import type { PhonemeClass } from '../lyrics/types.js';
import type { Plan } from '../planner/types.js';
import { BAND_SPACING_HZ } from '../vocoder/aperiodicity-coding.js';
import { type FrameSource, synthesisFftSize, synthesisLength, synthesizeBlocks } from '../vocoder/synthesis.js';
import type { Voice } from '../voice/types.js';
import { applyColour } from './colour.js';
import { AperiodicityDecoder, EnvelopeDecoder } from './decode.js';
import { type Join, smoothJoins } from './join.js';
import { EDGE_SECONDS, SMOOTH_SECONDS, smoothSegments } from './segment-smoothing.js';
import { softLimit } from './limiter.js';
import { fitUnit, MIN_LOOP, steadyRegion } from './unit-fitting.js';
import { type Fallback, isNonUnitPhoneme, type SelectionTarget, type SelectionWeights, selectUnits } from './unit-selection.js';

export interface RenderOptions {
  /** Seed of the vocoder's noise (default 1): the same seed gives the same samples. */
  seed?: number;
  /**
   * Output sample rate, Hz (default the voice's; the CLI asks for 44100 or 48000). Synthesized straight at that rate:
   * the voice's band is kept, with nothing above it.
   */
  sampleRate?: number;
  /** Called now and then with the share done (0..1) and the stage. */
  onProgress?: (fraction: number, stage: string) => void;
  weights?: Partial<SelectionWeights>;
  /**
   * Half width (s) of the moving average that takes the frame-to-frame jitter out of each voiced phoneme's envelope
   * (segment-smoothing.ts), default SMOOTH_SECONDS: songs come out closer to pitch. 0 turns it off, as speech and rap
   * do: there it cost intelligibility (pocketsphinx WER on slt's `speak` 42 -> 48 %, three seeds).
   */
  smoothing?: number;
}

export interface RenderedPhoneme {
  phoneme: string;
  /** Phoneme of the unit used ('' for silence and breath). */
  used: string;
  /** Unit index in voice.units (-1: silence, breath, or made from the class mean). */
  unit: number;
  start: number;
  end: number;
}

export interface RenderReport {
  duration: number;
  sampleRate: number;
  frames: number;
  phonemes: RenderedPhoneme[];
  /** Phonemes the voice lacks and what was sung instead. */
  fallbacks: Fallback[];
  /** Phonemes with no unit at all and no fallback unit (sung from the class's mean envelope). */
  missing: string[];
  /** Joins between units, and how many of them were neighbours in the recording. */
  joins: number;
  naturalJoins: number;
  /** Gain applied to bring the peak to -1 dBFS (dB, <= 0). */
  normalizeDb: number;
}

/** Seconds of cross-fade at each side of a join. */
const JOIN_SECONDS = 0.025;
/** Seconds of synthesis between progress reports of a whole render. */
const PROGRESS_BLOCK_SECONDS = 4;
/** Silence: envelope level far below anything audible (nepers of amplitude). */
const SILENCE_C0 = -16;
/** Breath level relative to the breath envelope (dB) and its floor at the edges. */
const BREATH_DB = -14;
/** Share of a voiced unit's level difference from its phoneme's median that is evened out. */
const LEVEL_MATCH = 0.5;

interface Slot extends SelectionTarget {
  first: number;
  end: number;
  start: number;
  stop: number;
}

/** Frame range [first, end) of a segment: frame i (at i * fp) belongs to the segment whose span holds i * fp. */
function slots(plan: Plan, frames: number): Slot[] {
  const fp = plan.framePeriod;
  const out: Slot[] = [];
  const segs = plan.segments;
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s];
    const silent = isNonUnitPhoneme(seg.phoneme, seg.cls);
    const prev = out[out.length - 1];
    // A vowel held over several notes (melisma, ties) is one slot: one unit, stretched.
    if (prev && prev.phoneme === seg.phoneme && (!silent || seg.phoneme === 'pau') && prev.stop === seg.start) {
      prev.stop = seg.end;
      continue;
    }
    out.push({ phoneme: seg.phoneme, cls: seg.cls, voiced: seg.voiced, left: 'pau', right: 'pau', f0: 0, duration: 0,
      first: 0, end: 0, start: seg.start, stop: seg.end });
  }
  for (let i = 0; i < out.length; i++) {
    const sl = out[i];
    sl.first = Math.min(frames, Math.max(0, Math.ceil(sl.start / fp - 1e-6)));
    sl.end = i === out.length - 1 ? frames : Math.min(frames, Math.max(0, Math.ceil(sl.stop / fp - 1e-6)));
    sl.duration = sl.stop - sl.start;
    sl.left = i > 0 ? contextSymbol(out[i - 1].phoneme) : 'pau';
    sl.right = i + 1 < out.length ? contextSymbol(out[i + 1].phoneme) : 'pau';
    const v: number[] = [];
    for (let j = sl.first; j < sl.end; j++) if (plan.f0[j] > 0) v.push(plan.f0[j]);
    v.sort((a, b) => a - b);
    sl.f0 = v.length ? v[v.length >> 1] : 0;
  }
  return out;
}

function contextSymbol(p: string): string {
  return p === 'br' || p === 'sil' ? 'pau' : p;
}

/** Mean of the given frames' rows (dim values each). */
function meanRows(src: Float32Array, dim: number, frames: Iterable<number>): Float64Array | undefined {
  const m = new Float64Array(dim);
  let n = 0;
  for (const f of frames) {
    for (let k = 0; k < dim; k++) m[k] += src[f * dim + k];
    n++;
  }
  if (n === 0) return undefined;
  for (let k = 0; k < dim; k++) m[k] /= n;
  return m;
}

function* unitFrames(voice: Voice, pred: (u: Voice['units'][number]) => boolean): Generator<number> {
  for (const u of voice.units) if (pred(u)) for (let f = u.frameStart; f < u.frameStart + u.frameCount; f++) yield f;
}

/** Frames more than this far (dB) below a voiced unit's loudest frame, at its edges, are alignment spill-over. */
const EDGE_SILENCE_DB = 30;

/**
 * A voiced unit without the near-silent frames at its ends (a boundary placed in the neighbouring pause or closure):
 * stretched, they would sing silence where the plan wants the phoneme. Keeps at least 3 frames.
 */
function trimSilentEdges(voice: Voice, start: number, count: number): [number, number] {
  const dim = voice.mcepOrder + 1;
  const mc = voice.frames.mcep;
  let peak = -Infinity;
  for (let f = start; f < start + count; f++) peak = Math.max(peak, mc[f * dim]);
  const floor = peak - (EDGE_SILENCE_DB * Math.LN10) / 20;
  let a = start;
  let b = start + count;
  while (b - a > 3 && mc[a * dim] < floor) a++;
  while (b - a > 3 && mc[(b - 1) * dim] < floor) b--;
  return [a, b - a];
}

/** The frames to synthesize: envelope (mel-cepstra), band aperiodicity, F0, silence flags, and the report so far. */
interface Prepared {
  mcep: Float64Array;
  ap: Float64Array;
  f0: Float64Array;
  silent: Uint8Array;
  dim: number;
  bands: number;
  report: Omit<RenderReport, 'sampleRate' | 'normalizeDb'>;
}

/** Unit selection, fitting, joins and colour: everything before the vocoder. */
function prepare(plan: Plan, voice: Voice, opts: RenderOptions): Prepared {
  const fp = plan.framePeriod;
  const frames = plan.f0.length;
  if (!(fp > 0) || frames < 1) throw new RangeError('render: the plan has no frames');
  const progress = opts.onProgress ?? (() => {});
  const dim = voice.mcepOrder + 1;
  const bands = voice.apBands;
  const vmc = voice.frames.mcep;
  const vap = voice.frames.ap;
  const vf0 = voice.frames.f0;

  const sl = slots(plan, frames);
  progress(0, 'selecting units');
  const sel = selectUnits(sl, voice, opts.weights);

  // Stand-ins: mean voiced aperiodicity (for voiced slots over unvoiced unit frames), breath and class envelopes.
  const voicedFrames: number[] = [];
  for (let f = 0; f < voice.frameCount; f++) if (vf0[f] > 0) voicedFrames.push(f);
  const meanVoicedAp = meanRows(vap, bands, voicedFrames) ?? new Float64Array(bands).fill(-20);
  const breathMc =
    meanRows(vmc, dim, unitFrames(voice, (u) => u.phoneme === 'HH' || u.phoneme === 'h')) ??
    (voice.stats.meanMcepByClass.fricative ? Float64Array.from(voice.stats.meanMcepByClass.fricative) : undefined) ??
    meanRows(vmc, dim, unitFrames(voice, (u) => !u.voiced && u.cls !== 'silence')) ??
    new Float64Array(dim);

  const energyMedians = new Map<string, number>();
  const medianEnergy = (phoneme: string): number => {
    let e = energyMedians.get(phoneme);
    if (e === undefined) {
      const l = voice.units.filter((u) => u.phoneme === phoneme).map((u) => u.energy).sort((x, y) => x - y);
      e = l.length > 0 ? l[l.length >> 1] : 0;
      energyMedians.set(phoneme, e);
    }
    return e;
  };
  const mcep = new Float64Array(frames * dim);
  const ap = new Float64Array(frames * bands);
  const f0 = new Float64Array(frames);
  const voiced = new Uint8Array(frames);
  const silent = new Uint8Array(frames);
  const joins: Join[] = [];
  let naturalJoins = 0;
  const missing: string[] = [];
  const phonemes: RenderedPhoneme[] = [];
  let prevUnit = -1;
  let prevFrames = 0;

  for (let s = 0; s < sl.length; s++) {
    const t = sl[s];
    const m = t.end - t.first;
    const u = sel.units[s];
    phonemes.push({ phoneme: t.phoneme, used: u >= 0 ? sel.used[s] : '', unit: u, start: t.start, end: t.stop });
    if (m <= 0) continue;
    if (t.phoneme === 'br') {
      // A soft swell of noise: sin-shaped in amplitude over the breath.
      for (let j = 0; j < m; j++) {
        const i = t.first + j;
        const env = Math.sin((Math.PI * (j + 0.5)) / m);
        for (let k = 0; k < dim; k++) mcep[i * dim + k] = breathMc[k];
        mcep[i * dim] += (BREATH_DB * Math.LN10) / 20 + Math.log(Math.max(env, 1e-3));
        ap.fill(0, i * bands, (i + 1) * bands);
      }
      prevUnit = -1;
      continue;
    }
    if (isNonUnitPhoneme(t.phoneme, t.cls)) {
      for (let i = t.first; i < t.end; i++) {
        mcep[i * dim] = SILENCE_C0;
        silent[i] = 1;
      }
      prevUnit = -1;
      continue;
    }
    if (u < 0) {
      // Nothing to sing it with: the class's mean envelope, held.
      if (!missing.includes(t.phoneme)) missing.push(t.phoneme);
      const mean = voice.stats.meanMcepByClass[t.cls as PhonemeClass] ?? breathMc;
      for (let i = t.first; i < t.end; i++) {
        for (let k = 0; k < dim; k++) mcep[i * dim + k] = mean[k];
        for (let b = 0; b < bands; b++) ap[i * bands + b] = meanVoicedAp[b];
        if (t.voiced && plan.f0[i] > 0) {
          f0[i] = plan.f0[i];
          voiced[i] = 1;
        } else ap.fill(0, i * bands, (i + 1) * bands);
      }
      prevUnit = -1;
      continue;
    }
    const unit = voice.units[u];
    if (prevUnit >= 0) {
      const pu = voice.units[prevUnit];
      if (unit.frameStart === pu.frameStart + pu.frameCount) naturalJoins++;
      else joins.push({ frame: t.first, leftFrames: prevFrames, rightFrames: m });
    }
    const [uStart, uCount] = t.voiced ? trimSilentEdges(voice, unit.frameStart, unit.frameCount) : [unit.frameStart, unit.frameCount];
    // A stretched unit's frame levels (c0 in dB) give its steady region: a long note loops that, not the syllable's fade.
    let steady: [number, number] | undefined;
    if (m * fp > uCount * voice.framePeriod) {
      const levels = new Float64Array(uCount);
      for (let j = 0; j < uCount; j++) levels[j] = (vmc[(uStart + j) * dim] * 20) / Math.LN10;
      steady = steadyRegion(levels, Math.ceil(MIN_LOOP / voice.framePeriod));
    }
    const pos = fitUnit(uCount, voice.framePeriod, m, fp, t.cls, steady);
    // Level matching: speech units of one phoneme differ by several dB with their context and stress; sung notes
    // should not. Half of the unit's distance to its phoneme's median energy is taken out (c0, in nepers).
    const levelShift = t.voiced ? (LEVEL_MATCH * (medianEnergy(sel.used[s]) - unit.energy) * Math.LN10) / 20 : 0;
    for (let j = 0; j < m; j++) {
      const i = t.first + j;
      const x = pos[j];
      const i0 = Math.floor(x);
      const i1 = Math.min(uCount - 1, i0 + 1);
      const w = x - i0;
      const a = (uStart + i0) * dim;
      const b = (uStart + i1) * dim;
      for (let k = 0; k < dim; k++) mcep[i * dim + k] = vmc[a + k] + w * (vmc[b + k] - vmc[a + k]);
      mcep[i * dim] += levelShift;
      const ab = (uStart + i0) * bands;
      const bb = (uStart + i1) * bands;
      for (let k = 0; k < bands; k++) ap[i * bands + k] = vap[ab + k] + w * (vap[bb + k] - vap[ab + k]);
      if (t.voiced && plan.f0[i] > 0) {
        f0[i] = plan.f0[i];
        voiced[i] = 1;
        // A voiced slot over an unvoiced frame of the unit (its edges, a devoiced stretch) takes the voice's typical
        // voiced aperiodicity, else it would come out as noise at the planned pitch.
        const src = uStart + (w < 0.5 ? i0 : i1);
        let allNoise = true;
        for (let k = 0; k < bands; k++) if (ap[i * bands + k] <= -0.5) allNoise = false;
        if (vf0[src] === 0 || allNoise) for (let k = 0; k < bands; k++) ap[i * bands + k] = meanVoicedAp[k];
      } else {
        ap.fill(0, i * bands, (i + 1) * bands);
      }
    }
    prevUnit = u;
    prevFrames = m;
  }
  progress(0.1, 'smoothing joins');

  const width = Math.max(1, Math.round(JOIN_SECONDS / fp));
  smoothJoins(mcep, dim, joins, width);
  smoothJoins(ap, bands, joins, width);
  applyColour(plan, mcep, dim, ap, bands, voiced);
  // Voiced phonemes lose their frame-to-frame envelope jitter (segment-smoothing.ts).
  const smoothing = opts.smoothing ?? SMOOTH_SECONDS;
  if (!(smoothing >= 0 && smoothing <= 0.2)) throw new RangeError(`render: smoothing ${smoothing} s is out of range (0..0.2)`);
  smoothSegments(mcep, dim, sl, voiced, Math.round(smoothing / fp), Math.round(EDGE_SECONDS / fp));
  return {
    mcep,
    ap,
    f0,
    silent,
    dim,
    bands,
    report: { duration: plan.duration, frames, phonemes, fallbacks: sel.fallbacks, missing, joins: joins.length, naturalJoins },
  };
}

/**
 * The vocoder's input as a FrameSource: each frame's envelope and aperiodicity decoded (with the formant curve) when
 * the synthesis first asks for it, into one reused pair of rows, so memory does not grow with the song.
 */
function frameSource(plan: Plan, voice: Voice, pr: Prepared, fs: number): { source: FrameSource; fftSize: number } {
  const fp = plan.framePeriod;
  const { mcep, ap, f0, silent, dim, bands } = pr;
  // The synthesis only needs an FFT that holds one pulse response and one noise segment (synthesisFftSize), usually
  // half the analysis size: decoding straight to it halves the decoding and skips the vocoder's decimation.
  const maxSize = Math.max(voice.fftSize, 2 ** Math.ceil(Math.log2((voice.fftSize * fs) / voice.sampleRate)));
  const size = synthesisFftSize({ sampleRate: fs, framePeriod: fp, fftSize: maxSize, f0, spectrogram: [], aperiodicity: [] });
  const decoder = new EnvelopeDecoder(size, voice.alpha, dim - 1, voice.sampleRate, fs);
  const apDecoder = new AperiodicityDecoder(voice.sampleRate, size, bands, BAND_SPACING_HZ, fs);
  const rows = { sp: new Float64Array(size / 2 + 1), ap: new Float64Array(size / 2 + 1) };
  const source: FrameSource = {
    sampleRate: fs,
    framePeriod: fp,
    fftSize: size,
    f0,
    rows(i) {
      // Silence is a flat floor far below hearing: no need to decode it.
      if (silent[i]) rows.sp.fill(Math.exp(2 * mcep[i * dim]));
      else decoder.decode(mcep, i * dim, plan.formant[i] ?? 1, rows.sp);
      apDecoder.decode(ap, i * bands, rows.ap);
      return rows;
    },
  };
  return { source, fftSize: size };
}

function check(plan: Plan, opts: RenderOptions): void {
  if (!(plan.framePeriod > 0) || plan.f0.length < 1) throw new RangeError('render: the plan has no frames');
  const r = opts.sampleRate;
  if (r !== undefined && !(Number.isInteger(r) && r >= 8000 && r <= 192000)) throw new RangeError(`render: bad output sample rate ${r}`);
}

function synthesisSeed(opts: RenderOptions): number {
  return ((opts.seed ?? 1) * 7919) | 0;
}

/** Sings `plan` in `voice`: the whole song, its peak normalised to -1 dBFS. */
export function render(plan: Plan, voice: Voice, opts: RenderOptions = {}): { audio: Audio; report: RenderReport } {
  check(plan, opts);
  const progress = opts.onProgress ?? (() => {});
  const pr = prepare(plan, voice, opts);
  const rate = opts.sampleRate ?? voice.sampleRate;
  const { source, fftSize } = frameSource(plan, voice, pr, rate);
  const total = synthesisLength(pr.f0.length, plan.framePeriod, rate);
  // One pass over the song, in blocks only for progress: the blocks are exactly the whole synthesis.
  const out = new Float32Array(total);
  let at = 0;
  for (const block of synthesizeBlocks(source, { seed: synthesisSeed(opts), fftSize, delayCompensation: true }, PROGRESS_BLOCK_SECONDS * rate)) {
    out.set(block, at);
    at += block.length;
    progress(0.1 + (0.85 * at) / total, 'synthesizing');
  }

  // The output's peak to -1 dBFS when it is over.
  const normalizeDb = limitPeak(out);
  const audio: Audio = { sampleRate: rate, samples: out };
  progress(1, 'done');
  return { audio, report: { ...pr.report, sampleRate: audio.sampleRate, normalizeDb } };
}

export interface StreamOptions extends RenderOptions {
  /** Seconds of audio per chunk (default 0.25; the first chunk comes as soon as that much is synthesized). */
  chunkSeconds?: number;
  /** Apply the soft limiter (default true; false: the caller limits, e.g. after mixing a backing track). */
  limit?: boolean;
}

export interface RenderStream {
  sampleRate: number;
  /** Samples the stream gives in all. */
  length: number;
  /** What was selected and joined (known before the first chunk). */
  report: Omit<RenderReport, 'normalizeDb'>;
  /** The audio in order, chunk by chunk. */
  chunks: Generator<Float32Array>;
  /** Samples the limiter changed so far (0: the stream equals the whole render times 10^(-normalizeDb / 20)). */
  limited(): number;
}

/**
 * Sings `plan` in `voice` as a stream: the same synthesis as render(), given out chunk by chunk as it is made, so the
 * first audio comes after unit selection and one chunk of synthesis, and memory stays bounded (the decoded spectra and
 * the output are never held for the whole song). The one difference: render() scales the whole song so its peak is
 * at -1 dBFS; a stream cannot know its peak in advance, so it keeps the synthesis level and a memoryless soft limiter
 * (limiter.ts) bends only samples above -1 dBFS. Where the limiter did not act, stream = render * 10^(-normalizeDb/20).
 */
export function renderStream(plan: Plan, voice: Voice, opts: StreamOptions = {}): RenderStream {
  check(plan, opts);
  const pr = prepare(plan, voice, opts);
  const rate = opts.sampleRate ?? voice.sampleRate;
  const { source, fftSize } = frameSource(plan, voice, pr, rate);
  const length = synthesisLength(pr.f0.length, plan.framePeriod, rate);
  const block = Math.max(256, Math.round((opts.chunkSeconds ?? 0.25) * rate));
  let limited = 0;
  const doLimit = opts.limit ?? true;
  const progress = opts.onProgress ?? (() => {});
  function* chunks(): Generator<Float32Array> {
    let at = 0;
    for (const y of synthesizeBlocks(source, { seed: synthesisSeed(opts), fftSize, delayCompensation: true }, block)) {
      at += y.length;
      progress(0.1 + (0.9 * at) / length, 'synthesizing');
      if (doLimit) limited += softLimit(y);
      yield y;
    }
  }
  return { sampleRate: rate, length, report: { ...pr.report, sampleRate: rate }, chunks: chunks(), limited: () => limited };
}
