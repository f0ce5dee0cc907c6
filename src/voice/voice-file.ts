/** Reading and writing .voice files in Node (the format and its codec, browser-safe, are in voice-codec.ts). */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { decodeVoice, encodeVoice } from './voice-codec.js';
import type { Voice } from './types.js';

export { crc32, decodeVoice, encodeVoice, VOICE_FILE_VERSION } from './voice-codec.js';

/** Writes the voice atomically: the file is either the whole new voice or untouched. */
export function writeVoiceFile(path: string, voice: Voice): number {
  const bytes = encodeVoice(voice);
  writeFileAtomic(path, bytes);
  return bytes.length;
}

export function readVoiceFile(path: string): Voice {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a voice file' : `cannot read: ${code ?? String(err)}`, { file: path });
  }
  return decodeVoice(bytes, path);
}
