/**
 * `cantor studio` as a user starts it: the page is built on start when its folder is empty, the address is printed,
 * the server answers there; bad options and a busy port are one-line errors with exit code 2.
 * (The command is registered with its own commander program here: src/cli/index.ts belongs to the lead.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot, tempDir } from '../helpers/paths.js';

const work = tempDir('cantor-studio-cli-');
after(() => rmSync(work, { recursive: true, force: true }));

const program = `
import { Command } from 'commander';
import { registerStudio } from './src/cli/studio.ts';
const p = new Command().name('cantor');
registerStudio(p);
await p.parseAsync(process.argv.slice(1), { from: 'user' });
`;

function startCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program, '--', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function finish(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}

test('studio builds the page on start, prints its address and serves it', { timeout: 90_000 }, async () => {
  const web = join(work, 'web');
  const child = startCli(['studio', '--port', '0', '--data', join(work, 'data'), '--web', web]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /cantor studio: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]);
      });
      child.on('close', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
    assert.match(stderr, /built the studio page/);
    assert.ok(existsSync(join(web, 'index.html')));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>cantor studio<\/title>/);
    const voices = (await (await fetch(`${url}api/voices`)).json()) as { voices: { id: string }[] };
    assert.equal(voices.voices[0].id, 'default');
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.on('close', done));
  }
});

test('a bad port and a port in use are one-line errors, exit code 2', async () => {
  let r = await finish(['studio', '--port', 'http', '--web', join(work, 'web')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: --port must be an integer in 0\.\.65535 \(got 'http'\)\n$/);
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  const port = (busy.address() as { port: number }).port;
  try {
    r = await finish(['studio', '--port', String(port), '--data', join(work, 'data'), '--web', join(work, 'web')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`error: port ${port} is in use`));
  } finally {
    busy.close();
  }
});
