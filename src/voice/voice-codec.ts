/**
 * The .voice file format: a versioned binary container; encode/decode use Uint8Array/DataView only (browser-safe).
 *
 *   bytes 0..7    magic "CANTORVF"
 *   bytes 8..11   container version (uint32 little-endian), currently 1
 *   bytes 12..15  header length H in bytes (uint32 LE)
 *   bytes 16..19  CRC-32 (IEEE) of everything from byte 20 to the end
 *   bytes 20..    UTF-8 JSON header: the Voice without its frame arrays, plus the arrays' lengths; padded with spaces
 *                 so that the body starts 4-byte aligned
 *   body          Float32 little-endian: frames.f0, then frames.mcep, then frames.ap
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Voice } from './types.js';

const MAGIC = 'CANTORVF';
export const VOICE_FILE_VERSION = 1;
const PREFIX = 20;

let crcTable: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const littleEndianHost = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function writeFloats(dst: Uint8Array, offset: number, src: Float32Array): number {
  if (littleEndianHost) {
    dst.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), offset);
  } else {
    const dv = new DataView(dst.buffer, dst.byteOffset);
    for (let i = 0; i < src.length; i++) dv.setFloat32(offset + 4 * i, src[i]!, true);
  }
  return offset + src.byteLength;
}

function readFloats(src: Uint8Array, offset: number, n: number): Float32Array {
  const out = new Float32Array(n);
  if (littleEndianHost) new Uint8Array(out.buffer).set(src.subarray(offset, offset + 4 * n));
  else {
    const dv = new DataView(src.buffer, src.byteOffset);
    for (let i = 0; i < n; i++) out[i] = dv.getFloat32(offset + 4 * i, true);
  }
  return out;
}

export function encodeVoice(voice: Voice): Uint8Array {
  const { frames, ...rest } = voice;
  const header = { ...rest, body: { f0: frames.f0.length, mcep: frames.mcep.length, ap: frames.ap.length } };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((PREFIX + json.length) % 4)) % 4;
  if (pad) {
    const padded = new Uint8Array(json.length + pad).fill(0x20);
    padded.set(json);
    json = padded;
  }
  const bodyBytes = 4 * (frames.f0.length + frames.mcep.length + frames.ap.length);
  const out = new Uint8Array(PREFIX + json.length + bodyBytes);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, VOICE_FILE_VERSION, true);
  dv.setUint32(12, json.length, true);
  out.set(json, PREFIX);
  let off = PREFIX + json.length;
  off = writeFloats(out, off, frames.f0);
  off = writeFloats(out, off, frames.mcep);
  writeFloats(out, off, frames.ap);
  dv.setUint32(16, crc32(out, PREFIX), true);
  return out;
}

const classSchema = z.enum(['vowel', 'nasal', 'liquid', 'glide', 'plosive', 'fricative', 'affricate', 'silence']);
const count = z.number().int().nonnegative();
const finite = z.number().finite();
const headerSchema = z.object({
  format: z.literal('cantor-voice'),
  version: z.literal(1),
  name: z.string(),
  language: z.string().min(1),
  sampleRate: z.number().positive(),
  framePeriod: z.number().positive(),
  fftSize: z.number().int().positive(),
  mcepOrder: count,
  alpha: finite,
  apBands: count,
  frameCount: count,
  units: z.array(
    z.object({
      phoneme: z.string(),
      cls: classSchema,
      voiced: z.boolean(),
      left: z.string(),
      right: z.string(),
      wordIndex: count.optional(),
      stress: finite.optional(),
      start: finite,
      end: finite,
      frameStart: count,
      frameCount: count,
      f0: finite,
      energy: finite,
      confidence: finite.optional(),
    }),
  ),
  stats: z.object({
    f0Median: finite,
    f0P5: finite,
    f0P95: finite,
    consonantDurations: z.record(z.string(), finite),
    vowelDurations: z.record(z.string(), finite).optional(),
    pauseDuration: finite.optional(),
    phonemeCounts: z.record(z.string(), count),
    meanMcepByClass: z.record(z.string(), z.array(finite)),
    spectralTilt: finite,
    breathiness: finite,
  }),
  provenance: z.object({
    file: z.string(),
    duration: finite,
    transcript: z.string(),
    sha256: z.string(),
    createdAt: z.string(),
    tool: z.string(),
  }),
  substitutes: z.record(z.string(), z.string()),
  body: z.object({ f0: count, mcep: count, ap: count }),
});

/** A Voice from the bytes of a .voice file; a UserError naming `file` for anything that is not a whole, valid one. */
export function decodeVoice(bytes: Uint8Array, file = 'voice'): Voice {
  const bad = (msg: string) => new UserError(`not a valid voice file: ${msg}`, { file });
  if (bytes.length < PREFIX) throw bad(`only ${bytes.length} bytes`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw bad('wrong magic bytes (expected a cantor .voice file)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(8, true);
  if (version !== VOICE_FILE_VERSION) {
    throw new UserError(`voice file version ${version} is not supported (this build reads version ${VOICE_FILE_VERSION})`, { file });
  }
  const headerLen = dv.getUint32(12, true);
  if (PREFIX + headerLen > bytes.length) throw bad(`truncated: the header needs ${headerLen} bytes, the file has ${bytes.length - PREFIX}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLen)));
  } catch {
    throw bad('the header is not valid JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(`header field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const h = parsed.data;
  const T = h.frameCount;
  if (h.body.f0 !== T || h.body.mcep !== T * (h.mcepOrder + 1) || h.body.ap !== T * h.apBands) {
    throw bad(`frame array lengths ${h.body.f0}/${h.body.mcep}/${h.body.ap} do not match ${T} frames`);
  }
  const bodyStart = PREFIX + headerLen;
  const expected = bodyStart + 4 * (h.body.f0 + h.body.mcep + h.body.ap);
  if (bytes.length < expected) throw bad(`truncated: ${bytes.length} bytes, expected ${expected}`);
  if (bytes.length > expected) throw bad(`${bytes.length - expected} unexpected bytes after the frames`);
  if (crc32(bytes, PREFIX) !== dv.getUint32(16, true)) throw bad('checksum mismatch (the file is corrupted)');
  for (const u of h.units) {
    if (u.frameStart + u.frameCount > T) throw bad(`unit '${u.phoneme}' at ${u.start.toFixed(3)} s points past the last frame`);
  }
  const f0 = readFloats(bytes, bodyStart, h.body.f0);
  const mcep = readFloats(bytes, bodyStart + 4 * h.body.f0, h.body.mcep);
  const ap = readFloats(bytes, bodyStart + 4 * (h.body.f0 + h.body.mcep), h.body.ap);
  const { body: _body, ...rest } = h;
  return { ...(rest as Omit<Voice, 'frames'>), frames: { f0, mcep, ap } };
}
