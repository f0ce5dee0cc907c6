/** 16-bit PCM mono WAV bytes from float samples (for exporting what the page rendered itself). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const n = samples.length;
  const buf = new ArrayBuffer(44 + n * 2);
  const v = new DataView(buf);
  const ascii = (off: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(off + i, s.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    const x = Math.max(-1, Math.min(1, samples[i]));
    v.setInt16(44 + i * 2, Math.round(x * 32767), true);
  }
  return new Uint8Array(buf);
}

/** Samples of a PCM WAV (16/24-bit integer or 32-bit float, first channel) as the server sends it. */
export function decodeWavBytes(bytes: ArrayBuffer): { samples: Float32Array; sampleRate: number } {
  const v = new DataView(bytes);
  const tag = (o: number) => String.fromCharCode(v.getUint8(o), v.getUint8(o + 1), v.getUint8(o + 2), v.getUint8(o + 3));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let off = 12;
  let fmt = 1;
  let channels = 1;
  let rate = 0;
  let bits = 16;
  while (off + 8 <= bytes.byteLength) {
    const id = tag(off);
    const size = v.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      fmt = v.getUint16(body, true);
      channels = v.getUint16(body + 2, true);
      rate = v.getUint32(body + 4, true);
      bits = v.getUint16(body + 14, true);
      if (fmt === 0xfffe) fmt = v.getUint16(body + 24, true);
    } else if (id === 'data') {
      const bps = bits / 8;
      const n = Math.floor(Math.min(size, bytes.byteLength - body) / (bps * channels));
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const o = body + i * bps * channels;
        if (fmt === 3) out[i] = v.getFloat32(o, true);
        else if (bits === 16) out[i] = v.getInt16(o, true) / 32768;
        else if (bits === 24) out[i] = ((v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608);
        else throw new Error(`unsupported WAV sample format (${bits} bits)`);
      }
      return { samples: out, sampleRate: rate };
    }
    off = body + size + (size & 1);
  }
  throw new Error('WAV file without data');
}
