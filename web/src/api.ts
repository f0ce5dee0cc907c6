/** Calls to the studio server (src/studio/server.ts); an error answer becomes an Error carrying its message. */
import type { ScoreDoc } from './score-doc.js';

export interface VoiceInfo {
  id: string;
  name: string;
  language: string;
  builtIn: boolean;
  reportText?: string;
}

async function check(res: Response): Promise<Response> {
  if (res.ok) return res;
  let msg = `${res.status} ${res.statusText}`;
  try {
    const j = (await res.json()) as { error?: string };
    if (j.error) msg = j.error;
  } catch {
    // not JSON: keep the status line
  }
  throw new Error(msg);
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export async function parseScoreFile(bytes: ArrayBuffer, name: string): Promise<{ score: ScoreDoc; warnings: string[] }> {
  const res = await check(await fetch(`api/scores/parse?name=${encodeURIComponent(name)}`, { method: 'POST', body: bytes }));
  return (await res.json()) as { score: ScoreDoc; warnings: string[] };
}

/** The document read back by the server's parser: phonemes for new lyrics, note kinds, seconds. */
export async function normalizeDoc(doc: ScoreDoc): Promise<ScoreDoc> {
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  return (await parseScoreFile(bytes.buffer as ArrayBuffer, `${doc.title || 'score'}.json`)).score;
}

export async function listVoices(): Promise<VoiceInfo[]> {
  const res = await check(await fetch('api/voices'));
  return ((await res.json()) as { voices: VoiceInfo[] }).voices;
}

export async function voiceBytes(id: string): Promise<ArrayBuffer> {
  return (await check(await fetch(`api/voices/${encodeURIComponent(id)}/file`))).arrayBuffer();
}

export async function cloneVoice(form: FormData): Promise<VoiceInfo> {
  const res = await check(await fetch('api/voices', { method: 'POST', body: form }));
  return (await res.json()) as VoiceInfo;
}

export interface RenderSettings {
  voice: string;
  key: number;
  tempo: number;
  seed: number;
}

export async function renderSong(doc: ScoreDoc, s: RenderSettings): Promise<{ wav: ArrayBuffer; report: string }> {
  const res = await check(await fetch('api/render', json({ score: doc, ...s })));
  const report = decodeURIComponent(res.headers.get('x-cantor-render') ?? '');
  return { wav: await res.arrayBuffer(), report };
}

export async function planOnServer(doc: ScoreDoc, s: RenderSettings): Promise<unknown> {
  return (await check(await fetch('api/plan', json({ score: doc, ...s })))).json();
}

export async function exportFile(kind: 'midi' | 'json', doc: ScoreDoc): Promise<Blob> {
  return (await check(await fetch(`api/export/${kind}`, json({ score: doc })))).blob();
}

export async function listProjects(): Promise<string[]> {
  const res = await check(await fetch('api/projects'));
  return ((await res.json()) as { projects: { name: string }[] }).projects.map((p) => p.name);
}

export async function saveProject(name: string, project: unknown): Promise<void> {
  await check(await fetch(`api/projects/${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(project) }));
}

export async function loadProject(name: string): Promise<unknown> {
  return (await check(await fetch(`api/projects/${encodeURIComponent(name)}`))).json();
}
