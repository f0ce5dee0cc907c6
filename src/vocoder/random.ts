/**
 * Seeded, deterministic noise for the vocoder: the same seed gives the same samples on every platform (pure 32-bit
 * integer arithmetic plus IEEE double maths). Uniforms come from mulberry32; Gaussians from the Box-Muller transform,
 * two at a time.
 */
export class GaussianNoise {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }

  /** One standard normal sample. */
  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const a = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(a);
    this.hasSpare = true;
    return r * Math.cos(a);
  }

  /**
   * Fills `out[offset + stride*i]` (i = 0..count-1, e.g. a strided slot of an interleaved complex buffer) with standard
   * normal samples; with `zeroMean` (the default) their average is taken out, as WORLD does for a pulse's noise
   * segment, so the segment carries no DC.
   */
  fillStrided(out: Float64Array, offset: number, stride: number, count: number, zeroMean = true): void {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const v = this.next();
      out[offset + stride * i] = v;
      sum += v;
    }
    if (!zeroMean || count === 0) return;
    const mean = sum / count;
    for (let i = 0; i < count; i++) out[offset + stride * i] -= mean;
  }
}
