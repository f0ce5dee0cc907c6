/** The voice cache: built once, then read back; a changed transcript makes it stale (rebuilt, old file removed). */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/errors.js';
import { cachedVoice, type VoiceSource } from '../../src/render/default-voice.js';
import { tempDir, voicesDir } from '../helpers/paths.js';

test('a voice is built on first use, read from the cache after, and rebuilt when its transcript changes', () => {
  const dir = tempDir('cantor-cache-');
  try {
    const cacheDir = join(dir, 'cache');
    const src: VoiceSource = { name: 'kal', wav: join(dir, 'kal.wav'), transcript: join(dir, 'kal.txt'), language: 'en' };
    copyFileSync(join(voicesDir, 'kal', 'reference.wav'), src.wav);
    copyFileSync(join(voicesDir, 'kal', 'transcript.txt'), src.transcript);
    const t0 = performance.now();
    const first = cachedVoice(src, { cacheDir });
    const t1 = performance.now();
    assert.equal(first.fromCache, false);
    assert.ok(existsSync(first.path));
    const second = cachedVoice(src, { cacheDir });
    const t2 = performance.now();
    assert.equal(second.fromCache, true);
    assert.equal(second.path, first.path);
    assert.equal(second.voice.units.length, first.voice.units.length);
    assert.deepEqual(second.voice.frames.mcep, first.voice.frames.mcep);
    console.log(`built in ${(t1 - t0).toFixed(0)} ms, read from the cache in ${(t2 - t1).toFixed(0)} ms`);
    assert.ok(t2 - t1 < (t1 - t0) / 5);
    // A damaged cache file is rebuilt, not trusted.
    writeFileSync(first.path, 'garbage');
    const third = cachedVoice(src, { cacheDir });
    assert.equal(third.fromCache, false);
    assert.equal(readFileSync(first.path).subarray(0, 7).toString() === 'garbage', false);
    // An edited transcript: a new cache file, and the stale one is gone.
    writeFileSync(src.transcript, readFileSync(src.transcript, 'utf8') + '\n');
    const fourth = cachedVoice(src, { cacheDir });
    assert.equal(fourth.fromCache, false);
    assert.notEqual(fourth.path, first.path);
    assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.voice')), [fourth.path.split('/').pop()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing reference is a UserError naming the file', () => {
  const src: VoiceSource = { name: 'x', wav: '/nonexistent/ref.wav', transcript: '/nonexistent/t.txt', language: 'en' };
  assert.throws(() => cachedVoice(src, { cacheDir: tempDir() }), (e: unknown) => e instanceof UserError && e.file === src.wav);
});
