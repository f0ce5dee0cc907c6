/**
 * Frequency-domain helpers shared by the envelope (CheapTrick) and aperiodicity (D4C) estimators:
 * the DC correction (folding the power below F0 back, Morise 2015 sec. 2.2) and the rectangular
 * linear-frequency smoothing done with a cumulative sum (Morise 2015, eq. 4).
 * All work on half spectra of `bins = fftSize / 2 + 1` values, in place, with caller-owned scratch buffers
 * so the per-frame loops allocate nothing.
 */

/** Scratch space for {@link linearSmoothing} / {@link dcCorrection}; grows on demand, reused across frames. */
export class SmoothingScratch {
  cumulative = new Float64Array(0);
  replica = new Float64Array(0);

  ensure(n: number): void {
    if (this.cumulative.length < n) this.cumulative = new Float64Array(n);
    if (this.replica.length < n) this.replica = new Float64Array(n);
  }
}

/**
 * DC correction: for frequencies below F0 the pitch-adaptive window lets the spectrum dip towards 0 Hz; the
 * power at f0 - f is added to the power at f (the spectrum mirrored around f0 / 2), as WORLD does.
 * `spec` holds bins 0..fftSize/2 with bin spacing fs / fftSize.
 */
export function dcCorrection(
  spec: Float64Array,
  f0: number,
  sampleRate: number,
  fftSize: number,
  scratch: SmoothingScratch,
): void {
  const half = fftSize / 2;
  const binsPerHz = fftSize / sampleRate;
  const upper = Math.min(half, 2 + Math.floor(f0 * binsPerHz)) - 1; // bins 0..upper-1 are corrected
  scratch.ensure(upper + 1);
  const rep = scratch.replica;
  const f0Bin = f0 * binsPerHz;
  for (let i = 0; i < upper; i++) {
    const p = Math.min(f0Bin - i, half); // fractional bin of f0 - f_i, >= 0 (capped for absurd F0s)
    let k = Math.floor(p);
    if (k >= half) k = half - 1;
    const t = p - k;
    rep[i] = spec[k] + t * (spec[k + 1] - spec[k]);
  }
  for (let i = 0; i < upper; i++) spec[i] += rep[i];
}

/**
 * Smooths `input` (bins 0..fftSize/2) with a rectangular window `width` Hz wide centred on each bin, writing into
 * `output` (may be `input`). The spectrum is mirrored at 0 Hz and at Nyquist, integrated, and the integral is
 * read at f - width/2 and f + width/2 by linear interpolation; because both read offsets are the same for every
 * bin, the interpolation weights are constants and the whole thing is O(bins).
 */
export function linearSmoothing(
  input: Float64Array,
  width: number,
  sampleRate: number,
  fftSize: number,
  output: Float64Array,
  scratch: SmoothingScratch,
): void {
  const half = fftSize / 2;
  const df = sampleRate / fftSize;
  const boundary = Math.floor(width / df) + 1;
  const n = half + 2 * boundary + 1;
  scratch.ensure(n);
  const c = scratch.cumulative;
  // Mirrored spectrum, integrated (cumulative sum times df). c[i] is the integral up to the upper edge of
  // mirrored bin i, which sits at frequency (i - boundary + 0.5) * df.
  let acc = 0;
  for (let i = 0; i < boundary; i++) {
    acc += input[boundary - i] * df;
    c[i] = acc;
  }
  for (let i = boundary; i <= half + boundary; i++) {
    acc += input[i - boundary] * df;
    c[i] = acc;
  }
  for (let i = half + boundary + 1; i < n; i++) {
    acc += input[half - (i - half - boundary)] * df;
    c[i] = acc;
  }
  // Position in c of f_k -/+ width/2 is k + boundary - 0.5 -/+ width / (2 df).
  const lowPos = boundary - 0.5 - width / (2 * df);
  const highPos = boundary - 0.5 + width / (2 * df);
  const lo = Math.floor(lowPos);
  const loT = lowPos - lo;
  const hi = Math.floor(highPos);
  const hiT = highPos - hi;
  const inv = 1 / width;
  for (let k = 0; k <= half; k++) {
    const a = k + lo;
    const b = k + hi;
    const low = c[a] + loT * (c[a + 1] - c[a]);
    const high = c[b] + hiT * (c[b + 1] - c[b]);
    output[k] = (high - low) * inv;
  }
}
