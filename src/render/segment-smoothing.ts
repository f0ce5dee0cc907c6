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
 * from 10 to 12 (espeak-cmn 61c 14.3 -> 9.8, 61h 11.6 -> 9.2, kal 61a 6.3, slt 61a 4.5; the four left are 42a's 13-
 * and 15-semitone leaps). Smoothing the edges too gave 13, but moved the vowel onsets (below). Speech is better without it: smoothing within
 * its short phonemes blurs the formant movements that carry the words (the renderer's `smoothing` option; speak and
 * rap turn it off).
 *
 * Since the vocoder measures the drift between consecutive pulses' own responses (src/vocoder/synthesis.ts), the
 * stepping envelope no longer moves the periods, and the smoothing no longer matters much for pitch: on the 16 songs,
 * without it the RMSE goes from 2.5 cents better (espeak-cmn's 42a) to 0.9 worse (espeak-en's 42a), the rest within
 * 0.2 (espeak-cmn's 61c with its 'e' units, the case above: 1.5 cents over the vowels' middles without smoothing, 2.0
 * with it). It stays on for singing as a mild cleaning of the envelope's frame-to-frame jitter; that it sounds better
 * was not measured.
 */

/** Half width of the moving average (s). */
export const SMOOTH_SECONDS = 0.02;
/** Each phoneme's first and last EDGE_SECONDS are left as they are (onsets and releases). */
export const EDGE_SECONDS = 0.03;

/** Frames [first, end) of one phoneme. */
export interface FrameSpan {
  first: number;
  end: number;
}

/**
 * Smooths mcep (row-major, dim values a frame) in place within each span, over the frames `mask` marks: frame i
 * becomes the mean of its span's marked frames within +-h frames of it, h = halfWidth shrunk near the span's edges so
 * that the window stays symmetric inside the span. The first and last `edge` frames of a span keep their own values:
 * mixing a vowel's onset with its later frames moved the energy rise that onsets are heard and measured by (the eval's
 * pooled onset medians went from 5.5 to 12 ms for slt with edge 1; EDGE_SECONDS keeps them at 6).
 */
export function smoothSegments(mcep: Float32Array | Float64Array, dim: number, spans: FrameSpan[], mask: Uint8Array, halfWidth: number, edge = 1): void {
  if (halfWidth < 1) return;
  edge = Math.max(1, edge);
  const sum = new Float64Array(dim);
  let src = new Float64Array(0);
  for (const { first: a, end: b } of spans) {
    if (b - a <= 2 * edge) continue;
    // A copy of the span's rows: the average reads the unsmoothed values.
    if (src.length < (b - a) * dim) src = new Float64Array((b - a) * dim);
    for (let i = a; i < b; i++) for (let k = 0; k < dim; k++) src[(i - a) * dim + k] = mcep[i * dim + k];
    for (let i = a + edge; i < b - edge; i++) {
      if (!mask[i]) continue;
      const h = Math.min(halfWidth, i - a, b - 1 - i);
      sum.fill(0);
      let n = 0;
      for (let j = i - h; j <= i + h; j++) {
        if (!mask[j]) continue;
        for (let k = 1; k < dim; k++) sum[k] += src[(j - a) * dim + k];
        n++;
      }
      for (let k = 1; k < dim; k++) mcep[i * dim + k] = sum[k] / n;
    }
  }
}
