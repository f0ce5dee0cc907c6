import { PNG } from 'pngjs';
import type { Note } from '../score/types.js';
import { GLYPH_H, GLYPH_W, glyph, textWidth } from './font5x7.js';
import { hzToMidi } from './shapes.js';
import type { Plan } from './types.js';

type RGB = [number, number, number];

class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height });
    this.png.data.fill(255);
  }
  set(x: number, y: number, c: RGB, alpha = 1): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 4;
    const d = this.png.data;
    d[o] = Math.round(d[o] * (1 - alpha) + c[0] * alpha);
    d[o + 1] = Math.round(d[o + 1] * (1 - alpha) + c[1] * alpha);
    d[o + 2] = Math.round(d[o + 2] * (1 - alpha) + c[2] * alpha);
    d[o + 3] = 255;
  }
  rect(x0: number, y0: number, x1: number, y1: number, c: RGB, alpha = 1): void {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++) {
      for (let x = Math.max(0, Math.round(x0)); x < Math.min(this.width, Math.round(x1)); x++) this.set(x, y, c, alpha);
    }
  }
  hline(x0: number, x1: number, y: number, c: RGB, alpha = 1): void {
    this.rect(x0, y, x1, y + 1, c, alpha);
  }
  vline(x: number, y0: number, y1: number, c: RGB, alpha = 1): void {
    this.rect(x, y0, x + 1, y1, c, alpha);
  }
  /** A line of width ~2 px (stamped squares along the segment). */
  line(x0: number, y0: number, x1: number, y1: number, c: RGB): void {
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let k = 0; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      this.set(x, y, c);
      this.set(x + 1, y, c);
      this.set(x, y + 1, c);
      this.set(x + 1, y + 1, c);
    }
  }
  text(x: number, y: number, s: string, c: RGB): void {
    for (let k = 0; k < s.length; k++) {
      const rows = glyph(s[k]);
      for (let r = 0; r < GLYPH_H; r++) {
        for (let b = 0; b < GLYPH_W; b++) if (rows[r] & (1 << (GLYPH_W - 1 - b))) this.set(x + k * (GLYPH_W + 1) + b, y + r, c);
      }
    }
  }
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

export interface PlotOptions {
  /** Horizontal scale (default: 160 px per second, narrowed so that the picture stays under maxWidth). */
  pxPerSecond?: number;
  maxWidth?: number;
  /** Vertical scale (px per semitone, default 12). */
  pxPerSemitone?: number;
}

/**
 * Draws a plan as a piano roll: the notes as bars, the planned F0 over them (red), phoneme boundaries as thin
 * vertical lines with their symbols in a strip below, a semitone grid with note names, a time grid in seconds,
 * and the loudness curve (green, dB) in a strip at the bottom. Returns PNG bytes.
 */
export function renderPlanPng(plan: Plan, notes: Note[] = [], opts: PlotOptions = {}): Buffer {
  const fp = plan.framePeriod;
  const sung = notes.filter((n) => n.kind !== 'rest' && Number.isFinite(n.pitch));
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of sung) {
    lo = Math.min(lo, n.pitch);
    hi = Math.max(hi, n.pitch);
  }
  for (let i = 0; i < plan.f0.length; i++) {
    if (plan.f0[i] > 0) {
      const m = hzToMidi(plan.f0[i]);
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
  }
  if (!Number.isFinite(lo)) {
    lo = 57;
    hi = 69;
  }
  lo = Math.floor(lo) - 2;
  hi = Math.ceil(hi) + 2;
  // At least an octave tall, so that the grid reads as a keyboard.
  while (hi - lo < 12) {
    hi++;
    if (hi - lo < 12) lo--;
  }
  const maxWidth = opts.maxWidth ?? 8000;
  const left = 44;
  const right = 12;
  const top = 12;
  const pxs = Math.min(opts.pxPerSecond ?? 160, (maxWidth - left - right) / Math.max(plan.duration, 1e-3));
  const pxSemi = opts.pxPerSemitone ?? 12;
  const rollH = (hi - lo) * pxSemi;
  const phonH = 14;
  const timeH = 14;
  const loudH = 50;
  const width = Math.max(300, Math.ceil(left + right + plan.duration * pxs));
  const height = top + rollH + phonH + timeH + loudH + 8;
  const cv = new Canvas(width, height);
  const X = (t: number) => left + t * pxs;
  const Y = (m: number) => top + (hi - m) * pxSemi;

  // Semitone grid: black-key rows shaded, C lines darker, natural notes named.
  for (let m = lo; m < hi; m++) {
    const pc = ((m % 12) + 12) % 12;
    if (NAMES[pc].includes('#')) cv.rect(left, Y(m + 0.5), width - right, Y(m - 0.5), [240, 240, 244]);
  }
  for (let m = lo; m <= hi; m++) {
    const pc = ((m % 12) + 12) % 12;
    const y = Y(m + 0.5);
    cv.hline(left, width - right, Math.round(y), pc === 0 ? [150, 150, 160] : [225, 225, 230]);
    if (!NAMES[pc].includes('#') && m < hi) {
      const label = `${NAMES[pc]}${Math.floor(m / 12) - 1}`;
      cv.text(left - 6 - textWidth(label), Math.round(Y(m) - GLYPH_H / 2), label, pc === 0 ? [0, 0, 0] : [110, 110, 110]);
    }
  }
  // Time grid.
  const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60];
  const step = steps.find((s) => s * pxs >= 60) ?? 60;
  const yBottom = top + rollH + phonH + timeH + loudH;
  for (let k = 0; k * step <= plan.duration + 1e-9; k++) {
    const t = k * step;
    const x = Math.round(X(t));
    cv.vline(x, top, yBottom, [200, 200, 210]);
    const label = k === 0 ? '0 S' : step < 1 ? t.toFixed(step < 0.25 ? 1 : 2) : String(Math.round(t));
    if (x + 2 + textWidth(label) <= width) cv.text(x + 2, top + rollH + phonH + 4, label, [60, 60, 60]);
  }
  // Notes.
  for (const n of sung) {
    const x0 = X(n.start);
    const x1 = X(n.end);
    const y0 = Y(n.pitch + 0.5);
    const y1 = Y(n.pitch - 0.5);
    cv.rect(x0, y0, x1, y1, [120, 170, 230], 0.55);
    cv.hline(x0, x1, Math.round(y0), [50, 100, 180]);
    cv.hline(x0, x1, Math.round(y1) - 1, [50, 100, 180]);
    cv.vline(Math.round(x0), y0, y1, [30, 70, 150]);
  }
  // Phoneme boundaries and symbols.
  const stripY = top + rollH;
  cv.rect(left, stripY, width - right, stripY + phonH, [248, 246, 236]);
  for (const s of plan.segments) {
    const x = Math.round(X(s.start));
    cv.vline(x, top, stripY + phonH, s.cls === 'vowel' ? [80, 140, 80] : [170, 170, 170], 0.8);
    const w = X(s.end) - X(s.start);
    const label = s.phoneme;
    if (textWidth(label) + 2 <= w) {
      const color: RGB = s.cls === 'silence' ? [150, 150, 150] : s.cls === 'vowel' ? [20, 100, 20] : [60, 60, 60];
      cv.text(Math.round(x + (w - textWidth(label)) / 2), stripY + 4, label, color);
    }
  }
  // Loudness strip: -24..+12 dB, 0 dB line.
  const ly0 = top + rollH + phonH + timeH;
  const LY = (db: number) => ly0 + ((12 - Math.max(-24, Math.min(12, db))) / 36) * loudH;
  cv.hline(left, width - right, Math.round(LY(0)), [200, 220, 200]);
  cv.text(4, Math.round(LY(0)) - 3, '0DB', [80, 140, 80]);
  for (let i = 1; i < plan.loudness.length; i++) {
    cv.line(X((i - 1) * fp), LY(plan.loudness[i - 1]), X(i * fp), LY(plan.loudness[i]), [40, 150, 60]);
  }
  // F0 over the notes.
  for (let i = 1; i < plan.f0.length; i++) {
    if (plan.f0[i] > 0 && plan.f0[i - 1] > 0) {
      cv.line(X((i - 1) * fp), Y(hzToMidi(plan.f0[i - 1])), X(i * fp), Y(hzToMidi(plan.f0[i])), [220, 30, 30]);
    }
  }
  return PNG.sync.write(cv.png);
}
