/**
 * Segment smoothing: temporal smoothing of the envelope inside every voiced phoneme, a moving average of c1.. over a
 * short window, never across the phoneme's own boundaries (transitions between phonemes and onsets stay as sharp as the units give them),
 * c0 (the level) untouched.
 *
 * Why: a unit's envelope moves a little from one 5 ms analysis frame to the next (the analysis window's position
 * against the recording's pulses, a formant synthesizer's parameter steps). Each pulse of the vocoder gets the
 * response of its frame, and a minimum-phase response's delay moves with its envelope, so frame-to-frame jitter of
 * the envelope becomes jitter of the waveform's periods: Praat read espeak-cmn's notes up to 80 cents flat over 30 ms
 * while the pulses were exactly on pitch (their spectrum's strongest peaks fell between the harmonics). Averaging over
 * +-SMOOTH_SECONDS keeps the slower movements (a vowel's own drift, what keeps a long note from sounding frozen) and
 * takes the frame-to-frame jitter out. On the eval's 16 songs (eval/pitch-main.ts) songs within 10 cents RMSE went
 * from 10 to 13 (espeak-cmn 61c 14.3 -> 6.8, 61h 11.6 -> 8.7; the three left are 42a's 13- and 15-semitone leaps);
 * within vowels only it was 12, and a window of +-30 ms gave 13 as well. Speech is better without it: smoothing within
 * its short phonemes blurs the formant movements that carry the words (the renderer's `smoothing` option; speak and
 * rap turn it off).
 */

/** Half width of the moving average (s). */
export const SMOOTH_SECONDS = 0.02;

/** Frames [first, end) of one phoneme. */
export interface FrameSpan {
  first: number;
  end: number;
}

/**
 * Smooths mcep (row-major, dim values a frame) in place within each span, over the frames `mask` marks: frame i
 * becomes the mean of its span's marked frames within +-halfWidth frames of it.
 */
export function smoothSegments(mcep: Float32Array | Float64Array, dim: number, spans: FrameSpan[], mask: Uint8Array, halfWidth: number): void {
  if (halfWidth < 1) return;
  const sum = new Float64Array(dim);
  let src = new Float64Array(0);
  for (const { first: a, end: b } of spans) {
    if (b - a < 2) continue;
    // A copy of the span's rows: the average reads the unsmoothed values.
    if (src.length < (b - a) * dim) src = new Float64Array((b - a) * dim);
    for (let i = a; i < b; i++) for (let k = 0; k < dim; k++) src[(i - a) * dim + k] = mcep[i * dim + k];
    // Running sum over the marked frames of [i - halfWidth, i + halfWidth] within [a, b).
    sum.fill(0);
    let n = 0;
    let lo = a;
    let hi = a; // the window covers [lo, hi)
    for (let i = a; i < b; i++) {
      const wantHi = Math.min(b, i + halfWidth + 1);
      const wantLo = Math.max(a, i - halfWidth);
      for (; hi < wantHi; hi++) {
        if (!mask[hi]) continue;
        for (let k = 1; k < dim; k++) sum[k] += src[(hi - a) * dim + k];
        n++;
      }
      for (; lo < wantLo; lo++) {
        if (!mask[lo]) continue;
        for (let k = 1; k < dim; k++) sum[k] -= src[(lo - a) * dim + k];
        n--;
      }
      if (!mask[i] || n === 0) continue;
      for (let k = 1; k < dim; k++) mcep[i * dim + k] = sum[k] / n;
    }
  }
}
