/**
 * The streamed render's peak control. A whole render is normalised so its peak sits at -1 dBFS (render.ts), which
 * needs the whole song; a stream cannot wait for it. It keeps the synthesis level as it is (the vocoder's output is
 * calibrated to the voice's envelope, and the built-in voice sings the bundled song under -1 dBFS) and only bends what
 * goes over: below LIMIT a sample passes unchanged, above it the excess e becomes room * e / (room + e) (room = 1 -
 * LIMIT; slope 1 at the knee, approaching 0 dBFS without reaching it, even in 32-bit float). Memoryless: no look-ahead,
 * no delay.
 */

/** Level from which the limiter acts: -1 dBFS, the same ceiling as the whole render's normalisation. */
export const LIMIT = Math.pow(10, -1 / 20);

/** Limits `x` in place; returns how many samples it changed. */
export function softLimit(x: Float32Array): number {
  const room = 1 - LIMIT;
  let changed = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const a = v < 0 ? -v : v;
    if (a <= LIMIT) continue;
    const e = a - LIMIT;
    const y = LIMIT + (room * e) / (room + e);
    x[i] = v < 0 ? -y : y;
    changed++;
  }
  return changed;
}
