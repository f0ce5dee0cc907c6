/**
 * WORLD-style source-filter synthesis (Morise, Yokomori & Ozawa, "WORLD: a vocoder-based high-quality speech synthesis
 * system for real-time applications", IEICE Trans. Inf. & Syst. E99-D(7), 2016):
 *
 *  - the F0 contour is interpolated to the sample rate and integrated (phase accumulation); every time the phase wraps
 *    a pulse is placed, at a fractional-sample position. Unvoiced stretches get noise-only events at a fixed rate
 *    (UNVOICED_EVENT_RATE, 200 Hz; WORLD uses 500 Hz), and a change of voicing starts a new event at once. F0 is
 *    interpolated only between two voiced frames; the voicing of a sample is that of the nearest frame.
 *  - each voiced pulse gets the minimum-phase response of the periodic part of the envelope, sp * (1 - ap^2), scaled by
 *    sqrt(pulse interval) so the power per unit time follows the envelope; every event also gets a noise segment as
 *    long as the interval to the next event, filtered by the aperiodic part sp * ap^2 (the whole sp when unvoiced).
 *    `ap` is an amplitude ratio, as D4C produces it and as WORLD's synthesis reads it (WORLD squares it).
 *  - the fractional part of the pulse position is a linear phase ramp in the frequency domain; the DC the pulse
 *    response carries is removed with a Hann-shaped bump after the pulse (as WORLD does); responses are overlap-added.
 *
 * Speed (profiled with `node --cpu-prof`):
 *  - the minimum-phase spectrum is computed once per analysis frame (two frames per FFT pair), not per pulse; a pulse
 *    between frames i and i+1 uses the linear interpolation of the two frames' complex spectra.
 *  - two events share one complex FFT for their noise and one complex FFT for their responses (two real signals in
 *    the real and imaginary parts). The responses' transform is an inverse one done as a forward FFT of the spectrum
 *    with its bins reversed (k -> N - k), the 1 / N folded into the spectrum's gains: no normalising pass.
 *  - noise is filtered with the zero-phase amplitude |A| (no phase needed: the noise is random-phase anyway); the noise
 *    segment starts at the pulse, so it stays aligned with the pulse train as in WORLD.
 *  - nothing is allocated per pulse; frames are computed lazily into a RING-slot ring, so memory does not grow with the
 *    length of the input beyond the output itself.
 *  - the synthesis FFT only has to hold one pulse response and one noise segment, not CheapTrick's three-period
 *    window, so by default it is half the analysis length (see synthesisFftSize); the envelope is decimated to it.
 *    A noise segment that does not fit (a pulse period longer than the buffer allows) continues in noise-only events.
 *
 * Output length: round((frames - 1) * framePeriod * sampleRate) + 1 samples (frame i sits at sample i * framePeriod *
 * sampleRate, so the output spans first to last frame, as WORLD's synthesis does).
 */
import type { Audio } from '../audio/types.js';
import type { VocoderParams } from '../analysis/types.js';
import { type Fft, getFft } from '../audio/fft.js';
import { GaussianNoise } from './random.js';
import { MinimumPhasePair } from './min-phase.js';
import { polarToComplex } from './sincos-table.js';

export interface SynthesisOptions {
  /** Seed of the noise generator (default 1): the same seed gives byte-identical output. */
  seed?: number;
  /**
   * FFT length of the synthesis (a power of two, at most the params' fftSize): default synthesisFftSize(p). The
   * envelope and aperiodicity are decimated to it (triangular smoothing over the dropped bins). Pass p.fftSize to
   * synthesize at the analysis resolution, as WORLD does.
   */
  fftSize?: number;
  /**
   * Place each pulse earlier by the accumulated drift of its response (PulseSynthesizer.drift), so the waveform's
   * periods follow the F0 contour even where the envelope moves, and read the F0 ahead by the delay of a voiced run's
   * first response (PulseSynthesizer.startRun), so the waveform's F0 is on time rather than 1-3 ms late (default
   * false: pulses exactly at the F0 phase wraps, as WORLD; the renderer and the converter turn it on).
   */
  delayCompensation?: boolean;
}

/**
 * Band (Hz) over which the waveform's drift between pulses is measured (PulseSynthesizer.drift): where a voice's power
 * is. 1.5 kHz left espeak-cmn's notes 4-8 cents off (its power reaches higher); 4 and 8 kHz measured the same.
 */
const DRIFT_BAND_HZ = 4000;
/**
 * Time constant (s) with which the accumulated drift leaks back to zero (estimation errors must not pile up over a
 * long voiced run). The leak itself moves the pulses: a drift D leaking at time constant T changes the period by D / T,
 * e.g. 2.4 ms after a join onto espeak-cmn's 'l' in 61c, at 0.2 s, 1.2 % (20 cents) at the start of the next note and
 * a per-note median of 3.2 cents; at 2 s, 2.1 cents (and no song's RMSE worse by more than 0.5 cent). With the drift
 * taken pulse to pulse, 0.5 s read up to 1.2 cents worse than 2 s, and no leak at all within 0.4 cent of it.
 */
const DRIFT_LEAK_SECONDS = 2;
/** Largest lag (s) between two pulses' responses taken as drift (PulseSynthesizer.drift). */
const DRIFT_LIMIT_SECONDS = 0.001;
/** Spacing (s) of the lags at which the cross-correlation is searched for its highest peak before refining it. */
const DRIFT_GRID_SECONDS = 0.0001;
/** Normalised cross-correlation at zero lag above which two pulses' responses count as the same shape (drift). */
const DRIFT_SIMILAR = 0.98;
/** Longest lead (s) of the F0 over the pulses (startRun): a response's energy centroid is 1-3 ms after the pulse. */
const LEAD_LIMIT_SECONDS = 0.005;

/** Rate of the noise-only events in unvoiced stretches (Hz): one per 5 ms, the default frame period. */
export const UNVOICED_EVENT_RATE = 200;

/** Number of samples of output for `frames` frames (see the module comment). */
export function synthesisLength(frames: number, framePeriod: number, sampleRate: number): number {
  return frames <= 0 ? 0 : Math.round((frames - 1) * framePeriod * sampleRate) + 1;
}

/** Shortest response the synthesis FFT must hold (s): a minimum-phase formant response has decayed well by then. */
const MIN_RESPONSE_SECONDS = 0.02;

/**
 * Default synthesis FFT length: the smallest power of two that holds MIN_RESPONSE_SECONDS and the noise segment of
 * one period of a low voiced F0 (2nd percentile; plus the origin offset and margin), capped at the analysis fftSize.
 * The analysis needs three periods of the lowest F0 (CheapTrick's window); the synthesis needs one, so this is
 * usually half the analysis length, which halves the cost of every FFT and every per-bin loop.
 */
export function synthesisFftSize(p: VocoderParams): number {
  const voiced: number[] = [];
  for (let i = 0; i < p.f0.length; i++) if (p.f0[i] > 0) voiced.push(p.f0[i]);
  voiced.sort((a, b) => a - b);
  // A low percentile rather than the minimum, so a few stray low frames do not double the cost of the whole file
  // (their longer noise segments continue in extra noise-only events).
  const low = voiced.length > 0 ? voiced[Math.floor(0.02 * (voiced.length - 1))] : UNVOICED_EVENT_RATE;
  const longest = p.sampleRate / low;
  // The noise segment may use 11/16 of the buffer (it starts a quarter in and keeps 1/16 clear at the end).
  const need = Math.max(MIN_RESPONSE_SECONDS * p.sampleRate, (longest * 16) / 11);
  let n = 8;
  while (n < need && n < p.fftSize) n *= 2;
  return Math.min(n, p.fftSize);
}

export function validateParams(p: VocoderParams): void {
  const n = p.f0.length;
  if (!(p.sampleRate > 0) || !Number.isFinite(p.sampleRate)) throw new RangeError(`vocoder: bad sampleRate ${p.sampleRate}`);
  if (!(p.framePeriod > 0) || !Number.isFinite(p.framePeriod)) throw new RangeError(`vocoder: bad framePeriod ${p.framePeriod}`);
  const size = p.fftSize;
  if (!(size >= 8) || (size & (size - 1)) !== 0) throw new RangeError(`vocoder: fftSize must be a power of two >= 8, got ${size}`);
  if (p.spectrogram.length !== n || p.aperiodicity.length !== n) {
    throw new RangeError(`vocoder: ${n} F0 frames but ${p.spectrogram.length} envelope and ${p.aperiodicity.length} aperiodicity frames`);
  }
  const bins = size / 2 + 1;
  for (let i = 0; i < n; i++) {
    if (!(p.f0[i] >= 0) || !Number.isFinite(p.f0[i])) throw new RangeError(`vocoder: frame ${i}: bad F0 ${p.f0[i]}`);
    if (p.spectrogram[i].length !== bins || p.aperiodicity[i].length !== bins) {
      throw new RangeError(`vocoder: frame ${i}: spectra must have fftSize / 2 + 1 = ${bins} bins`);
    }
  }
}

export function synthesize(p: VocoderParams, opts: SynthesisOptions = {}): Audio {
  validateParams(p);
  const length = synthesisLength(p.f0.length, p.framePeriod, p.sampleRate);
  if (length === 0) return { sampleRate: p.sampleRate, samples: new Float32Array(0) };
  const fftSize = opts.fftSize ?? synthesisFftSize(p);
  const rows = { sp: p.spectrogram[0], ap: p.aperiodicity[0] };
  const source: FrameSource = {
    sampleRate: p.sampleRate,
    framePeriod: p.framePeriod,
    fftSize: p.fftSize,
    f0: p.f0,
    rows(j) {
      rows.sp = p.spectrogram[j];
      rows.ap = p.aperiodicity[j];
      return rows;
    },
  };
  let samples: Float32Array = new Float32Array(0);
  for (const block of synthesizeBlocks(source, { ...opts, fftSize }, Infinity)) samples = block;
  return { sampleRate: p.sampleRate, samples };
}

/**
 * What the synthesis reads, frame by frame: the F0 track up front, the spectra only when a frame is first needed (in
 * time order, each frame about once), so a caller can decode them on demand into reused rows.
 */
export interface FrameSource {
  sampleRate: number;
  framePeriod: number;
  /** Length of the FFT the rows come from: rows have fftSize / 2 + 1 bins. */
  fftSize: number;
  /** Hz per frame; 0 = unvoiced. */
  f0: Float64Array;
  /** Power envelope and aperiodicity (amplitude ratio) rows of frame j; read at once, before the next call. */
  rows(j: number): { sp: Float64Array; ap: Float64Array };
}

/**
 * The synthesis as a stream: yields the output in order, in blocks of at least `block` samples (the last may be
 * shorter; Infinity: one block). The samples are those synthesize() gives, whatever the block size: a sample is
 * yielded once no later pulse can reach it. Memory: the FFT buffers and about 2 blocks of output.
 */
export function* synthesizeBlocks(src: FrameSource, opts: SynthesisOptions & { fftSize: number }, block: number): Generator<Float32Array> {
  const length = synthesisLength(src.f0.length, src.framePeriod, src.sampleRate);
  if (length === 0) return;
  const fftSize = opts.fftSize;
  if (!(fftSize >= 8) || (fftSize & (fftSize - 1)) !== 0 || fftSize > src.fftSize) {
    throw new RangeError(`vocoder: synthesis fftSize must be a power of two from 8 to ${src.fftSize}, got ${fftSize}`);
  }
  const synth = new PulseSynthesizer(src, opts.seed ?? 1, length, fftSize, opts.delayCompensation ?? false, block);
  yield* synth.run();
}

/**
 * Frames held at once (a power of two). Pending events reach back a few pulse periods (30 ms at a low F0, 6 frames)
 * while the pulse placement looks at the current frames (the drift), so the ring must span both or frames would be
 * computed twice.
 */
const RING = 16;

/** Per-frame data in the ring: periodic minimum-phase spectrum (interleaved complex) and noise amplitude. */
interface FrameSlot {
  frame: number;
  voiced: boolean;
  /** sqrt(sp * (1 - ap^2)) * e^{j phase}, interleaved, bins 0..N/2 (zero when unvoiced). */
  periodic: Float64Array;
  /** sqrt(sp * ap^2) (sqrt(sp) when unvoiced), bins 0..N/2. */
  noise: Float64Array;
  /** Largest noise amplitude, to skip silent noise. */
  noiseMax: number;
}

class PulseSynthesizer {
  private readonly p: FrameSource;
  private readonly n: number;
  private readonly half: number;
  private readonly frames: number;
  private readonly length: number;
  private readonly fft: Fft;
  private readonly minPhase: MinimumPhasePair;
  private readonly rng: GaussianNoise;
  /** Output with n samples of padding on both sides (so overlap-add needs no bounds checks). */
  private readonly out: Float32Array;
  /** Where the response origin sits in the FFT buffer: a quarter in, leaving room for the fractional-delay spread. */
  private readonly origin: number;
  /** Longest noise segment (samples) that fits after the origin. */
  private readonly maxNoise: number;
  private readonly dcRemover: Float64Array;
  private readonly slots: FrameSlot[];
  private readonly powA: Float64Array;
  private readonly powB: Float64Array;
  private readonly phA: Float64Array;
  private readonly phB: Float64Array;
  private readonly bufNoise: Float64Array;
  private readonly specNoise: Float64Array;
  private readonly bufY: Float64Array;
  private readonly bufOut: Float64Array;

  // Pending events (at most two finalized plus one open).
  private evPos = new Float64Array(4);
  /** Noise samples of the event (-1 while it is open). */
  private evLen = new Int32Array(4);
  /** Samples to the next pulse (sets the pulse gain). */
  private evPeriod = new Int32Array(4);
  private evVoiced = new Uint8Array(4);
  private evCount = 0;

  /** Analysis bins per synthesis bin (a power of two). */
  private readonly decimation: number;
  private readonly fullPeriodic: Float64Array;
  private readonly fullNoise: Float64Array;

  /** Whether pulses are moved by their response's delay (SynthesisOptions.delayCompensation). */
  private readonly compensate: boolean;
  /**
   * Accumulated drift (samples) of the last pulse of the voiced run (at driftPos), and its periodic response over the
   * drift band (driftLast; driftNext is scratch for the next pulse's).
   */
  private driftPos = NaN;
  private driftAcc = 0;
  private driftLast: Float64Array;
  private driftNext: Float64Array;
  /** How far ahead (samples) the F0 is read in this voiced run (startRun). */
  private lead = 0;
  private readonly driftCross: Float64Array;
  /** Highest bin of the drift band, grid lags searched on each side of zero, and e^{j w_k tau_g} at them (drift). */
  private readonly driftBins: number;
  private readonly driftSteps: number;
  private readonly driftGrid: Float64Array;

  /** Frames around a sample and the later one's weight (locate). */
  private atI0 = 0;
  private atI1 = 0;
  private atW = 0;

  /** Output samples yielded at a time (at least), and the sample index that buffer index n holds. */
  private readonly block: number;
  private bufStart = 0;

  constructor(p: FrameSource, seed: number, length: number, fftSize: number, compensate: boolean, block: number) {
    this.p = p;
    this.compensate = compensate;
    this.n = fftSize;
    this.half = fftSize >> 1;
    this.decimation = p.fftSize / fftSize;
    this.fullPeriodic = new Float64Array(p.fftSize / 2 + 1);
    this.fullNoise = new Float64Array(p.fftSize / 2 + 1);
    this.frames = p.f0.length;
    this.length = length;
    this.fft = getFft(this.n);
    this.minPhase = new MinimumPhasePair(this.n);
    this.rng = new GaussianNoise(seed);
    this.block = block;
    // Whole output plus padding when it comes in one block; else room for two blocks and the pending events.
    this.out = new Float32Array(Number.isFinite(block) ? 2 * block + 8 * this.n : length + 2 * this.n);
    this.origin = this.n >> 2;
    this.maxNoise = this.n - this.origin - (this.n >> 4);
    // WORLD's DC remover: a Hann window half the FFT long, normalised to sum 1, placed from the pulse on.
    const lh = this.half;
    this.dcRemover = new Float64Array(lh);
    let sum = 0;
    for (let i = 0; i < lh; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 1)) / (lh + 1));
      this.dcRemover[i] = w;
      sum += w;
    }
    for (let i = 0; i < lh; i++) this.dcRemover[i] /= sum;
    const bins = this.half + 1;
    this.slots = [];
    for (let s = 0; s < RING; s++) {
      this.slots.push({ frame: -1, voiced: false, periodic: new Float64Array(2 * bins), noise: new Float64Array(bins), noiseMax: 0 });
    }
    this.driftCross = new Float64Array(2 * bins);
    this.driftBins = Math.min(this.half, Math.floor((DRIFT_BAND_HZ * this.n) / p.sampleRate));
    this.driftLast = new Float64Array(2 * (this.driftBins + 1));
    this.driftNext = new Float64Array(2 * (this.driftBins + 1));
    this.driftSteps = Math.max(1, Math.ceil(DRIFT_LIMIT_SECONDS / DRIFT_GRID_SECONDS));
    this.driftGrid = new Float64Array(2 * (2 * this.driftSteps + 1) * this.driftBins);
    for (let g = -this.driftSteps, o = 0; g <= this.driftSteps; g++) {
      const tau = (g / this.driftSteps) * DRIFT_LIMIT_SECONDS * p.sampleRate;
      for (let k = 1; k <= this.driftBins; k++, o += 2) {
        this.driftGrid[o] = Math.cos((2 * Math.PI * k * tau) / this.n);
        this.driftGrid[o + 1] = Math.sin((2 * Math.PI * k * tau) / this.n);
      }
    }
    this.powA = new Float64Array(bins);
    this.powB = new Float64Array(bins);
    this.phA = new Float64Array(bins);
    this.phB = new Float64Array(bins);
    this.bufNoise = new Float64Array(2 * this.n);
    this.specNoise = new Float64Array(2 * this.n);
    this.bufY = new Float64Array(2 * this.n);
    this.bufOut = new Float64Array(2 * this.n);
  }

  /** Output samples bufStart .. upTo - 1 (final: no pending event reaches them), and the buffer moved on. */
  private take(upTo: number): Float32Array {
    const k = upTo - this.bufStart;
    const n = this.n;
    const out = this.out.slice(n, n + k);
    if (Number.isFinite(this.block)) {
      this.out.copyWithin(0, k);
      this.out.fill(0, this.out.length - k);
    }
    this.bufStart = upTo;
    return out;
  }

  /** First sample a pending event can still write to. */
  private finalUpTo(): number {
    return Math.min(this.length, Math.floor(this.evPos[0]) - this.origin);
  }

  /** Walks the samples, integrating F0, and emits events (pulses and noise-only events); yields finished output. */
  *run(): Generator<Float32Array> {
    const f0 = this.p.f0;
    const fs = this.p.sampleRate;
    const framesPerSample = 1 / (this.p.framePeriod * fs);
    const last = this.frames - 1;
    const maxF = fs / 4;
    let phase = 0;
    let prevVoiced = f0[0] > 0;
    this.pushEvent(0, prevVoiced);
    if (prevVoiced) this.startRun(0);
    for (let i = 1; i < this.length; i++) {
      const x = i * framesPerSample;
      let i0 = Math.floor(x);
      if (i0 > last) i0 = last;
      const i1 = i0 < last ? i0 + 1 : last;
      const w = x - i0;
      const nearest = w < 0.5 ? i0 : i1;
      const voiced = f0[nearest] > 0;
      let f: number;
      if (voiced) {
        let a = f0[i0];
        let b = f0[i1];
        let u = w;
        if (this.lead > 0) {
          // F0 read ahead by the waveform's delay (see lead), while the frames there are voiced.
          const y = x + this.lead * framesPerSample;
          const j0 = Math.min(Math.floor(y), last);
          const j1 = j0 < last ? j0 + 1 : last;
          if (f0[j0] > 0 && f0[j1] > 0) {
            a = f0[j0];
            b = f0[j1];
            u = Math.min(1, y - j0);
          }
        }
        f = a > 0 && b > 0 ? a + u * (b - a) : a > 0 ? a : b;
        if (f > maxF) f = maxF;
      } else {
        f = UNVOICED_EVENT_RATE;
      }
      const step = f / fs;
      phase += step;
      if (phase >= 1) {
        phase -= 1;
        if (phase >= 1) phase = 0;
        // The wrap happened phase / step samples before sample i.
        let t = i - phase / step;
        if (voiced && prevVoiced && this.compensate) t = this.compensated(t);
        this.pushEvent(t, voiced);
        // A wrap on the sample where voicing begins opens the run.
        if (voiced && !prevVoiced) this.startRun(t);
        if (this.finalUpTo() - this.bufStart >= this.block) yield this.take(this.finalUpTo());
      } else if (voiced !== prevVoiced) {
        // Voicing changes start a new event at once, so the periodic/noise switch is as crisp as the frames.
        phase = 0;
        this.pushEvent(i, voiced);
        if (voiced) this.startRun(i);
      }
      prevVoiced = voiced;
    }
    // Close the last event at the end of the output.
    this.finishEvent(this.length);
    this.flush(true);
    if (this.length > this.bufStart) yield this.take(this.length);
  }

  /**
   * A voiced run begins with a pulse at sample t: with delay compensation, the drift starts from zero at that pulse
   * (compensated goes on from its response), and the F0 is read ahead by the delay of that response (lead). The drift (compensated) keeps the waveform's periods on the pulses' intervals from there
   * on, so the whole run's waveform lags its pulses by about that first delay: a minimum-phase response's energy comes
   * after the pulse (its centroid, the power-weighted group delay, 1-3 ms for a voice's formants), and a pitch tracker
   * reads the F0 of the cycles where their energy is. Read on time, every glide and vibrato came out that much late.
   * On the eval's 16 songs (eval/pitch-main.ts, Praat): the 61h songs 6.8, 6.2, 6.0, 9.9 -> 5.7, 5.7, 4.8, 8.6 cents
   * RMSE, no per-note median higher (slt's 61a 0.75 -> 0.39); espeak-cmn's 42a 7.0 -> 8.3, where quiet consonants sit
   * in 13- and 15-semitone leaps and Praat's window reads the loud vowel's side of the leap.
   */
  private startRun(t: number): void {
    if (!this.compensate) return;
    this.driftAcc = 0;
    this.driftPos = t;
    this.pulseResponse(t, this.driftLast);
    const d = this.responseDelay(this.driftLast);
    this.lead = Number.isFinite(d) && d > 0 ? Math.min(d, LEAD_LIMIT_SECONDS * this.p.sampleRate) : 0;
  }

  /**
   * Energy centroid (samples after the pulse) of a response given over bins 1..driftBins: the power-weighted mean of
   * its group delay, -d phase / d omega, taken from neighbouring bins.
   */
  private responseDelay(h: Float64Array): number {
    const dw = (2 * Math.PI) / this.n;
    let num = 0;
    let den = 0;
    for (let k = 2; k < this.driftBins; k++) {
      // arg(H[k+1] conj(H[k-1])) is the phase change over 2 bins.
      const ar = h[2 * k + 2];
      const ai = h[2 * k + 3];
      const br = h[2 * k - 2];
      const bi = h[2 * k - 1];
      const gd = -Math.atan2(ai * br - ar * bi, ar * br + ai * bi) / (2 * dw);
      const pw = h[2 * k] * h[2 * k] + h[2 * k + 1] * h[2 * k + 1];
      num += pw * gd;
      den += pw;
    }
    return den > 0 ? num / den : 0;
  }

  /**
   * A pulse due at `t` moved earlier by the accumulated drift of the responses since the voiced run began (see drift),
   * never before the previous event (the previous pulse, at driftPos: startRun placed the run's first).
   */
  private compensated(t: number): number {
    const prevPos = this.driftPos;
    // The response this pulse will get, taken where it would land with the drift so far.
    this.pulseResponse(t - this.driftAcc, this.driftNext);
    const leak = Math.exp(-(t - prevPos) / (DRIFT_LEAK_SECONDS * this.p.sampleRate));
    const acc = leak * this.driftAcc + this.drift(this.driftLast, this.driftNext);
    if (Number.isFinite(acc)) this.driftAcc = acc;
    const at = Math.max(prevPos + 1, 0, t - this.driftAcc);
    const swap = this.driftLast;
    this.driftLast = this.driftNext;
    this.driftNext = swap;
    this.driftPos = at;
    return at;
  }

  /** The periodic response (unscaled) of a pulse at sample t, bins 1..driftBins, into out (as addEventSpectrum mixes it). */
  private pulseResponse(t: number, out: Float64Array): void {
    this.locate(t);
    const s0 = this.slotFor(this.atI0);
    const s1 = this.slotFor(this.atI1);
    // Next to an unvoiced frame, the voiced frame's periodic spectrum alone.
    const w1 = !s0.voiced ? 1 : !s1.voiced ? 0 : this.atW;
    const w0 = 1 - w1;
    const p0 = s0.periodic;
    const p1 = s1.periodic;
    for (let k = 2; k <= 2 * this.driftBins + 1; k++) out[k] = w0 * p0[k] + w1 * p1[k];
  }

  /** Sets atI0, atI1 to the frames around sample t and atW to the weight of atI1 (clamped to the frames there are). */
  private locate(t: number): void {
    const x = t / (this.p.framePeriod * this.p.sampleRate);
    const last = this.frames - 1;
    let i0 = Math.floor(x);
    if (i0 > last) i0 = last;
    if (i0 < 0) i0 = 0;
    let w = x - i0;
    if (w < 0) w = 0;
    if (w > 1) w = 1;
    this.atI0 = i0;
    this.atI1 = i0 < last ? i0 + 1 : last;
    this.atW = w;
  }

  /**
   * How far (samples) periodic response hb lags ha, as a pitch tracker or the ear would see it: the lag of the highest
   * peak of their cross-correlation within DRIFT_LIMIT_SECONDS, over the band where a voice's power is
   * (DRIFT_BAND_HZ). A minimum-phase response is not a pure delay, and its delay moves with the formants: where the
   * envelope moves (a join, a moving vowel, a unit looped back and forth), the waveform's periods differ from the pulse
   * intervals by that lag. Praat measured tens of cents of F0 error from it near joins and in moving vowels (placing
   * pulses later by the lag instead of earlier doubled the error, which confirms the mechanism); placing them earlier by
   * the accumulated lag (compensated) takes most of it out.
   *
   * Between consecutive pulses' own responses (each a mix of the two frames around it), not between frames: the mix
   * of two unlike responses is not delayed by the mix of their delays. On the eval's 16 songs (eval/pitch-main.ts,
   * Praat) the frame-to-frame drift, interpolated at the pulse, gave 14 within 10 cents RMSE and espeak-cmn's 61h 13.2,
   * 61c 8.5 cents; pulse to pulse, 15, 9.9 and 2.4 (slt's 42a 11.2 -> 10.3, kal's 42a 4.2 -> 4.9, the rest the same or
   * better).
   *
   * The highest peak, not the one nearest zero lag: where the two responses differ much (a join onto a quiet nasal or
   * liquid), the cross-correlation has several peaks and the nearest is often a side one, while an autocorrelation
   * pitch tracker follows the highest (nearest: kal's 61a 6.3, espeak-en's 61c 7.5 cents; highest: 2.1, 1.7). A
   * highest point at the edge of the window is a peak outside it: no drift.
   */
  private drift(ha: Float64Array, hb: Float64Array): number {
    const kMax = this.driftBins;
    const dw = (2 * Math.PI) / this.n;
    const c = this.driftCross;
    let r0 = 0;
    let ea = 0;
    let eb = 0;
    for (let k = 1; k <= kMax; k++) {
      const ar = ha[2 * k];
      const ai = ha[2 * k + 1];
      const br = hb[2 * k];
      const bi = hb[2 * k + 1];
      c[2 * k] = br * ar + bi * ai;
      c[2 * k + 1] = bi * ar - br * ai;
      r0 += c[2 * k];
      ea += ar * ar + ai * ai;
      eb += br * br + bi * bi;
    }
    const limit = DRIFT_LIMIT_SECONDS * this.p.sampleRate;
    const steps = this.driftSteps;
    // Two nearly equal responses (a held vowel): r(0) is within 2 % of the bound sqrt(Ea Eb) that no lag can pass
    // (Cauchy-Schwarz), so no other peak can be much higher: the one next to zero is taken, without the search (on the
    // eval's 16 songs, Praat reads the same F0 as with the search).
    const similar = r0 >= DRIFT_SIMILAR * Math.sqrt(ea * eb);
    let tau = 0;
    if (!similar) {
      const g = this.highestGridLag(kMax);
      // Highest at the edge: the peak lies outside +-limit, not a drift to follow.
      if (g === -steps || g === steps) return 0;
      tau = (g / steps) * limit;
    }
    // Newton's method on r'(tau) = 0 from there: the peak itself.
    const start = tau;
    // From a grid point the peak is within a step; from zero (similar responses) anywhere in the window.
    const step = similar ? limit : limit / steps;
    for (let it = 0; it < 3; it++) {
      const rc = Math.cos(dw * tau);
      const rs = Math.sin(dw * tau);
      let er = rc;
      let ei = rs;
      let d1 = 0;
      let d2 = 0;
      for (let k = 1; k <= kMax; k++) {
        const cr = c[2 * k];
        const ci = c[2 * k + 1];
        // C_k e^{j w_k tau}
        const zr = cr * er - ci * ei;
        const zi = cr * ei + ci * er;
        const w = k * dw;
        d1 -= w * zi;
        d2 -= w * w * zr;
        const t = er * rc - ei * rs;
        ei = er * rs + ei * rc;
        er = t;
      }
      if (!(d2 < 0)) break;
      const next = tau - d1 / d2;
      // Further than the peak can be: a divergence.
      if (!(Math.abs(next - start) <= step)) break;
      tau = next;
    }
    return tau;
  }

  /**
   * The grid lag g (-driftSteps..driftSteps, in DRIFT_GRID_SECONDS) where r(tau) = Re sum_k C_k e^{j w_k tau}, with C
   * in driftCross, is highest (the grid is narrower than any peak of a correlation band-limited to DRIFT_BAND_HZ; the
   * e^{j w_k tau} are tabled in driftGrid).
   */
  private highestGridLag(kMax: number): number {
    const c = this.driftCross;
    const grid = this.driftGrid;
    let best = -Infinity;
    let at = 0;
    for (let g = -this.driftSteps, o = 0; g <= this.driftSteps; g++) {
      let r = 0;
      for (let k = 1; k <= kMax; k++, o += 2) r += c[2 * k] * grid[o] - c[2 * k + 1] * grid[o + 1];
      if (r > best) {
        best = r;
        at = g;
      }
    }
    return at;
  }

  private pushEvent(time: number, voiced: boolean): void {
    if (this.evCount > 0) this.finishEvent(time);
    this.appendEvent(time, voiced, -1, 0);
    this.flush(false);
  }

  private appendEvent(time: number, voiced: boolean, len: number, period: number): void {
    const k = this.evCount++;
    this.evPos[k] = time;
    this.evVoiced[k] = voiced ? 1 : 0;
    this.evLen[k] = len;
    this.evPeriod[k] = period;
  }

  /**
   * Closes the open event (the last one): its pulse period and noise length. A noise segment longer than the buffer
   * allows (F0 below what the synthesis FFT was sized for) continues in noise-only events, so none goes missing.
   */
  private finishEvent(nextTime: number): void {
    const k = this.evCount - 1;
    if (k < 0 || this.evLen[k] >= 0) return;
    const start = Math.floor(this.evPos[k]);
    const full = Math.max(0, Math.floor(nextTime) - start);
    this.evPeriod[k] = Math.max(1, full);
    if (full <= this.maxNoise) {
      this.evLen[k] = full;
      return;
    }
    this.evLen[k] = this.maxNoise;
    for (let at = start + this.maxNoise; at < start + full; at += this.maxNoise) {
      this.flush(false);
      const len = Math.min(this.maxNoise, start + full - at);
      this.appendEvent(at, false, len, len);
    }
  }

  /** Renders finished events two at a time (at the end, also a last one alone); the open event waits. */
  private flush(atEnd: boolean): void {
    for (;;) {
      const finished = this.evCount > 0 && this.evLen[this.evCount - 1] < 0 ? this.evCount - 1 : this.evCount;
      if (finished >= 2) {
        this.renderPair(0, 1);
        this.shiftEvents(2);
      } else if (atEnd && finished === 1) {
        this.renderPair(0, -1);
        this.shiftEvents(1);
      } else {
        return;
      }
    }
  }

  private shiftEvents(by: number): void {
    for (let k = by; k < this.evCount; k++) {
      this.evPos[k - by] = this.evPos[k];
      this.evLen[k - by] = this.evLen[k];
      this.evPeriod[k - by] = this.evPeriod[k];
      this.evVoiced[k - by] = this.evVoiced[k];
    }
    this.evCount -= by;
  }

  /** The ring slot holding frame j, computing it (with its pair partner) if needed. */
  private slotFor(j: number): FrameSlot {
    const s = this.slots[j & (RING - 1)];
    if (s.frame === j) return s;
    const a = j & ~1;
    const b = a + 1 < this.frames ? a + 1 : -1;
    this.computeFrames(a, b);
    return this.slots[j & (RING - 1)];
  }

  private computeFrames(a: number, b: number): void {
    const p = this.p;
    const sa = this.slots[a & (RING - 1)];
    const sb = b >= 0 ? this.slots[b & (RING - 1)] : null;
    const va = p.f0[a] > 0;
    const vb = b >= 0 && p.f0[b] > 0;
    this.framePowers(a, va, sa, this.powA);
    if (sb) this.framePowers(b, vb, sb, this.powB);
    if (va && vb && sb) {
      this.minPhase.phases(this.powA, this.powB, this.phA, this.phB);
      this.fillPeriodic(sa, this.powA, this.phA);
      this.fillPeriodic(sb, this.powB, this.phB);
    } else if (va) {
      this.minPhase.phases(this.powA, null, this.phA, null);
      this.fillPeriodic(sa, this.powA, this.phA);
    } else if (vb && sb) {
      this.minPhase.phases(this.powB, null, this.phB, null);
      this.fillPeriodic(sb, this.powB, this.phB);
    }
    sa.frame = a;
    sa.voiced = va;
    if (sb) {
      sb.frame = b;
      sb.voiced = vb;
    }
  }

  /** Periodic power into `pow` (when voiced) and noise amplitude into the slot. */
  private framePowers(j: number, voiced: boolean, slot: FrameSlot, pow: Float64Array): void {
    const { sp, ap } = this.p.rows(j);
    const d = this.decimation;
    // Powers at the analysis resolution: periodic sp (1 - ap^2), noise sp ap^2 (all of sp when unvoiced).
    const fullBins = this.p.fftSize / 2 + 1;
    const per = d === 1 ? pow : this.fullPeriodic;
    const noi = this.fullNoise;
    for (let k = 0; k < fullBins; k++) {
      const s = sp[k] > 0 && sp[k] < Infinity ? sp[k] : 0;
      if (voiced) {
        let r = ap[k];
        r = r > 0 ? (r < 1 ? r : 1) : 0; // NaN -> 0
        const r2 = r * r;
        per[k] = s * (1 - r2);
        noi[k] = s * r2;
      } else {
        noi[k] = s;
      }
    }
    if (d > 1) {
      decimate(noi, d, noi, this.half);
      if (voiced) decimate(per, d, pow, this.half);
    }
    const noise = slot.noise;
    let mx = 0;
    for (let k = 0; k <= this.half; k++) {
      const v = Math.sqrt(noi[k]);
      noise[k] = v;
      if (v > mx) mx = v;
    }
    if (!voiced) {
      slot.periodic.fill(0);
    }
    slot.noiseMax = mx;
  }

  private fillPeriodic(slot: FrameSlot, pow: Float64Array, phase: Float64Array): void {
    // pow becomes the amplitude in place (it is scratch), then amplitude and phase become a complex spectrum.
    for (let k = 0; k <= this.half; k++) pow[k] = Math.sqrt(pow[k]);
    polarToComplex(pow, phase, slot.periodic, this.half + 1);
  }

  /** Renders events ea and eb (eb = -1: ea alone) with one noise FFT and one inverse FFT (see the module comment). */
  private renderPair(ea: number, eb: number): void {
    const n = this.n;
    const origin = this.origin;
    const noiseBuf = this.bufNoise;
    const lenA = this.noiseLength(ea);
    const lenB = eb >= 0 ? this.noiseLength(eb) : 0;
    const needNoise = lenA > 0 || lenB > 0;
    if (needNoise) {
      // noiseBuf is all zeros outside the segments written here, which are cleared again after the transform.
      // Only a pulse's noise segment is made zero-mean: doing it to every fixed-rate noise-only event would leave a
      // periodicity at UNVOICED_EVENT_RATE in low-pass noise, which pitch trackers read as voicing at 200 Hz.
      if (lenA > 0) this.rng.fillStrided(noiseBuf, 2 * origin, 2, lenA, this.evVoiced[ea] === 1);
      if (lenB > 0) this.rng.fillStrided(noiseBuf, 2 * origin + 1, 2, lenB, this.evVoiced[eb] === 1);
      this.fft.forward(noiseBuf, this.specNoise);
      noiseBuf.fill(0, 2 * origin, 2 * (origin + Math.max(lenA, lenB)));
    }
    // Event A writes every entry of bufY (no clearing needed); event B adds to them.
    const dcA = this.addEventSpectrum(ea, lenA > 0, false);
    const dcB = eb >= 0 ? this.addEventSpectrum(eb, lenB > 0, true) : 0;
    const res = this.bufOut;
    this.fft.forward(this.bufY, res);
    // DC removal of the periodic part, after the pulse.
    const dcr = this.dcRemover;
    if (dcA !== 0) for (let i = 0; i < dcr.length; i++) res[2 * (origin + i)] -= dcA * dcr[i];
    if (dcB !== 0) for (let i = 0; i < dcr.length; i++) res[2 * (origin + i) + 1] -= dcB * dcr[i];
    // Overlap-add: buffer index `origin` lands on the event's integer sample.
    const out = this.out;
    const baseA = Math.floor(this.evPos[ea]) - origin + n - this.bufStart;
    for (let i = 0; i < n; i++) out[baseA + i] += res[2 * i];
    if (eb >= 0) {
      const baseB = Math.floor(this.evPos[eb]) - origin + n - this.bufStart;
      for (let i = 0; i < n; i++) out[baseB + i] += res[2 * i + 1];
    }
  }

  private noiseLength(e: number): number {
    const len = this.evLen[e];
    return len > this.maxNoise ? this.maxNoise : len;
  }

  /**
   * Puts the spectrum of event e, over N and with its bins reversed (bin k at N - k: a forward FFT of it is the inverse
   * transform), into bufY: as the real signal (imag = false; overwrites every entry) or the imaginary one (imag = true;
   * added to what the real one wrote).
   * Returns the DC of its periodic part (to be removed in the time domain).
   */
  private addEventSpectrum(e: number, hasNoise: boolean, imag: boolean): number {
    const n = this.n;
    const half = this.half;
    const t = this.evPos[e];
    const voiced = this.evVoiced[e] === 1;
    this.locate(t);
    const w = this.atW;
    const s0 = this.slotFor(this.atI0);
    const s1 = this.slotFor(this.atI1);
    const noiseMax = (1 - w) * s0.noiseMax + w * s1.noiseMax;
    const useNoise = hasNoise && noiseMax > 0;
    let gain = 0;
    let w0 = 1 - w;
    let w1 = w;
    if (voiced) {
      gain = Math.sqrt(this.evPeriod[e]);
      // Next to an unvoiced frame, use the voiced frame's periodic spectrum alone.
      if (!s0.voiced) {
        w0 = 0;
        w1 = 1;
      } else if (!s1.voiced) {
        w0 = 1;
        w1 = 0;
      }
    }
    const y = this.bufY;
    const zn = this.specNoise;
    const p0 = s0.periodic;
    const p1 = s1.periodic;
    const a0 = s0.noise;
    const a1 = s1.noise;
    const invN = 1 / n;
    const wn0 = (1 - w) * invN;
    const wn1 = w * invN;
    // Linear phase for the delay origin + fractional part: e^{-j 2 pi k d / N}, by rotation.
    const frac = t - Math.floor(t);
    const theta = (-2 * Math.PI * (this.origin + frac)) / n;
    const rc = Math.cos(theta);
    const rs = Math.sin(theta);
    let cr = 1;
    let ci = 0;
    const g0 = gain * w0 * invN;
    const g1 = gain * w1 * invN;
    let dc = 0;
    for (let k = 0; k <= half; k++) {
      let sr = 0;
      let si = 0;
      if (voiced) {
        const hr = g0 * p0[2 * k] + g1 * p1[2 * k];
        const hi = g0 * p0[2 * k + 1] + g1 * p1[2 * k + 1];
        sr = hr * cr - hi * ci;
        si = hr * ci + hi * cr;
        if (k === 0) dc = sr;
      }
      if (useNoise) {
        // This event's noise spectrum, separated from the packed pair transform.
        const m = (n - k) & (n - 1);
        const zr = zn[2 * k];
        const zi = zn[2 * k + 1];
        const mr = zn[2 * m];
        const mi = zn[2 * m + 1];
        let nr: number;
        let ni: number;
        if (!imag) {
          nr = 0.5 * (zr + mr);
          ni = 0.5 * (zi - mi);
        } else {
          nr = 0.5 * (zi + mi);
          ni = -0.5 * (zr - mr);
        }
        const amp = wn0 * a0[k] + wn1 * a1[k];
        sr += nr * amp;
        si += ni * amp;
      }
      if (k === 0 || k === half) si = 0;
      // Pack: Y[k] += S[k] (real signal) or j S[k] (imaginary signal); Y[N-k] gets the conjugate-symmetric partner.
      // Both are stored bin-reversed (Y[k] at N - k).
      const r = (n - k) & (n - 1);
      if (!imag) {
        y[2 * r] = sr;
        y[2 * r + 1] = si;
        if (k > 0 && k < half) {
          y[2 * k] = sr;
          y[2 * k + 1] = -si;
        }
      } else {
        y[2 * r] -= si;
        y[2 * r + 1] += sr;
        if (k > 0 && k < half) {
          y[2 * k] += si;
          y[2 * k + 1] += sr;
        }
      }
      const ncr = cr * rc - ci * rs;
      ci = cr * rs + ci * rc;
      cr = ncr;
    }
    return dc * n;
  }
}

/**
 * out[k] = triangular-weighted mean of x over bins k*d - d + 1 .. k*d + d - 1 (weights (d - |i|) / d^2, mirrored at
 * the ends), for k = 0..half. Safe in place (out === x): out[k] reads only bins >= (k - 1) d + 1 >= k, none of
 * which has been written yet.
 */
function decimate(x: Float64Array, d: number, out: Float64Array, half: number): void {
  const last = x.length - 1;
  if (d === 2) {
    // The common case, unrolled: weights 1/4, 1/2, 1/4.
    out[0] = 0.5 * (x[0] + x[1]);
    for (let k = 1; k < half; k++) {
      const c = 2 * k;
      out[k] = 0.25 * (x[c - 1] + x[c + 1]) + 0.5 * x[c];
    }
    out[half] = 0.5 * (x[last] + x[last - 1]);
    return;
  }
  const norm = 1 / (d * d);
  for (let k = 0; k <= half; k++) {
    const c = k * d;
    let s = d * x[c];
    for (let i = 1; i < d; i++) {
      const w = d - i;
      const lo = c - i;
      const hi = c + i;
      s += w * (x[lo < 0 ? -lo : lo] + x[hi > last ? 2 * last - hi : hi]);
    }
    out[k] = s * norm;
  }
}
