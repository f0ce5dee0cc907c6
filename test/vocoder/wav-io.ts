/**
 * Minimal mono WAV reading/writing for the vocoder's end-to-end tests, used until src/audio/wav.ts (another helper's
 * module) is in the tree: reads 16-bit PCM, writes 32-bit float (which Praat reads).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Audio } from '../../src/audio/types.js';

export function readPcm16Wav(path: string): Audio {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let off = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      channels = b.readUInt16LE(body + 2);
      sampleRate = b.readUInt32LE(body + 4);
      bits = b.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16) throw new Error(`${path}: expected mono 16-bit PCM`);
      const n = Math.floor(Math.min(size, b.length - body) / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = b.readInt16LE(body + 2 * i) / 32768;
      return { sampleRate, samples };
    }
    off = body + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

export function writeFloatWav(path: string, audio: Audio): void {
  const n = audio.samples.length;
  const b = Buffer.alloc(44 + 4 * n);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + 4 * n, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(3, 20); // IEEE float
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(audio.sampleRate, 24);
  b.writeUInt32LE(audio.sampleRate * 4, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(32, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(4 * n, 40);
  for (let i = 0; i < n; i++) b.writeFloatLE(audio.samples[i], 44 + 4 * i);
  writeFileSync(path, b);
}
