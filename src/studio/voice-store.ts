/**
 * The studio's voices: the built-in default voice and the voices cloned from uploads, stored in DATA/voices as
 * ID.voice (the voice) and ID.json (name, language, clone report). Voices are read once and kept in memory.
 * An upload is only ever decoded as a WAV file and analysed; its bytes are not stored, served or run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../audio/wav.js';
import { UserError, withFile } from '../errors.js';
import { detectLanguage } from '../lyrics/index.js';
import { defaultVoice } from '../render/default-voice.js';
import { formatCloneReport, type CloneReport } from '../voice/report.js';
import type { Voice } from '../voice/types.js';
import { decodeVoice, encodeVoice } from '../voice/voice-codec.js';
import { readVoiceFile } from '../voice/voice-file.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { HttpError } from './http-errors.js';
import { childPath } from './safe-path.js';
import { Worker } from 'node:worker_threads';
import { runCloneJob, type CloneJob, type CloneResult } from './clone-worker.js';

/** Runs a clone job in a worker thread (this module's sibling, .ts under tsx, .js once compiled); inline if that fails. */
async function cloneInWorker(job: CloneJob): Promise<CloneResult> {
  const self = import.meta.url;
  const url = new URL(self.endsWith('.ts') ? './clone-worker.ts' : './clone-worker.js', self);
  let worker: Worker;
  try {
    const workerData = { cantorCloneWorker: true };
    if (self.endsWith('.ts')) {
      // Running from the TypeScript sources (tsx): the worker registers tsx's loader before loading the module.
      const api = import.meta.resolve('tsx/esm/api');
      const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
      worker = new Worker(boot, { eval: true, workerData });
    } else worker = new Worker(url, { workerData });
  } catch {
    return runCloneJob(job);
  }
  return new Promise((resolve, reject) => {
    worker.once('message', (r: CloneResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the clone worker stopped (exit code ${code})`));
    });
    worker.postMessage(job);
  });
}

export const DEFAULT_VOICE_ID = 'default';
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface VoiceInfo {
  id: string;
  name: string;
  language: string;
  builtIn: boolean;
  created?: string;
  report?: CloneReport;
  /** The clone report as `cantor clone` prints it. */
  reportText?: string;
}

export interface CloneUpload {
  wav: Uint8Array;
  fileName: string;
  transcript: string;
  language?: string;
  name?: string;
}

export class VoiceStore {
  private readonly dir: string;
  private readonly cache = new Map<string, Voice>();
  private readonly bytesCache = new Map<string, Uint8Array>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'voices');
  }

  list(): VoiceInfo[] {
    const out: VoiceInfo[] = [{ id: DEFAULT_VOICE_ID, name: 'slt (built-in)', language: 'en', builtIn: true }];
    if (!existsSync(this.dir)) return out;
    for (const f of readdirSync(this.dir).sort()) {
      if (!f.endsWith('.json')) continue;
      const id = f.slice(0, -5);
      if (!ID_PATTERN.test(id) || !existsSync(join(this.dir, `${id}.voice`))) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as VoiceInfo);
      } catch {
        // A damaged description: leave the voice out of the list rather than fail the whole listing.
      }
    }
    return out;
  }

  /** The voice of `id` (default: the built-in one); an unknown id is a 404. */
  get(id: string = DEFAULT_VOICE_ID): Voice {
    const hit = this.cache.get(id);
    if (hit) return hit;
    let voice: Voice;
    if (id === DEFAULT_VOICE_ID) voice = defaultVoice().voice;
    else {
      if (!ID_PATTERN.test(id)) throw new HttpError(404, `no voice '${id.slice(0, 80)}'`);
      const path = childPath(this.dir, `${id}.voice`);
      if (!existsSync(path)) throw new HttpError(404, `no voice '${id}'`);
      voice = readVoiceFile(path);
    }
    this.cache.set(id, voice);
    return voice;
  }

  /** The .voice bytes of `id` (for the page, which renders phrases itself). */
  bytes(id: string): Uint8Array {
    const hit = this.bytesCache.get(id);
    if (hit) return hit;
    let bytes: Uint8Array;
    if (id !== DEFAULT_VOICE_ID && ID_PATTERN.test(id) && existsSync(childPath(this.dir, `${id}.voice`))) {
      bytes = readFileSync(childPath(this.dir, `${id}.voice`));
    } else bytes = encodeVoice(this.get(id));
    this.bytesCache.set(id, bytes);
    return bytes;
  }

  /** Clones a voice from an uploaded reference and transcript, stores it, and returns its description. */
  async clone(up: CloneUpload): Promise<VoiceInfo> {
    const file = up.fileName;
    const transcript = up.transcript;
    if (transcript.trim() === '') throw new UserError('the transcript is empty', { file: 'transcript' });
    const language = up.language?.trim() || detectLanguage(transcript);
    if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(language)) {
      throw new UserError(`language must be a code such as en, zh, ja, de (got '${language.slice(0, 40)}')`);
    }
    let audio;
    try {
      audio = decodeWav(up.wav, file);
    } catch (err) {
      throw withFile(err, file);
    }
    const name = (up.name ?? '').trim().replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 64) || file.replace(/\.[^.]*$/, '') || 'voice';
    const result = await cloneInWorker({ audio, wavBytes: up.wav, file, transcript, language, name });
    if (!result.ok) {
      if (result.user) throw new UserError(result.message, { file: result.file, where: result.where });
      throw new Error(result.message);
    }
    const report: CloneReport = result.report;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'voice';
    const id = `${slug}-${randomBytes(4).toString('hex')}`;
    mkdirSync(this.dir, { recursive: true });
    const info: VoiceInfo = {
      id, name, language, builtIn: false, created: new Date().toISOString(), report, reportText: formatCloneReport(report),
    };
    writeFileAtomic(childPath(this.dir, `${id}.voice`), result.voice);
    writeFileAtomic(childPath(this.dir, `${id}.json`), JSON.stringify(info, null, 2) + '\n');
    this.cache.set(id, decodeVoice(result.voice, `${id}.voice`));
    this.bytesCache.set(id, result.voice);
    return info;
  }
}
