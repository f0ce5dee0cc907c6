/**
 * WAV (RIFF/WAVE) reading and writing. Reads PCM 8/16/24/32-bit, IEEE float 32/64 and WAVE_FORMAT_EXTENSIBLE,
 * any channel count (downmixed to mono by averaging) and any sensible rate; writes mono PCM 16/24/32-bit or float 32.
 * Every problem with a file is a UserError that names the file and says what is wrong.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Audio } from './types.js';

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768000;

function fourCC(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

/** Decodes a WAV file's bytes into mono audio. `file` names the file in error messages. */
export function decodeWav(bytes: Uint8Array, file = 'input'): Audio {
  const fail = (msg: string) => new UserError(msg, { file });
  if (bytes.length === 0) throw fail('empty file (0 bytes), not a WAV file');
  const magic = bytes.length >= 4 ? fourCC(bytes, 0) : '';
  if ((magic === 'RF64' || magic === 'BW64' || magic === 'RIFX') && bytes.length >= 12 && fourCC(bytes, 8) === 'WAVE') {
    throw fail(`unsupported WAV variant ${magic} (${magic === 'RIFX' ? 'big-endian' : 'over 4 GB'}); convert it to a plain RIFF WAV`);
  }
  if (bytes.length < 12 || magic !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') {
    throw fail('not a WAV file (no RIFF/WAVE header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: { format: number; channels: number; rate: number; bits: number; blockAlign: number } | undefined;
  let dataStart = -1;
  let dataSize = 0;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourCC(bytes, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw fail('truncated: the fmt chunk is incomplete');
      let format = view.getUint16(body, true);
      const bits = view.getUint16(body + 14, true);
      if (format === FORMAT_EXTENSIBLE) {
        if (size < 40 || body + 26 > bytes.length) throw fail('malformed WAVE_FORMAT_EXTENSIBLE fmt chunk');
        format = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
      }
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits,
        blockAlign: view.getUint16(body + 12, true),
      };
    } else if (id === 'data') {
      dataStart = body;
      dataSize = size;
      if (body + size > bytes.length) {
        throw fail(`truncated: the data chunk says ${size} bytes, the file holds ${bytes.length - body}`);
      }
      if (fmt) break; // a fmt chunk after the data (rare, but legal) is still found below
    }
    pos = body + size + (size & 1);
  }
  if (!fmt) throw fail('malformed WAV: no fmt chunk');
  if (dataStart < 0) throw fail('malformed WAV: no data chunk');
  const { format, channels, rate, bits } = fmt;
  if (channels === 0) throw fail('the fmt chunk says 0 channels');
  if (!(rate >= MIN_SAMPLE_RATE && rate <= MAX_SAMPLE_RATE)) {
    throw fail(`absurd sample rate ${rate} Hz (expected ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE})`);
  }
  const okPcm = format === FORMAT_PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32);
  const okFloat = format === FORMAT_FLOAT && (bits === 32 || bits === 64);
  if (!okPcm && !okFloat) {
    throw fail(`unsupported sample format (format code ${format}, ${bits} bits); use PCM 8/16/24/32 or float 32/64`);
  }
  const bytesPer = bits / 8;
  const frameBytes = bytesPer * channels;
  const frames = Math.floor(dataSize / frameBytes);
  if (frames === 0) throw fail('empty: the data chunk holds no samples');

  const out = new Float32Array(frames);
  // Fast path for the commonest file, mono 16-bit PCM: a typed view when the data is aligned on a little-endian host.
  if (format === FORMAT_PCM && bits === 16 && channels === 1 && LITTLE_ENDIAN && (bytes.byteOffset + dataStart) % 2 === 0) {
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset + dataStart, frames);
    for (let i = 0; i < frames; i++) out[i] = pcm[i] / 32768;
    return { sampleRate: rate, samples: out };
  }
  const inv = 1 / channels;
  let p = dataStart;
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++, p += bytesPer) {
      let v: number;
      if (format === FORMAT_FLOAT) v = bits === 32 ? view.getFloat32(p, true) : view.getFloat64(p, true);
      else if (bits === 16) v = view.getInt16(p, true) / 32768;
      else if (bits === 24) {
        const x = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16);
        v = ((x << 8) >> 8) / 8388608;
      } else if (bits === 32) v = view.getInt32(p, true) / 2147483648;
      else v = (bytes[p] - 128) / 128;
      acc += v;
    }
    out[i] = channels === 1 ? acc : acc * inv;
  }
  if (format === FORMAT_FLOAT) {
    // Float files can hold NaN or infinities (or float64 values beyond float32 range); downstream analysis would
    // silently turn them into garbage (an all-unvoiced F0 track), so they are a bad file. Any bad channel shows here.
    for (let i = 0; i < frames; i++) {
      const v = out[i];
      if (v !== v || v === Infinity || v === -Infinity) {
        throw fail(`non-finite sample (${v}) at ${(i / rate).toFixed(3)} s (frame ${i})`);
      }
    }
  }
  return { sampleRate: rate, samples: out };
}

/** Reads a WAV file into mono audio; errors name the file. */
export function readWavFile(path: string): Audio {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a WAV file' : `cannot read (${code ?? String(err)})`;
    throw new UserError(why, { file: path });
  }
  return decodeWav(bytes, path);
}

export interface WavEncodeOptions {
  /** 16 or 24-bit integer PCM, or 32 (float when `float` is true or by default for 32). */
  bitDepth?: 16 | 24 | 32;
  float?: boolean;
}

/** Encodes mono audio as a WAV file (default 16-bit PCM). Samples are clipped to [-1, 1]. */
export function encodeWav(audio: Audio, opts: WavEncodeOptions = {}): Uint8Array {
  const bits = opts.bitDepth ?? 16;
  const isFloat = bits === 32 && opts.float !== false;
  const rate = Math.round(audio.sampleRate);
  if (!(rate >= MIN_SAMPLE_RATE && rate <= MAX_SAMPLE_RATE)) throw new Error(`cannot write a WAV at ${rate} Hz`);
  const n = audio.samples.length;
  const bytesPer = bits / 8;
  const dataSize = n * bytesPer;
  const buf = new Uint8Array(44 + dataSize + (dataSize & 1));
  const view = new DataView(buf.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) buf[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, buf.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * bytesPer, true);
  view.setUint16(32, bytesPer, true);
  view.setUint16(34, bits, true);
  ascii(36, 'data');
  view.setUint32(40, dataSize, true);
  const s = audio.samples;
  if (bits === 16 && LITTLE_ENDIAN) {
    const pcm = new Int16Array(buf.buffer, 44, n);
    for (let i = 0; i < n; i++) {
      const v = Math.round(s[i] * 32768); // NaN stays NaN and is stored as 0
      pcm[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    return buf;
  }
  let p = 44;
  for (let i = 0; i < n; i++, p += bytesPer) {
    let v = s[i];
    v = v > 1 ? 1 : v < -1 ? -1 : v !== v ? 0 : v;
    // Integer scaling matches the decoder (2^(bits-1)), so decode -> encode is lossless; +1.0 clips to the top code.
    if (isFloat) view.setFloat32(p, v, true);
    else if (bits === 16) view.setInt16(p, Math.min(32767, Math.round(v * 32768)), true);
    else if (bits === 24) {
      const x = Math.min(8388607, Math.round(v * 8388608));
      buf[p] = x & 0xff;
      buf[p + 1] = (x >> 8) & 0xff;
      buf[p + 2] = (x >> 16) & 0xff;
    } else view.setInt32(p, Math.min(2147483647, Math.round(v * 2147483648)), true);
  }
  return buf;
}

/** Writes mono audio to a WAV file atomically (a failure never leaves a partial file). */
export function writeWavFile(path: string, audio: Audio, opts: WavEncodeOptions = {}): void {
  writeFileAtomic(path, encodeWav(audio, opts));
}
