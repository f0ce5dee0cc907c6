/**
 * The parameter lanes under the roll: the planned dynamics (loudness), breathiness, tension and formant curves, with
 * the user's points over them. Drawing on a lane writes the score's curve for that parameter (curves.loudness...).
 */
import type { PlanMessage } from './render-worker.js';
import type { LaneName, ScoreDoc } from './score-doc.js';
import type { Timeline } from './timeline.js';

export const LANES: Record<LaneName, { label: string; min: number; max: number; unit: string; colour: string }> = {
  loudness: { label: 'dynamics', min: -30, max: 12, unit: 'dB', colour: '#80ed99' },
  breathiness: { label: 'breathiness', min: 0, max: 1, unit: '', colour: '#90e0ef' },
  tension: { label: 'tension', min: -1, max: 1, unit: '', colour: '#ffb4a2' },
  formant: { label: 'formant', min: 0.7, max: 1.4, unit: 'x', colour: '#cdb4db' },
};

export class Lanes {
  lane: LaneName = 'loudness';
  private stroke: { time: number; value: number }[] | null = null;
  private last: { doc: ScoreDoc; plan?: PlanMessage; playhead: number | null } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly timeline: Timeline,
    private readonly onDraw: (lane: LaneName, samples: { time: number; value: number }[]) => void,
  ) {
    canvas.addEventListener('mousedown', (e) => {
      if (e.button !== 0) return;
      this.stroke = [this.at(e)];
      e.preventDefault();
    });
    window.addEventListener('mousemove', (e) => {
      if (!this.stroke) return;
      const p = this.at(e);
      if (p.time > this.stroke[this.stroke.length - 1].time) this.stroke.push(p);
      if (this.last) this.draw(this.last.doc, this.last.plan, this.last.playhead);
    });
    window.addEventListener('mouseup', () => {
      const s = this.stroke;
      this.stroke = null;
      if (s && s.length > 1) this.onDraw(this.lane, s);
    });
  }

  private at(e: MouseEvent): { time: number; value: number } {
    const r = this.canvas.getBoundingClientRect();
    const spec = LANES[this.lane];
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / this.canvas.height));
    return { time: Math.max(0, this.timeline.t(e.clientX - r.left)), value: spec.max - y * (spec.max - spec.min) };
  }

  private y(v: number): number {
    const spec = LANES[this.lane];
    return (1 - (v - spec.min) / (spec.max - spec.min)) * this.canvas.height;
  }

  draw(doc: ScoreDoc, plan: PlanMessage | undefined, playhead: number | null): void {
    this.last = { doc, plan, playhead };
    const c = this.canvas;
    const w = this.timeline.width();
    if (c.width !== w) c.width = w;
    const g = c.getContext('2d')!;
    const spec = LANES[this.lane];
    g.fillStyle = '#161a22';
    g.fillRect(0, 0, w, c.height);
    g.fillStyle = '#2a303c';
    const zero = spec.min < 0 && spec.max > 0 ? 0 : this.lane === 'formant' ? 1 : NaN;
    if (!Number.isNaN(zero)) g.fillRect(0, Math.round(this.y(zero)), w, 1);
    if (plan) {
      const arr = plan[this.lane];
      g.strokeStyle = spec.colour;
      g.globalAlpha = 0.75;
      g.lineWidth = 1.5;
      g.beginPath();
      for (let i = 0; i < arr.length; i++) {
        const X = this.timeline.x(i * plan.framePeriod);
        const Y = this.y(Math.min(spec.max, Math.max(spec.min, arr[i])));
        if (i === 0) g.moveTo(X, Y);
        else g.lineTo(X, Y);
      }
      g.stroke();
      g.globalAlpha = 1;
    }
    const pts = doc.curves?.[this.lane] ?? [];
    g.fillStyle = '#ffd166';
    for (const p of pts) g.fillRect(this.timeline.x(p.time) - 1.5, this.y(p.value) - 1.5, 3, 3);
    if (this.stroke) {
      g.strokeStyle = '#ffd166';
      g.lineWidth = 2;
      g.beginPath();
      this.stroke.forEach((p, i) => (i === 0 ? g.moveTo(this.timeline.x(p.time), this.y(p.value)) : g.lineTo(this.timeline.x(p.time), this.y(p.value))));
      g.stroke();
    }
    if (playhead !== null) {
      g.fillStyle = '#ff4d6d';
      g.fillRect(Math.round(this.timeline.x(playhead)), 0, 2, c.height);
    }
    g.fillStyle = '#8b95a8';
    g.font = '10px system-ui, sans-serif';
    g.textBaseline = 'top';
    const left = (c.parentElement?.scrollLeft ?? 0) + 4;
    g.fillText(`${spec.label} ${spec.max}${spec.unit}`, left, 3);
    g.textBaseline = 'bottom';
    g.fillText(`${spec.min}${spec.unit}`, left, c.height - 2);
  }
}
