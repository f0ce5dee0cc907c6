/**
 * The page's own renderer, in a Web Worker: the library's planner, renderer and vocoder are plain TypeScript, so a
 * phrase is planned and sung here without asking the server. The voice arrives once as .voice bytes.
 */
import { planSong } from '../../src/planner/song.js';
import type { Plan } from '../../src/planner/types.js';
import { render } from '../../src/render/render.js';
import { scaleTempo, transposeScore } from '../../src/render/score-edits.js';
import { slicePlan } from '../../src/studio/plan-slice.js';
import type { Voice } from '../../src/voice/types.js';
import { decodeVoice } from '../../src/voice/voice-codec.js';
import { docToScore, type ScoreDoc } from './score-doc.js';

export interface SongSettings {
  key: number;
  tempo: number;
  seed: number;
}

export type WorkerRequest =
  | { type: 'voice'; id: number; voiceId: string; bytes: ArrayBuffer }
  | { type: 'plan'; id: number; doc: ScoreDoc; settings: SongSettings }
  | { type: 'render'; id: number; doc: ScoreDoc; settings: SongSettings; range?: { start: number; end: number } };

export interface PlanMessage {
  framePeriod: number;
  duration: number;
  segments: Plan['segments'];
  f0: Float64Array;
  loudness: Float64Array;
  breathiness: Float64Array;
  tension: Float64Array;
  formant: Float64Array;
}

export type WorkerResponse =
  | { type: 'voice'; id: number; name: string }
  | { type: 'plan'; id: number; plan: PlanMessage; ms: number }
  | { type: 'render'; id: number; samples: Float32Array; sampleRate: number; ms: number; offset: number }
  | { type: 'error'; id: number; message: string };

interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let voice: Voice | undefined;

function plan(doc: ScoreDoc, s: SongSettings): Plan {
  const score = scaleTempo(transposeScore(docToScore(doc), s.key), s.tempo);
  return planSong(score, { seed: s.seed, consonantDurations: voice?.stats.consonantDurations });
}

scope.onmessage = (ev) => {
  const req = ev.data;
  const t0 = performance.now();
  try {
    if (req.type === 'voice') {
      voice = decodeVoice(new Uint8Array(req.bytes), `${req.voiceId}.voice`);
      scope.postMessage({ type: 'voice', id: req.id, name: voice.name });
    } else if (req.type === 'plan') {
      const p = plan(req.doc, req.settings);
      scope.postMessage({ type: 'plan', id: req.id, plan: p, ms: performance.now() - t0 },
        [p.f0.buffer, p.loudness.buffer, p.breathiness.buffer, p.tension.buffer, p.formant.buffer]);
    } else {
      if (!voice) throw new Error('the voice is not loaded yet');
      let p = plan(req.doc, req.settings);
      let offset = 0;
      if (req.range) {
        p = slicePlan(p, req.range.start, req.range.end);
        offset = Math.round(req.range.start / p.framePeriod) * p.framePeriod;
      }
      const { audio } = render(p, voice, { seed: req.settings.seed });
      const samples = Float32Array.from(audio.samples);
      scope.postMessage({ type: 'render', id: req.id, samples, sampleRate: audio.sampleRate, ms: performance.now() - t0, offset }, [samples.buffer]);
    }
  } catch (err) {
    scope.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
