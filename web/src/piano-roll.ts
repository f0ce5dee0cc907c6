/**
 * The piano roll: notes as bars (lyric on the bar, phonemes under it), the planned F0 curve over them, the user's
 * pitch points, and the playhead. Select tool: click selects, drag moves (time and pitch), the right edge resizes,
 * double-click on empty space adds a note. Pitch tool: drag a pitch point, or draw a new curve over notes.
 */
import type { PlanMessage } from './render-worker.js';
import type { NoteDoc, PitchPointDoc, ScoreDoc } from './score-doc.js';
import { hzToMidi, pitchLabel, type Timeline } from './timeline.js';

export type Tool = 'select' | 'pitch';

export interface RollState {
  doc: ScoreDoc;
  selected: number;
  plan?: PlanMessage;
  playhead: number | null;
  tool: Tool;
}

export interface RollEvents {
  select(index: number): void;
  /** A note dragged: new ticks (snapped) and pitch. */
  moveNote(index: number, startTick: number, endTick: number, pitch: number): void;
  addNote(startTick: number, pitch: number): void;
  /** A pitch point dragged to a new place. */
  movePoint(note: number, point: number, time: number, pitch: number): void;
  /** A curve drawn: samples of (time, float MIDI), in time order. */
  drawPitch(samples: { time: number; pitch: number }[]): void;
}

const ROW = 14;
const SNAP = 120;
const EDGE = 6;

type Drag =
  | { kind: 'move' | 'resize'; index: number; x0: number; y0: number; dx: number; dy: number }
  | { kind: 'point'; note: number; point: number; time: number; pitch: number }
  | { kind: 'draw'; samples: { time: number; pitch: number }[] };

export class PianoRoll {
  low = 48;
  high = 84;
  private drag: Drag | null = null;
  private state: RollState | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly keys: HTMLCanvasElement,
    private readonly timeline: Timeline,
    private readonly events: RollEvents,
  ) {
    canvas.addEventListener('mousedown', (e) => this.down(e));
    window.addEventListener('mousemove', (e) => this.moveEv(e));
    window.addEventListener('mouseup', (e) => this.up(e));
    canvas.addEventListener('dblclick', (e) => this.dbl(e));
  }

  /** Fits the pitch range to the notes (with room around them). */
  fit(doc: ScoreDoc): void {
    const ps = doc.notes.filter((n) => n.pitch !== null).map((n) => n.pitch as number);
    const lo = ps.length ? Math.min(...ps) : 60;
    const hi = ps.length ? Math.max(...ps) : 72;
    this.low = Math.floor(lo) - 7;
    this.high = Math.ceil(hi) + 7;
    if (this.high - this.low < 32) {
      const mid = Math.round((this.low + this.high) / 2);
      this.low = mid - 16;
      this.high = mid + 16;
    }
  }

  y(pitch: number): number {
    return (this.high - pitch) * ROW;
  }

  pitchAt(y: number): number {
    return this.high - y / ROW;
  }

  height(): number {
    return (this.high - this.low) * ROW;
  }

  /** The y (canvas pixels) of a float MIDI pitch's centre line, for tools that draw on the roll. */
  pitchY(pitch: number): number {
    return this.y(pitch);
  }

  /** Where note `i` is drawn, in canvas pixels (undefined for rests and unknown notes). */
  noteRect(i: number): { x: number; y: number; width: number; height: number } | undefined {
    const n = this.state?.doc.notes[i];
    if (!n || n.pitch === null || n.kind === 'rest') return undefined;
    const x0 = this.timeline.x(n.start ?? 0);
    return { x: x0, y: this.y(n.pitch + 0.5), width: this.timeline.x(n.end ?? 0) - x0, height: ROW };
  }

  private pos(e: MouseEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private noteAt(x: number, y: number): { index: number; edge: boolean } | undefined {
    const s = this.state;
    if (!s) return undefined;
    for (let i = s.doc.notes.length - 1; i >= 0; i--) {
      const n = s.doc.notes[i];
      if (n.pitch === null || n.kind === 'rest') continue;
      const x0 = this.timeline.x(n.start ?? 0);
      const x1 = this.timeline.x(n.end ?? 0);
      const y0 = this.y(n.pitch + 0.5);
      if (x >= x0 && x <= x1 && y >= y0 && y <= y0 + ROW) return { index: i, edge: x1 - x <= EDGE && x1 - x0 > 3 * EDGE };
    }
    return undefined;
  }

  private pointAt(x: number, y: number): { note: number; point: number } | undefined {
    const s = this.state;
    if (!s) return undefined;
    for (const [i, n] of s.doc.notes.entries()) {
      const pts = n.overrides?.pitchPoints ?? [];
      for (const [k, p] of pts.entries()) {
        if (Math.hypot(this.timeline.x(p.time) - x, this.y(p.pitch) - y) <= 6) return { note: i, point: k };
      }
    }
    return undefined;
  }

  private ticksPerSecond(): number {
    const bpm = this.state?.doc.tempo[0]?.bpm ?? 120;
    return (bpm / 60) * 480;
  }

  private down(e: MouseEvent): void {
    if (!this.state || e.button !== 0) return;
    const { x, y } = this.pos(e);
    if (this.state.tool === 'pitch') {
      const pt = this.pointAt(x, y);
      if (pt) {
        const p = this.state.doc.notes[pt.note].overrides!.pitchPoints![pt.point];
        this.drag = { kind: 'point', note: pt.note, point: pt.point, time: p.time, pitch: p.pitch };
      } else {
        this.drag = { kind: 'draw', samples: [{ time: this.timeline.t(x), pitch: this.pitchAt(y) }] };
      }
      e.preventDefault();
      return;
    }
    const hit = this.noteAt(x, y);
    if (!hit) {
      this.events.select(-1);
      return;
    }
    this.events.select(hit.index);
    this.drag = { kind: hit.edge ? 'resize' : 'move', index: hit.index, x0: x, y0: y, dx: 0, dy: 0 };
    e.preventDefault();
  }

  private moveEv(e: MouseEvent): void {
    if (!this.state) return;
    const { x, y } = this.pos(e);
    const d = this.drag;
    if (!d) {
      if (this.state.tool === 'select') {
        const hit = this.noteAt(x, y);
        this.canvas.style.cursor = hit ? (hit.edge ? 'ew-resize' : 'grab') : 'default';
      } else this.canvas.style.cursor = this.pointAt(x, y) ? 'move' : 'crosshair';
      return;
    }
    if (d.kind === 'move' || d.kind === 'resize') {
      d.dx = x - d.x0;
      d.dy = y - d.y0;
    } else if (d.kind === 'point') {
      d.time = Math.max(0, this.timeline.t(x));
      d.pitch = this.pitchAt(y);
    } else if (d.kind === 'draw') {
      const t = this.timeline.t(x);
      const last = d.samples[d.samples.length - 1];
      if (t > last.time) d.samples.push({ time: t, pitch: this.pitchAt(y) });
    }
    this.draw(this.state);
  }

  /** The dragged note's snapped ticks and pitch. */
  private dragged(d: Extract<Drag, { kind: 'move' | 'resize' }>, n: NoteDoc): { startTick: number; endTick: number; pitch: number } {
    const dt = Math.round((this.timeline.t(d.dx) * this.ticksPerSecond()) / SNAP) * SNAP;
    if (d.kind === 'resize') return { startTick: n.startTick, endTick: Math.max(n.startTick + SNAP, n.endTick + dt), pitch: n.pitch ?? 60 };
    const dp = Math.round(-d.dy / ROW);
    const startTick = Math.max(0, n.startTick + dt);
    return { startTick, endTick: startTick + (n.endTick - n.startTick), pitch: (n.pitch ?? 60) + dp };
  }

  private up(_e: MouseEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d || !this.state) return;
    if (d.kind === 'move' || d.kind === 'resize') {
      if (Math.abs(d.dx) < 3 && Math.abs(d.dy) < 3) return;
      const n = this.state.doc.notes[d.index];
      const r = this.dragged(d, n);
      this.events.moveNote(d.index, r.startTick, r.endTick, r.pitch);
    } else if (d.kind === 'point') this.events.movePoint(d.note, d.point, d.time, d.pitch);
    else if (d.kind === 'draw' && d.samples.length > 1) this.events.drawPitch(d.samples);
  }

  private dbl(e: MouseEvent): void {
    if (!this.state || this.state.tool !== 'select') return;
    const { x, y } = this.pos(e);
    if (this.noteAt(x, y)) return;
    const tick = Math.floor((this.timeline.t(x) * this.ticksPerSecond()) / (SNAP * 4)) * SNAP * 4;
    this.events.addNote(tick, Math.round(this.pitchAt(y)));
  }

  draw(s: RollState): void {
    this.state = s;
    const c = this.canvas;
    const w = this.timeline.width();
    const h = this.height();
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    const g = c.getContext('2d')!;
    // Rows: black keys darker, C rows marked.
    for (let p = this.high; p > this.low; p--) {
      const pc = (((p - 1) % 12) + 12) % 12;
      g.fillStyle = [1, 3, 6, 8, 10].includes(pc) ? '#1b1f27' : '#222733';
      g.fillRect(0, this.y(p), w, ROW);
      if (pc === 0) {
        g.fillStyle = '#39404f';
        g.fillRect(0, this.y(p) + ROW - 1, w, 1);
      }
    }
    // Beat lines (first tempo).
    const bpm = s.doc.tempo[0]?.bpm ?? 120;
    const beat = 60 / bpm;
    for (let i = 0, t = 0; t < this.timeline.t(w); i++, t = i * beat) {
      g.fillStyle = i % 4 === 0 ? '#4a5263' : '#2d3340';
      g.fillRect(Math.round(this.timeline.x(t)), 0, 1, h);
    }
    this.drawNotes(g, s);
    this.drawF0(g, s);
    this.drawPoints(g, s);
    if (this.drag?.kind === 'draw') {
      g.strokeStyle = '#ffd166';
      g.lineWidth = 2;
      g.beginPath();
      for (const [i, p] of this.drag.samples.entries()) {
        const X = this.timeline.x(p.time);
        const Y = this.y(p.pitch);
        if (i === 0) g.moveTo(X, Y);
        else g.lineTo(X, Y);
      }
      g.stroke();
    }
    if (s.playhead !== null) {
      g.fillStyle = '#ff4d6d';
      g.fillRect(Math.round(this.timeline.x(s.playhead)), 0, 2, h);
    }
    this.drawKeys();
  }

  private drawNotes(g: CanvasRenderingContext2D, s: RollState): void {
    g.textBaseline = 'middle';
    for (const [i, n] of s.doc.notes.entries()) {
      if (n.pitch === null || n.kind === 'rest') continue;
      let { startTick, endTick, pitch } = { startTick: n.startTick, endTick: n.endTick, pitch: n.pitch };
      let x0 = this.timeline.x(n.start ?? 0);
      let x1 = this.timeline.x(n.end ?? 0);
      const d = this.drag;
      if (d && (d.kind === 'move' || d.kind === 'resize') && d.index === i) {
        const r = this.dragged(d, n);
        const secPerTick = 1 / this.ticksPerSecond();
        x0 = this.timeline.x((n.start ?? 0) + (r.startTick - startTick) * secPerTick);
        x1 = this.timeline.x((n.end ?? 0) + (r.endTick - endTick) * secPerTick);
        ({ startTick, endTick, pitch } = r);
      }
      const y = this.y(pitch + 0.5);
      const sel = i === s.selected;
      const cont = n.kind === 'continuation';
      g.fillStyle = sel ? '#ffb703' : cont ? '#3a86a8' : '#4cc9f0';
      g.fillRect(x0 + 1, y + 1, Math.max(2, x1 - x0 - 2), ROW - 2);
      if (sel) {
        g.strokeStyle = '#fff';
        g.lineWidth = 1.5;
        g.strokeRect(x0 + 1, y + 1, Math.max(2, x1 - x0 - 2), ROW - 2);
      }
      g.font = '600 11px system-ui, sans-serif';
      g.fillStyle = '#0b0e13';
      const label = cont ? '~' : n.lyric || '';
      g.save();
      g.beginPath();
      g.rect(x0, y - 16, Math.max(2, x1 - x0), ROW + 32);
      g.clip();
      g.fillText(label, x0 + 4, y + ROW / 2 + 0.5);
      // Phonemes under the bar.
      if (!cont && n.phonemes && n.phonemes.length) {
        g.font = '10px ui-monospace, monospace';
        g.fillStyle = '#aab4c8';
        g.fillText(n.phonemes.map((p) => p.symbol).join(' '), x0 + 3, y + ROW + 7);
      }
      g.restore();
    }
  }

  private drawF0(g: CanvasRenderingContext2D, s: RollState): void {
    const p = s.plan;
    if (!p) return;
    g.strokeStyle = '#f72585';
    g.lineWidth = 1.6;
    g.beginPath();
    let pen = false;
    for (let i = 0; i < p.f0.length; i++) {
      const f = p.f0[i];
      if (!(f > 0)) {
        pen = false;
        continue;
      }
      const X = this.timeline.x(i * p.framePeriod);
      const Y = this.y(hzToMidi(f));
      if (!pen) g.moveTo(X, Y);
      else g.lineTo(X, Y);
      pen = true;
    }
    g.stroke();
  }

  private drawPoints(g: CanvasRenderingContext2D, s: RollState): void {
    const d = this.drag;
    for (const [i, n] of s.doc.notes.entries()) {
      const pts: PitchPointDoc[] = (n.overrides?.pitchPoints ?? []).map((p) => ({ ...p }));
      if (d?.kind === 'point' && d.note === i) {
        pts[d.point] = { ...pts[d.point], time: d.time, pitch: d.pitch };
        pts.sort((a, b) => a.time - b.time);
      }
      if (pts.length === 0) continue;
      g.strokeStyle = 'rgba(255,209,102,0.8)';
      g.lineWidth = 1;
      g.beginPath();
      pts.forEach((p, k) => (k === 0 ? g.moveTo(this.timeline.x(p.time), this.y(p.pitch)) : g.lineTo(this.timeline.x(p.time), this.y(p.pitch))));
      g.stroke();
      if (s.tool !== 'pitch' && i !== s.selected) continue;
      g.fillStyle = '#ffd166';
      for (const p of pts) {
        g.beginPath();
        g.arc(this.timeline.x(p.time), this.y(p.pitch), 3, 0, Math.PI * 2);
        g.fill();
      }
    }
  }

  private drawKeys(): void {
    const c = this.keys;
    const h = this.height();
    if (c.height !== h) c.height = h;
    const g = c.getContext('2d')!;
    g.clearRect(0, 0, c.width, h);
    for (let p = this.high; p > this.low; p--) {
      const pitch = p - 1;
      const pc = ((pitch % 12) + 12) % 12;
      const black = [1, 3, 6, 8, 10].includes(pc);
      g.fillStyle = black ? '#11141a' : '#e9edf3';
      g.fillRect(0, this.y(p), c.width, ROW - 1);
      if (pc === 0) {
        g.fillStyle = '#333';
        g.font = '10px system-ui, sans-serif';
        g.textBaseline = 'middle';
        g.fillText(pitchLabel(pitch), 4, this.y(p) + ROW / 2);
      }
    }
  }
}
