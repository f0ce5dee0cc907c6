/**
 * The analysis half of the WORLD decomposition (Morise, Yokomori & Ozawa 2016): F0 track, then the spectral
 * envelope (CheapTrick) and the band aperiodicity (D4C) on the same frames.
 */
import type { Audio } from '../audio/types.js';
import type { F0Track, VocoderParams } from './types.js';
import { UserError } from '../errors.js';
import { estimateF0 } from './f0.js';
import { cheapTrick, DEFAULT_F0_FLOOR, defaultFftSize } from './cheaptrick.js';
import { d4c } from './d4c.js';

export interface AnalyzeOptions {
  /** F0 estimator: 'dio' (fast, DIO + StoneMask) or 'autocorr' (slower, more robust). */
  f0Method?: 'dio' | 'autocorr';
  /** Seconds between frames (default 0.005). Ignored when `f0` is given (its own frame period is used). */
  framePeriod?: number;
  /** A ready F0 track: skips F0 estimation. */
  f0?: F0Track;
  /** FFT length of the envelope and aperiodicity rows (default: a 3-period window at f0Floor fits). */
  fftSize?: number;
  /** Lowest F0 searched, Hz (also sizes the default FFT). */
  f0Floor?: number;
  /** Highest F0 searched, Hz. */
  f0Ceil?: number;
}

export const DEFAULT_FRAME_PERIOD = 0.005;

export function analyze(audio: Audio, opts: AnalyzeOptions = {}): VocoderParams {
  validate(audio, opts);
  const fs = audio.sampleRate;
  const f0Floor = opts.f0Floor ?? DEFAULT_F0_FLOOR;
  const track: F0Track =
    opts.f0 ??
    estimateF0(audio, {
      method: opts.f0Method ?? 'dio',
      framePeriod: opts.framePeriod ?? DEFAULT_FRAME_PERIOD,
      f0Floor: opts.f0Floor,
      f0Ceil: opts.f0Ceil,
    });
  const fftSize = opts.fftSize ?? defaultFftSize(fs, f0Floor);
  const { spectrogram } = cheapTrick(audio, track, { fftSize, f0Floor });
  const aperiodicity = d4c(audio, track, { fftSize });
  return {
    sampleRate: fs,
    framePeriod: track.framePeriod,
    f0: track.f0,
    fftSize,
    spectrogram,
    aperiodicity,
  };
}

function validate(audio: Audio, opts: AnalyzeOptions): void {
  const fs = audio.sampleRate;
  if (!Number.isFinite(fs) || fs < 4000 || fs > 384000) {
    throw new UserError(`unsupported sample rate ${fs} Hz (expected 4000..384000)`);
  }
  const x = audio.samples;
  if (x.length === 0) throw new UserError('the audio is empty');
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new UserError(`the audio has a non-finite sample at ${(i / fs).toFixed(3)} s`);
  }
  const fp = opts.f0 ? opts.f0.framePeriod : opts.framePeriod;
  if (fp !== undefined && !(fp >= 0.001 && fp <= 0.1)) {
    throw new UserError(`frame period ${fp} s is out of range (0.001..0.1 s)`);
  }
  if (opts.f0Floor !== undefined && !(opts.f0Floor >= 20 && opts.f0Floor < fs / 4)) {
    throw new UserError(`F0 floor ${opts.f0Floor} Hz is out of range (20 Hz .. sampleRate / 4)`);
  }
  if (opts.f0Ceil !== undefined && !(opts.f0Ceil > (opts.f0Floor ?? 0) && opts.f0Ceil <= fs / 2)) {
    throw new UserError(`F0 ceiling ${opts.f0Ceil} Hz must lie above the floor and below half the sample rate`);
  }
  if (opts.fftSize !== undefined) {
    const n = opts.fftSize;
    if (!Number.isInteger(n) || n < 64 || n > 65536 || (n & (n - 1)) !== 0) {
      throw new UserError(`FFT size ${n} must be a power of two in 64..65536`);
    }
  }
  if (opts.f0) {
    for (const f of opts.f0.f0) {
      if (!Number.isFinite(f) || f < 0) throw new UserError(`the F0 track has an invalid value ${f}`);
    }
  }
}
