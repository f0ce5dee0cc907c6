/**
 * Decimation for F0 analysis: an integer-ratio, linear-phase low-pass (Blackman-windowed sinc) evaluated only at the
 * kept samples (polyphase in effect), so the cost is taps / ratio multiply-adds per input sample. Linear phase keeps
 * event times exact, which DIO's interval estimates rely on.
 */

/** Integer ratio that brings `sampleRate` down to about `targetRate` (never below it, at least 1). */
export function decimationRatio(sampleRate: number, targetRate: number): number {
  return Math.max(1, Math.floor(sampleRate / targetRate));
}

/** Keeps every `ratio`-th sample after low-passing at 0.42 * (sampleRate / ratio). Output sample j is at input j * ratio. */
export function decimate(samples: ArrayLike<number>, ratio: number): Float64Array {
  const n = samples.length;
  const outLen = Math.ceil(n / ratio);
  const out = new Float64Array(outLen);
  if (ratio === 1) {
    for (let i = 0; i < n; i++) out[i] = samples[i];
    return out;
  }
  const half = 8 * ratio;
  const taps = 2 * half + 1;
  const fc = 0.42 / ratio; // cycles per input sample
  const h = new Float64Array(taps);
  let sum = 0;
  for (let k = 0; k < taps; k++) {
    const m = k - half;
    const sinc = m === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
    const w = 0.42 + 0.5 * Math.cos((Math.PI * m) / (half + 1)) + 0.08 * Math.cos((2 * Math.PI * m) / (half + 1));
    h[k] = sinc * w;
    sum += h[k];
  }
  for (let k = 0; k < taps; k++) h[k] /= sum;
  for (let j = 0; j < outLen; j++) {
    const c = j * ratio;
    let acc = 0;
    if (c - half >= 0 && c + half < n) {
      for (let k = 0, i = c - half; k < taps; k++, i++) acc += h[k] * samples[i];
    } else {
      for (let k = 0; k < taps; k++) {
        const i = c - half + k;
        if (i >= 0 && i < n) acc += h[k] * samples[i];
      }
    }
    out[j] = acc;
  }
  return out;
}
