/**
 * Builds WAV files byte by byte for tests, independently of src/audio/wav.ts: any format code, bit depth and channel
 * count, optional WAVE_FORMAT_EXTENSIBLE, extra chunks before the data, and deliberate damage (wrong sizes, a cut tail).
 */
export interface BuildWavOptions {
  sampleRate: number;
  /** Interleaved frames: channels[c][i] is sample i of channel c, nominally in [-1, 1]. */
  channels: Float64Array[];
  bits: 8 | 16 | 24 | 32 | 64;
  float?: boolean;
  extensible?: boolean;
  /** Chunks written between fmt and data, e.g. [['LIST', 5 bytes]] (odd sizes get a pad byte). */
  extraChunks?: [string, Uint8Array][];
  /** Overrides the channel count written in fmt (e.g. 0). */
  fmtChannels?: number;
  /** Overrides the data chunk size written in its header. */
  dataSizeField?: number;
  /** Leaves out the fmt chunk. */
  noFmt?: boolean;
  /** Leaves out the data chunk. */
  noData?: boolean;
}

function chunk(id: string, body: Uint8Array, sizeField = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, sizeField, true);
  out.set(body, 8);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function buildWav(o: BuildWavOptions): Uint8Array {
  const nch = o.channels.length;
  const frames = nch ? o.channels[0].length : 0;
  const bytesPer = o.bits / 8;
  const formatCode = o.float ? 3 : 1;
  const fmt = new Uint8Array(o.extensible ? 40 : 16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, o.extensible ? 0xfffe : formatCode, true);
  f.setUint16(2, o.fmtChannels ?? nch, true);
  f.setUint32(4, o.sampleRate, true);
  f.setUint32(8, o.sampleRate * bytesPer * nch, true);
  f.setUint16(12, bytesPer * nch, true);
  f.setUint16(14, o.bits, true);
  if (o.extensible) {
    f.setUint16(16, 22, true); // cbSize
    f.setUint16(18, o.bits, true); // valid bits
    f.setUint32(20, nch === 2 ? 3 : 4, true); // channel mask
    // Sub-format GUID: format code, then the fixed tail 00000000-0010-8000-00AA00389B71.
    f.setUint16(24, formatCode, true);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const data = new Uint8Array(frames * nch * bytesPer);
  const d = new DataView(data.buffer);
  let p = 0;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++, p += bytesPer) {
      const raw = o.channels[c][i];
      const v = o.float ? raw : Math.max(-1, Math.min(1, raw)); // float files may hold anything, NaN included
      if (o.float && o.bits === 32) d.setFloat32(p, v, true);
      else if (o.float && o.bits === 64) d.setFloat64(p, v, true);
      else if (o.float) data.fill(0, p, p + bytesPer); // a bit depth no float format has: the bytes do not matter
      else if (o.bits === 8) data[p] = Math.min(255, Math.round(v * 128) + 128);
      else if (o.bits === 16) d.setInt16(p, Math.min(32767, Math.round(v * 32768)), true);
      else if (o.bits === 24) {
        const x = Math.min(8388607, Math.round(v * 8388608));
        data[p] = x & 0xff;
        data[p + 1] = (x >> 8) & 0xff;
        data[p + 2] = (x >> 16) & 0xff;
      } else d.setInt32(p, Math.min(2147483647, Math.round(v * 2147483648)), true);
    }
  }
  const parts: Uint8Array[] = [];
  if (!o.noFmt) parts.push(chunk('fmt ', fmt));
  for (const [id, body] of o.extraChunks ?? []) parts.push(chunk(id, body));
  if (!o.noData) parts.push(chunk('data', data, o.dataSizeField ?? data.length));
  const body = concat(parts);
  const head = new Uint8Array(12);
  head.set([0x52, 0x49, 0x46, 0x46], 0); // RIFF
  new DataView(head.buffer).setUint32(4, 4 + body.length, true);
  head.set([0x57, 0x41, 0x56, 0x45], 8); // WAVE
  return concat([head, body]);
}

/** A sine of `freq` Hz, amplitude `amp`, `n` samples at `rate`. */
export function sine(n: number, rate: number, freq: number, amp = 0.5, phase = 0): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return x;
}

/** Error energy relative to the reference's energy, in dB (lower is better). */
export function errorDb(ref: ArrayLike<number>, got: ArrayLike<number>): number {
  let e = 0;
  let s = 0;
  for (let i = 0; i < ref.length; i++) {
    e += (got[i] - ref[i]) ** 2;
    s += ref[i] ** 2;
  }
  return e === 0 ? -Infinity : 10 * Math.log10(e / s);
}
