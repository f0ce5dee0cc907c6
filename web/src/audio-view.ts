/**
 * The rendered audio, drawn on the song's timeline: a waveform (min/max per pixel) and a spectrogram (Hann-windowed
 * 1024-point FFT per pixel column, 0..8 kHz, log magnitude over an 80 dB range).
 */
import type { Timeline } from './timeline.js';

export interface Rendered {
  samples: Float32Array;
  sampleRate: number;
  /** Where the audio starts on the song's timeline (s): 0 for the whole song, the phrase start for a phrase. */
  offset: number;
}

/** In-place radix-2 FFT of (re, im); n a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
}

/** Inferno-like colour map, 0..1 -> rgb. */
function colour(v: number): [number, number, number] {
  const stops: [number, number, number][] = [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]];
  const x = Math.min(1, Math.max(0, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const u = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** The canvas sized to the timeline and cleared to `background`. */
function clearCanvas(c: HTMLCanvasElement, tl: Timeline, background: string): { g: CanvasRenderingContext2D; w: number; h: number } {
  const w = tl.width();
  if (c.width !== w) c.width = w;
  const g = c.getContext('2d')!;
  const h = c.height;
  g.fillStyle = background;
  g.fillRect(0, 0, w, h);
  return { g, w, h };
}

export function drawWaveform(c: HTMLCanvasElement, tl: Timeline, r: Rendered | undefined, playhead: number | null): void {
  const { g, w, h } = clearCanvas(c, tl, '#12151c');
  g.fillStyle = '#2a303c';
  g.fillRect(0, h / 2, w, 1);
  if (r) {
    g.fillStyle = '#4cc9f0';
    const perPx = r.sampleRate / tl.pxPerSec;
    const x0 = Math.floor(tl.x(r.offset));
    const cols = Math.ceil(r.samples.length / perPx);
    for (let x = 0; x < cols; x++) {
      const a = Math.floor(x * perPx);
      const b = Math.min(r.samples.length, Math.floor((x + 1) * perPx));
      let lo = 0;
      let hi = 0;
      for (let i = a; i < b; i++) {
        const s = r.samples[i];
        if (s < lo) lo = s;
        if (s > hi) hi = s;
      }
      g.fillRect(x0 + x, h / 2 - hi * (h / 2), 1, Math.max(1, (hi - lo) * (h / 2)));
    }
  }
  if (playhead !== null) {
    g.fillStyle = '#ff4d6d';
    g.fillRect(Math.round(tl.x(playhead)), 0, 2, h);
  }
}

export function drawSpectrogram(c: HTMLCanvasElement, tl: Timeline, r: Rendered | undefined): void {
  const { g, w, h } = clearCanvas(c, tl, '#000004');
  if (!r) return;
  const N = 1024;
  const perPx = r.sampleRate / tl.pxPerSec;
  const x0 = Math.floor(tl.x(r.offset));
  const cols = Math.min(w - x0, Math.ceil(r.samples.length / perPx));
  if (cols <= 0) return;
  const img = g.createImageData(cols, h);
  const re = new Float64Array(N);
  const im = new Float64Array(N);
  const win = new Float64Array(N);
  for (let i = 0; i < N; i++) win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N);
  const maxBin = Math.min(N / 2, Math.floor((8000 / r.sampleRate) * N));
  const col = new Float64Array(maxBin);
  for (let x = 0; x < cols; x++) {
    const centre = Math.floor((x + 0.5) * perPx);
    for (let i = 0; i < N; i++) {
      const k = centre - N / 2 + i;
      re[i] = k >= 0 && k < r.samples.length ? r.samples[k] * win[i] : 0;
      im[i] = 0;
    }
    fft(re, im);
    for (let b = 0; b < maxBin; b++) col[b] = 10 * Math.log10(re[b] * re[b] + im[b] * im[b] + 1e-12);
    for (let y = 0; y < h; y++) {
      const bin = Math.min(maxBin - 1, Math.floor(((h - 1 - y) / h) * maxBin));
      const [cr, cg, cb] = colour((col[bin] + 60) / 80);
      const o = (y * cols + x) * 4;
      img.data[o] = cr;
      img.data[o + 1] = cg;
      img.data[o + 2] = cb;
      img.data[o + 3] = 255;
    }
  }
  g.putImageData(img, x0, 0);
}
