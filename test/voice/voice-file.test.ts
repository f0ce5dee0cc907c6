import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Voice } from '../../src/voice/types.js';
import { decodeVoice, encodeVoice, readVoiceFile, writeVoiceFile } from '../../src/voice/voice-file.js';
import { tempDir } from '../helpers/paths.js';
import { expectUserError } from '../helpers/assertions.js';

/** A small voice with pseudo-random frames (including subnormals, -0 and extreme values) to test the container. */
function sampleVoice(frames = 300, order = 40, bands = 3): Voice {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const f0 = Float32Array.from({ length: frames }, (_, i) => (i % 7 === 0 ? 0 : 100 + 50 * rnd()));
  const mcep = Float32Array.from({ length: frames * (order + 1) }, () => rnd() * 3);
  mcep[0] = -0;
  mcep[1] = 1e-40;
  mcep[2] = 3.4e38;
  const ap = Float32Array.from({ length: frames * bands }, () => -30 * Math.abs(rnd()));
  return {
    format: 'cantor-voice',
    version: 1,
    name: 'tester ü 声',
    language: 'en',
    sampleRate: 16000,
    framePeriod: 0.005,
    fftSize: 1024,
    mcepOrder: order,
    alpha: 0.41,
    apBands: bands,
    frameCount: frames,
    frames: { f0, mcep, ap },
    units: [
      { phoneme: 'AH', cls: 'vowel', voiced: true, left: 'pau', right: 'S', wordIndex: 0, stress: 1, start: 0.1, end: 0.2, frameStart: 20, frameCount: 20, f0: 120.5, energy: -40 },
      { phoneme: 'S', cls: 'fricative', voiced: false, left: 'AH', right: 'pau', wordIndex: 0, start: 0.2, end: 0.3, frameStart: 40, frameCount: 20, f0: 0, energy: -60 },
    ],
    stats: {
      f0Median: 120, f0P5: 90, f0P95: 160, consonantDurations: { S: 0.1 }, phonemeCounts: { AH: 1, S: 1 },
      meanMcepByClass: { vowel: [1, 2, 3] }, spectralTilt: -10, breathiness: -30,
    },
    provenance: { file: 'x.wav', duration: 1.5, transcript: 'us', sha256: '00', createdAt: '2026-01-01T00:00:00Z', tool: 'test' },
    substitutes: { Z: 'S' },
  };
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

test('encode/decode round trip is bit-identical and the layout is aligned', () => {
  const v = sampleVoice();
  const bytes = encodeVoice(v);
  assert.equal(String.fromCharCode(...bytes.subarray(0, 8)), 'CANTORVF');
  const headerLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  assert.equal((20 + headerLen) % 4, 0);
  const body = 4 * (300 + 300 * 41 + 300 * 3);
  assert.equal(bytes.length, 20 + headerLen + body);
  const back = decodeVoice(bytes, 'x.voice');
  assert.ok(sameBits(back.frames.f0, v.frames.f0));
  assert.ok(sameBits(back.frames.mcep, v.frames.mcep));
  assert.ok(sameBits(back.frames.ap, v.frames.ap));
  assert.equal(Object.is(back.frames.mcep[0], -0), true);
  const { frames: _a, ...restA } = back;
  const { frames: _b, ...restB } = v;
  assert.deepEqual(restA, restB);
  // Decoding from an unaligned view of a larger buffer works too.
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  assert.ok(sameBits(decodeVoice(shifted.subarray(3), 'y.voice').frames.mcep, v.frames.mcep));
});

test('truncated, corrupted and foreign files are UserErrors naming the file', () => {
  const bytes = encodeVoice(sampleVoice());
  const headerLen = new DataView(bytes.buffer).getUint32(12, true);
  for (const cut of [0, 7, 19, 20 + (headerLen >> 1), 20 + headerLen, bytes.length - 1]) {
    expectUserError(() => decodeVoice(bytes.slice(0, cut), 'cut.voice'), 'cut.voice', /only|truncated|magic/);
  }
  const flipped = bytes.slice();
  flipped[bytes.length - 100] ^= 0x10;
  expectUserError(() => decodeVoice(flipped, 'flip.voice'), 'flip.voice', /checksum/);
  const extra = new Uint8Array(bytes.length + 4);
  extra.set(bytes);
  expectUserError(() => decodeVoice(extra, 'extra.voice'), 'extra.voice', /unexpected bytes/);
  expectUserError(() => decodeVoice(new TextEncoder().encode('RIFF....WAVEfmt hello world'), 'a.wav'), 'a.wav', /magic/);
  const future = bytes.slice();
  new DataView(future.buffer).setUint32(8, 7, true);
  expectUserError(() => decodeVoice(future, 'new.voice'), 'new.voice', /version 7 is not supported/);
  // A header that is JSON but not a voice.
  const v = sampleVoice();
  const bad = encodeVoice({ ...v, units: [{ ...v.units[0]!, frameStart: 290, frameCount: 20 }] });
  expectUserError(() => decodeVoice(bad, 'units.voice'), 'units.voice', /past the last frame/);
  const badCls = encodeVoice({ ...v, units: [{ ...v.units[0]!, cls: 'click' as never }] });
  expectUserError(() => decodeVoice(badCls, 'cls.voice'), 'cls.voice', /units\.0\.cls/);
});

test('writeVoiceFile writes atomically and readVoiceFile names missing files', () => {
  const dir = tempDir();
  const path = join(dir, 'a.voice');
  const v = sampleVoice();
  const size = writeVoiceFile(path, v);
  console.log(`sample voice (300 frames, order 40): ${size} bytes`);
  assert.deepEqual(readdirSync(dir), ['a.voice']);
  assert.ok(sameBits(readVoiceFile(path).frames.mcep, v.frames.mcep));
  expectUserError(() => readVoiceFile(join(dir, 'none.voice')), join(dir, 'none.voice'), /no such file/);
  expectUserError(() => readVoiceFile(dir), dir, /directory/);
  writeFileSync(join(dir, 'empty.voice'), new Uint8Array(0));
  expectUserError(() => readVoiceFile(join(dir, 'empty.voice')), join(dir, 'empty.voice'), /only 0 bytes/);
  // A failed write (bad voice with a non-serialisable field) leaves no file behind.
  const path2 = join(dir, 'b.voice');
  assert.throws(() => writeVoiceFile(path2, { ...v, stats: { ...v.stats, f0Median: 10n as never } }));
  assert.equal(existsSync(path2), false);
});
