/** Requests to the render worker, each answered by a promise. */
import type { PlanMessage, SongSettings, WorkerRequest, WorkerResponse } from './render-worker.js';
import type { ScoreDoc } from './score-doc.js';

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };

export class WorkerClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
      else p.resolve(ev.data);
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`render worker failed: ${ev.message}`));
      this.pending.clear();
    };
  }

  private send(req: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerResponse> {
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.postMessage(req, transfer);
    });
  }

  async loadVoice(voiceId: string, bytes: ArrayBuffer): Promise<string> {
    const r = await this.send({ type: 'voice', id: this.next++, voiceId, bytes }, [bytes]);
    return r.type === 'voice' ? r.name : '';
  }

  async plan(doc: ScoreDoc, settings: SongSettings): Promise<{ plan: PlanMessage; ms: number }> {
    const r = await this.send({ type: 'plan', id: this.next++, doc, settings });
    if (r.type !== 'plan') throw new Error('unexpected answer from the render worker');
    return { plan: r.plan, ms: r.ms };
  }

  async render(doc: ScoreDoc, settings: SongSettings, range?: { start: number; end: number }): Promise<{ samples: Float32Array; sampleRate: number; ms: number; offset: number }> {
    const r = await this.send({ type: 'render', id: this.next++, doc, settings, range });
    if (r.type !== 'render') throw new Error('unexpected answer from the render worker');
    return r;
  }
}
