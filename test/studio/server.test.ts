/**
 * The studio server without a browser: hono's app.request() for the routes and their refusals, and a real socket for
 * concurrent renders. Security: nothing outside the web folder is served however `..` is spelled, uploads over the
 * limit get 413, malformed JSON 400 with a message, a bad score 400 naming the problem (and the server goes on), and
 * uploaded content is stored as data only: never served as a page or script, never run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeWav } from '../../src/audio/wav.js';
import { createStudioApp, startStudio, type RunningStudio } from '../../src/studio/server.js';
import { unsafeReason } from '../../src/studio/safe-path.js';
import { scoresDir, tempDir, voicesDir } from '../helpers/paths.js';

const work = tempDir('cantor-studio-server-');
const webRoot = join(work, 'web');
const dataDir = join(work, 'data');
const SECRET = 'top secret outside the web root';
mkdirSync(join(webRoot, 'assets'), { recursive: true });
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>studio</title>');
writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(work, 'secret.txt'), SECRET);
const limits = { voiceUpload: 256 * 1024, scoreUpload: 64 * 1024, json: 512 * 1024 };
const { app } = createStudioApp({ dataDir, webRoot, limits });
const score61a = readFileSync(join(scoresDir, 'musicxml-testsuite', '61a-Lyrics.xml'));

after(() => rmSync(work, { recursive: true, force: true }));

const get = (path: string) => app.request(`http://localhost${path}`);
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { method: 'POST', body, headers });
const postJson = (path: string, v: unknown) => post(path, JSON.stringify(v), { 'Content-Type': 'application/json' });

/** A short cantor-score document: `n` quarter notes at 120 bpm (0.5 s each). */
function shortScore(n: number, pitch = 64): unknown {
  const words = ['sing', 'a', 'song', 'of', 'joy', 'and', 'light', 'now'];
  return {
    format: 'cantor-score', version: 1, language: 'en', tempo: [{ tick: 0, bpm: 120 }],
    notes: Array.from({ length: n }, (_, i) => ({ startTick: i * 480, endTick: (i + 1) * 480, pitch: pitch + (i % 3), lyric: words[i % words.length] })),
  };
}

describe('static files', () => {
  test('the page and its assets are served, with nosniff and a content security policy', async () => {
    const r = await get('/');
    assert.equal(r.status, 200);
    assert.match(await r.text(), /<title>studio<\/title>/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const js = await get('/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
  });

  const attacks = [
    '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt', '/%252e%252e/secret.txt', '/..%5csecret.txt', '/..\\secret.txt',
    '/assets/..%5c..%5csecret.txt', `/${encodeURIComponent(join(work, 'secret.txt'))}`, `/${join(work, 'secret.txt')}`, '//etc/passwd',
    '/%00/../secret.txt', '/index.html%00.txt', '/C:%5cWindows%5cwin.ini', '/%c0%ae%c0%ae/secret.txt', '/.%2e/secret.txt',
  ];
  for (const path of attacks) {
    test(`refuses ${path}`, async () => {
      const r = await get(path);
      assert.ok(r.status >= 400 && r.status < 500, `${path}: status ${r.status}`);
      const text = await r.text();
      assert.ok(!text.includes(SECRET) && !text.includes('root:x:0'), `${path} leaked a file`);
    });
  }

  test('the path checker names why it refuses', () => {
    assert.equal(unsafeReason('/assets/app.js'), undefined);
    assert.equal(unsafeReason('/%2e%2e/x'), 'dot segment');
    assert.equal(unsafeReason('/%252e%252e/x'), 'encoded twice');
    assert.equal(unsafeReason('/a%5cb'), 'backslash');
    assert.equal(unsafeReason('/a%00b'), 'control character');
    assert.equal(unsafeReason('/C:/x'), 'drive letter');
    assert.equal(unsafeReason('/%E0%A4%A'), 'bad percent-encoding');
  });
});

describe('API errors', () => {
  test('malformed JSON is a 400 with a message saying so', async () => {
    for (const path of ['/api/render', '/api/plan', '/api/export/midi']) {
      const r = await post(path, '{"score": {"format": "cantor-score",', { 'Content-Type': 'application/json' });
      assert.equal(r.status, 400, path);
      const j = (await r.json()) as { error: string };
      assert.match(j.error, /malformed JSON/, path);
    }
    const r = await app.request('http://localhost/api/projects/p1', { method: 'PUT', body: '[1, 2', headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: string }).error, /malformed JSON/);
  });

  test('oversize uploads get 413 and are not stored', async () => {
    const big = new Uint8Array(limits.scoreUpload + 1);
    let r = await post('/api/scores/parse?name=big.xml', big);
    assert.equal(r.status, 413);
    assert.match(((await r.json()) as { error: string }).error, /too large/);
    const form = new FormData();
    form.set('reference', new File([new Uint8Array(limits.voiceUpload + 1000)], 'huge.wav'));
    form.set('transcript', 'hello there');
    r = await app.request('http://localhost/api/voices', { method: 'POST', body: form });
    assert.equal(r.status, 413);
    r = await postJson('/api/render', { score: shortScore(1), padding: 'x'.repeat(limits.json) });
    assert.equal(r.status, 413);
    assert.ok(!existsSync(join(dataDir, 'voices')) || readdirSync(join(dataDir, 'voices')).length === 0);
  });

  test('a bad score is a 400 naming the file and the problem, and the server keeps serving', async () => {
    let r = await post('/api/scores/parse?name=broken.xml', '<score-partwise><part id="P1"><measure>');
    assert.equal(r.status, 400);
    let j = (await r.json()) as { error: string };
    assert.match(j.error, /^broken\.xml/);
    assert.match(j.error, /XML/i);
    r = await post('/api/scores/parse?name=noise.mid', new Uint8Array([1, 2, 3, 4, 5]));
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: string }).error, /noise\.mid/);
    r = await postJson('/api/render', { score: { format: 'cantor-score', version: 1, notes: [{ startTick: 0, endTick: 480, pitch: 'H4', lyric: 'la' }] } });
    assert.equal(r.status, 400);
    j = (await r.json()) as { error: string };
    assert.match(j.error, /notes\[0\]\.pitch/);
    assert.match(j.error, /H4/);
    r = await postJson('/api/render', { plan: { format: 'cantor-plan', framePeriod: 0.005, duration: 1, segments: [], f0: [1], loudness: [], breathiness: [], tension: [], formant: [] } });
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: string }).error, /invalid plan/);
    // Still serving: a good score parses.
    r = await post('/api/scores/parse?name=61a-Lyrics.xml', score61a);
    assert.equal(r.status, 200);
    const parsed = (await r.json()) as { score: { notes: { lyric: string }[] } };
    assert.equal(parsed.score.notes[0].lyric, 'Tra');
  });

  test('bad project names and unknown voices are refused', async () => {
    for (const name of ['..', '..%2f..%2fx', '%2e%2e', 'a.json', 'x%00y', ' lead']) {
      const r = await app.request(`http://localhost/api/projects/${name}`, { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } });
      assert.ok(r.status === 400 || r.status === 404, `${name}: ${r.status}`);
    }
    assert.ok(!existsSync(join(work, 'x.json')) && !existsSync(join(dataDir, 'x.json')));
    const r = await get('/api/voices/..%2f..%2fsecret/file');
    assert.equal(r.status, 404);
    assert.ok(!(await r.text()).includes(SECRET));
  });

  test('requests from another site are refused', async () => {
    const r = await app.request('http://localhost/api/projects/p', { method: 'PUT', body: '{}', headers: { Origin: 'http://evil.example', Host: 'localhost' } });
    assert.equal(r.status, 403);
  });
});

describe('uploaded content is data, never run or served as a page', () => {
  test('a project holding HTML and script is stored as JSON and only sent back as JSON', async () => {
    const payload = { score: shortScore(1), note: '<script>globalThis.pwned = 1</script>', js: 'process.exit(7)' };
    let r = await app.request('http://localhost/api/projects/evil', { method: 'PUT', body: JSON.stringify(payload), headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 200);
    r = await get('/api/projects/evil');
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await r.json(), payload);
    assert.equal((globalThis as { pwned?: number }).pwned, undefined);
    // Not reachable as a static file either.
    for (const p of ['/projects/evil.json', '/data/projects/evil.json', '/../data/projects/evil.json']) assert.equal((await get(p)).status, 404, p);
  });

  test('a "score" that is a script is parsed as a score (and refused), not run', async () => {
    const script = 'globalThis.pwned = 2; require("child_process").execSync("touch ' + join(work, 'ran') + '")';
    for (const name of ['evil.js', 'evil.mjs', 'evil.ust']) {
      const r = await post(`/api/scores/parse?name=${name}`, script);
      assert.equal(r.status, 400, name);
    }
    assert.equal((globalThis as { pwned?: number }).pwned, undefined);
    assert.ok(!existsSync(join(work, 'ran')));
  });

  test('a fake WAV (an HTML page) is refused as a recording and nothing is stored', async () => {
    const form = new FormData();
    form.set('reference', new File(['<html><script>alert(1)</script></html>'], 'evil.html'));
    form.set('transcript', 'the birch canoe slid on the smooth planks');
    const r = await app.request('http://localhost/api/voices', { method: 'POST', body: form });
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: string }).error, /evil\.html/);
    assert.ok(!existsSync(join(dataDir, 'voices')) || readdirSync(join(dataDir, 'voices')).length === 0);
  });
});

describe('rendering', () => {
  test('a score renders to a WAV of the song length; MIDI and JSON export', async () => {
    const r = await postJson('/api/render', { score: shortScore(3), seed: 3 });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'audio/wav');
    const audio = decodeWav(new Uint8Array(await r.arrayBuffer()));
    assert.ok(Math.abs(audio.samples.length / audio.sampleRate - 1.5) < 0.02, `${audio.samples.length / audio.sampleRate} s`);
    const report = JSON.parse(decodeURIComponent(r.headers.get('x-cantor-render') ?? '')) as { duration: number };
    assert.ok(Math.abs(report.duration - 1.5) < 0.02);
    const midi = await postJson('/api/export/midi', { score: shortScore(3) });
    assert.equal(midi.status, 200);
    assert.equal(Buffer.from(await midi.arrayBuffer()).subarray(0, 4).toString('latin1'), 'MThd');
    const json = await postJson('/api/export/json', { score: shortScore(3) });
    const doc = (await json.json()) as { format: string; notes: { lyric: string; phonemes: { symbol: string }[] }[] };
    assert.equal(doc.format, 'cantor-score');
    assert.deepEqual(doc.notes[0].phonemes.map((p) => p.symbol), ['S', 'IH', 'NG']);
  });

  test('a range renders just that phrase; a plan renders as given', async () => {
    const r = await postJson('/api/render', { score: shortScore(4), range: { start: 0.5, end: 1.5 } });
    const audio = decodeWav(new Uint8Array(await r.arrayBuffer()));
    assert.ok(Math.abs(audio.samples.length / audio.sampleRate - 1) < 0.02);
    const plan = await (await postJson('/api/plan', { score: shortScore(2) })).json();
    const r2 = await postJson('/api/render', { plan });
    assert.equal(r2.status, 200);
    const a2 = decodeWav(new Uint8Array(await r2.arrayBuffer()));
    assert.ok(Math.abs(a2.samples.length / a2.sampleRate - 1) < 0.02);
  });
});

describe('over a real socket', () => {
  let studio: RunningStudio;
  before(async () => {
    studio = await startStudio({ port: 0, dataDir, webRoot, build: false, limits });
  });
  after(async () => {
    await studio?.close();
  });

  test('listens on 127.0.0.1 and refuses other Host names (DNS rebinding)', async () => {
    assert.match(studio.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const ok = await fetch(`${studio.url}api/health`);
    assert.equal(ok.status, 200);
    const status = await new Promise<number>((done, fail) => {
      const req = httpRequest(`${studio.url}api/health`, { headers: { Host: `evil.example:${studio.port}` } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end();
    });
    assert.equal(status, 403);
  });

  test('8 concurrent renders all return valid WAVs of the right length; then a bad score, then it still serves', async () => {
    const lengths = [1, 2, 3, 4, 5, 6, 7, 8];
    const t0 = performance.now();
    const answers = await Promise.all(lengths.map((n) =>
      fetch(`${studio.url}api/render`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ score: shortScore(n, 60 + n), seed: n }) })));
    const seconds = (performance.now() - t0) / 1000;
    for (const [i, r] of answers.entries()) {
      assert.equal(r.status, 200, `render ${i}`);
      const audio = decodeWav(new Uint8Array(await r.arrayBuffer()));
      const want = lengths[i] * 0.5;
      const got = audio.samples.length / audio.sampleRate;
      assert.ok(Math.abs(got - want) < 0.02, `render ${i}: ${got.toFixed(3)} s, want ${want} s`);
      let peak = 0;
      for (const s of audio.samples) peak = Math.max(peak, Math.abs(s));
      assert.ok(peak > 0.1 && peak <= 1, `render ${i} peak ${peak}`);
    }
    console.log(`# 8 concurrent renders (18 s of song) in ${seconds.toFixed(2)} s`);
    const bad = await fetch(`${studio.url}api/scores/parse?name=bad.json`, { method: 'POST', body: '{"format":"cantor-score","version":1,"notes":[]}' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /bad\.json/);
    const good = await fetch(`${studio.url}api/scores/parse?name=61a-Lyrics.xml`, { method: 'POST', body: score61a });
    assert.equal(good.status, 200);
  });
});

describe('voices', () => {
  test('a voice cloned from an uploaded reference and transcript is listed, downloadable and sings', async () => {
    const { app: big } = createStudioApp({ dataDir: join(work, 'clone-data'), webRoot });
    const form = new FormData();
    form.set('reference', new File([readFileSync(join(voicesDir, 'kal', 'reference.wav'))], 'kal.wav', { type: 'audio/wav' }));
    form.set('transcript', readFileSync(join(voicesDir, 'kal', 'transcript.txt'), 'utf8'));
    form.set('language', 'en');
    form.set('name', 'Kal <b>diphone</b>');
    const t0 = performance.now();
    let cloned = false;
    const pending = Promise.resolve(big.request('http://localhost/api/voices', { method: 'POST', body: form })).then((res) => {
      cloned = true;
      return res;
    });
    // The clone runs in a worker thread: the server answers other requests meanwhile.
    await new Promise((done) => setTimeout(done, 500));
    const health = await big.request('http://localhost/api/health');
    assert.equal(health.status, 200);
    assert.equal(cloned, false, 'the health check was answered while the clone was still running');
    const r = await pending;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(r.status, 201, await r.clone().text());
    const info = (await r.json()) as { id: string; name: string; report: { alignmentConfidence: number; durationUsed: number; pitch: { medianHz: number } }; reportText: string };
    console.log(`# cloned kal in ${seconds.toFixed(1)} s: ${info.report.durationUsed.toFixed(1)} s used, confidence ${info.report.alignmentConfidence.toFixed(2)}, median ${info.report.pitch.medianHz.toFixed(0)} Hz`);
    assert.match(info.id, /^kal-b-diphone-b-[0-9a-f]{8}$/);
    assert.ok(info.report.alignmentConfidence > 0.35, `confidence ${info.report.alignmentConfidence}`);
    assert.ok(info.report.pitch.medianHz > 80 && info.report.pitch.medianHz < 160, `kal is a male voice: ${info.report.pitch.medianHz} Hz`);
    assert.match(info.reportText, /voice "Kal <b>diphone<\/b>" \(en\)/);
    const list = (await (await big.request('http://localhost/api/voices')).json()) as { voices: { id: string }[] };
    assert.deepEqual(list.voices.map((v) => v.id), ['default', info.id]);
    const file = await big.request(`http://localhost/api/voices/${info.id}/file`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/octet-stream');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment/);
    const sung = await big.request('http://localhost/api/render', { method: 'POST', body: JSON.stringify({ score: shortScore(2, 52), voice: info.id }) });
    assert.equal(sung.status, 200);
    const report = JSON.parse(decodeURIComponent(sung.headers.get('x-cantor-render') ?? '')) as { voice: string };
    assert.equal(report.voice, 'Kal <b>diphone</b>');
  });
});
