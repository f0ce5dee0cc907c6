/**
 * Table-driven cos/sin with linear interpolation (4096 points per turn; worst error 3e-7, i.e. -130 dB), about three
 * times faster than Math.cos + Math.sin in V8. Used where the vocoder turns per-frame phase spectra into complex ones.
 */
const SIZE = 4096;
const QUARTER = SIZE / 4;
const SIN = new Float64Array(SIZE + 1);
for (let i = 0; i <= SIZE; i++) SIN[i] = Math.sin((2 * Math.PI * i) / SIZE);
const SCALE = SIZE / (2 * Math.PI);

/** out[2k] = amp[k] cos(phase[k]), out[2k+1] = amp[k] sin(phase[k]) for k < count. */
export function polarToComplex(amp: Float64Array, phase: Float64Array, out: Float64Array, count: number): void {
  for (let k = 0; k < count; k++) {
    let u = phase[k] * SCALE;
    u -= Math.floor(u / SIZE) * SIZE;
    let j = u | 0;
    if (j >= SIZE) j = SIZE - 1;
    const fr = u - j;
    const s = SIN[j] + fr * (SIN[j + 1] - SIN[j]);
    let jc = j + QUARTER;
    if (jc >= SIZE) jc -= SIZE;
    const c = SIN[jc] + fr * (SIN[jc + 1] - SIN[jc]);
    const a = amp[k];
    out[2 * k] = a * c;
    out[2 * k + 1] = a * s;
  }
}
