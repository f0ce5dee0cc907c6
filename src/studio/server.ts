/**
 * The studio's web server (hono): the page's files, and an API for what the page cannot do itself: parsing score
 * files (MusicXML, MIDI, UST need the lyric front end), cloning and storing voices, storing projects, rendering
 * whole songs, exporting MIDI. See docs/studio.md for the routes and the security limits.
 *
 * createStudioApp() is the app alone (tests call `app.request()` on it); startStudio() serves it on a socket.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { encodeWav } from '../audio/wav.js';
import { planToJson } from '../planner/plan-json.js';
import { parseScore, scoreToJson, scoreToMidi } from '../score/index.js';
import { errorResponse, HttpError, readJsonObject } from './http-errors.js';
import { ProjectStore } from './project-store.js';
import { planOf, renderRequest, scoreFromDoc, songRequest } from './song-service.js';
import { serveStatic } from './static-files.js';
import { DEFAULT_VOICE_ID, VoiceStore } from './voice-store.js';

export interface StudioLimits {
  /** Largest reference recording upload (bytes, whole multipart body). */
  voiceUpload: number;
  /** Largest score file to parse (bytes). */
  scoreUpload: number;
  /** Largest JSON body (scores, plans, projects) (bytes). */
  json: number;
}

export const DEFAULT_LIMITS: StudioLimits = {
  voiceUpload: 64 * 1024 * 1024,
  scoreUpload: 8 * 1024 * 1024,
  json: 32 * 1024 * 1024,
};

export interface StudioAppOptions {
  /** Folder for voices and projects (created when missing). */
  dataDir: string;
  /** The built page (dist/studio). */
  webRoot: string;
  limits?: Partial<StudioLimits>;
  /** Host names the server answers to (DNS-rebinding guard); undefined: any. */
  allowedHosts?: string[];
}

export interface StudioApp {
  app: Hono;
  voices: VoiceStore;
  projects: ProjectStore;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function fileName(c: Context): string {
  const raw = c.req.query('name') ?? c.req.header('x-file-name') ?? 'score';
  // Only the last path component is kept: the name is used for the format and messages, never to open a file.
  return (raw.split(/[\\/]/).pop() ?? 'score').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'score';
}

/** Bytes as a response body (a copy only when they are a view into a bigger or shared buffer). */
function body(bytes: Uint8Array): ArrayBuffer {
  const b = bytes.buffer;
  if (b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength) return b;
  return bytes.slice().buffer as ArrayBuffer;
}

function tooLarge(what: string, max: number) {
  return (c: Context) => c.json({ error: `${what} is too large (at most ${(max / 1024 / 1024).toFixed(0)} MiB)` }, 413);
}

export function createStudioApp(opts: StudioAppOptions): StudioApp {
  const limits: StudioLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const dataDir = resolve(opts.dataDir);
  const webRoot = resolve(opts.webRoot);
  mkdirSync(dataDir, { recursive: true });
  const voices = new VoiceStore(dataDir);
  const projects = new ProjectStore(dataDir);
  const app = new Hono();
  const jsonLimit = bodyLimit({ maxSize: limits.json, onError: tooLarge('the request body', limits.json) });

  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => c.json({ error: `not found: ${c.req.path.slice(0, 200)}` }, 404));

  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    if (opts.allowedHosts && !opts.allowedHosts.includes(host)) {
      return c.json({ error: `host '${host.slice(0, 80)}' is not served here` }, 403);
    }
    // Another web site's page must not drive the studio (the browser sends Origin on cross-site requests).
    const origin = c.req.header('origin');
    if (origin !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      let originHost = '';
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        originHost = '';
      }
      if (originHost !== (c.req.header('host') ?? '').toLowerCase()) return c.json({ error: 'cross-origin requests are refused' }, 403);
    }
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  });

  app.get('/api/health', (c) => c.json({ ok: true }));

  app.get('/api/voices', (c) => c.json({ voices: voices.list() }));

  app.post(
    '/api/voices',
    bodyLimit({ maxSize: limits.voiceUpload, onError: tooLarge('the upload', limits.voiceUpload) }),
    async (c) => {
      const ct = c.req.header('content-type') ?? '';
      if (!ct.startsWith('multipart/form-data')) throw new HttpError(400, 'expected multipart/form-data with reference, transcript, language, name');
      const form = await c.req.parseBody();
      const ref = form.reference;
      if (!(ref instanceof File)) throw new HttpError(400, `the form needs 'reference': a WAV file of the speaker`);
      const tr = form.transcript;
      const transcript = tr instanceof File ? await tr.text() : typeof tr === 'string' ? tr : '';
      if (transcript.length > 100_000) throw new HttpError(413, 'the transcript is too long (at most 100000 characters)');
      const language = typeof form.language === 'string' ? form.language : undefined;
      const name = typeof form.name === 'string' ? form.name : undefined;
      const wav = new Uint8Array(await ref.arrayBuffer());
      const info = await voices.clone({ wav, fileName: (ref.name.split(/[\\/]/).pop() ?? 'reference.wav').slice(0, 200), transcript, language, name });
      return c.json(info, 201);
    },
  );

  app.get('/api/voices/:id/file', (c) => {
    const id = c.req.param('id');
    const bytes = voices.bytes(id);
    return new Response(body(bytes), {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${id === DEFAULT_VOICE_ID ? 'default' : id}.voice"`,
        'Cache-Control': 'no-cache',
      },
    });
  });

  app.post(
    '/api/scores/parse',
    bodyLimit({ maxSize: limits.scoreUpload, onError: tooLarge('the score file', limits.scoreUpload) }),
    async (c) => {
      const name = fileName(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const score = parseScore(bytes, name);
      if (score.notes.length > 20000) throw new HttpError(413, `${name}: too many notes (${score.notes.length})`);
      return c.json({ score: JSON.parse(scoreToJson(score)) as unknown, warnings: score.warnings });
    },
  );

  app.post('/api/plan', jsonLimit, async (c) => {
    const req = songRequest(await readJsonObject(c));
    const plan = planOf(req, voices.get(req.voice));
    return c.body(planToJson(plan), 200, { 'Content-Type': 'application/json' });
  });

  app.post('/api/render', jsonLimit, async (c) => {
    const req = songRequest(await readJsonObject(c));
    const voice = voices.get(req.voice);
    const { audio, report } = renderRequest(req, voice);
    const summary = {
      duration: report.duration, sampleRate: report.sampleRate, fallbacks: report.fallbacks, missing: report.missing,
      joins: report.joins, naturalJoins: report.naturalJoins, voice: voice.name,
    };
    return new Response(body(encodeWav(audio)), {
      headers: { 'Content-Type': 'audio/wav', 'X-Cantor-Render': encodeURIComponent(JSON.stringify(summary)), 'Cache-Control': 'no-store' },
    });
  });

  app.post('/api/export/midi', jsonLimit, async (c) => {
    const req = await readJsonObject(c);
    const score = scoreFromDoc(req.score);
    return new Response(body(scoreToMidi(score)), {
      headers: { 'Content-Type': 'audio/midi', 'Content-Disposition': 'attachment; filename="score.mid"' },
    });
  });

  app.post('/api/export/json', jsonLimit, async (c) => {
    const req = await readJsonObject(c);
    const score = scoreFromDoc(req.score);
    return c.body(scoreToJson(score), 200, { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename="score.json"' });
  });

  app.get('/api/projects', (c) => c.json({ projects: projects.list() }));
  app.get('/api/projects/:name', (c) => c.json(projects.read(c.req.param('name')) as object));
  app.put('/api/projects/:name', jsonLimit, async (c) => {
    const name = c.req.param('name');
    projects.write(name, await readJsonObject(c));
    return c.json({ saved: name });
  });

  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.method} ${c.req.path.slice(0, 200)}` }, 404));
  app.get('*', (c) => serveStatic(c, webRoot));

  return { app, voices, projects };
}

export interface StartStudioOptions {
  /** Port (0: any free port). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: only this machine). */
  host?: string;
  dataDir: string;
  /** Built page folder (default dist/studio in the package, built first when missing or stale). */
  webRoot?: string;
  /** Build the page when it is missing or older than its sources (default true). */
  build?: boolean;
  limits?: Partial<StudioLimits>;
  /** Called with build progress lines. */
  log?: (line: string) => void;
}

export interface RunningStudio {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

export async function startStudio(opts: StartStudioOptions): Promise<RunningStudio> {
  const host = opts.host ?? '127.0.0.1';
  const { defaultWebRoot, ensureWebBuilt } = await import('./build-web.js');
  const webRoot = opts.webRoot ?? defaultWebRoot();
  if (opts.build !== false) await ensureWebBuilt({ outDir: webRoot, log: opts.log });
  const loopback = LOOPBACK.includes(host);
  const { app } = createStudioApp({ dataDir: opts.dataDir, webRoot, limits: opts.limits, allowedHosts: loopback ? LOOPBACK : undefined });
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolvePromise({
        url: `http://${shown}:${info.port}/`,
        port: info.port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once('error', reject);
  });
}
