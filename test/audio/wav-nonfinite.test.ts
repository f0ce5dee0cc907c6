import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWav, encodeWav } from '../../src/audio/wav.js';
import { UserError } from '../../src/errors.js';

/** A float WAV (32 or 64-bit, `channels` interleaved) holding `values`, written byte by byte. */
function floatWav(values: number[], bits: 32 | 64, channels = 1, rate = 16000): Uint8Array {
  const bytesPer = bits / 8;
  const data = values.length * bytesPer;
  const b = new Uint8Array(44 + data);
  const v = new DataView(b.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (b[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, b.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 3, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * bytesPer * channels, true);
  v.setUint16(32, bytesPer * channels, true);
  v.setUint16(34, bits, true);
  ascii(36, 'data');
  v.setUint32(40, data, true);
  values.forEach((x, i) => (bits === 32 ? v.setFloat32(44 + 4 * i, x, true) : v.setFloat64(44 + 8 * i, x, true)));
  return b;
}

test('float WAVs with NaN, infinities or float64 values beyond float32 range are a UserError naming the file and the time', () => {
  const good = Array.from({ length: 1600 }, (_, i) => 0.5 * Math.sin(i / 10));
  const cases: Array<{ name: string; bytes: Uint8Array; time: string }> = [];
  for (const [bad, at] of [
    [NaN, 800],
    [Infinity, 1599],
    [-Infinity, 0],
  ] as const) {
    const x = good.slice();
    x[at] = bad;
    cases.push({ name: `f32-${bad}.wav`, bytes: floatWav(x, 32), time: (at / 16000).toFixed(3) });
    cases.push({ name: `f64-${bad}.wav`, bytes: floatWav(x, 64), time: (at / 16000).toFixed(3) });
  }
  const huge = good.slice();
  huge[160] = 1e300; // finite as float64, infinite as float32
  cases.push({ name: 'f64-huge.wav', bytes: floatWav(huge, 64), time: '0.010' });
  // Stereo: only the right channel of frame 400 is bad.
  const st: number[] = [];
  for (const g of good) st.push(g, g);
  st[2 * 400 + 1] = NaN;
  cases.push({ name: 'stereo.wav', bytes: floatWav(st, 32, 2), time: '0.025' });

  for (const c of cases) {
    assert.throws(
      () => decodeWav(c.bytes, c.name),
      (e: unknown) => {
        assert.ok(e instanceof UserError, `${c.name}: ${String(e)}`);
        const line = e.describe();
        assert.ok(line.startsWith(`${c.name}: `), line);
        assert.match(line, /non-finite sample/);
        assert.ok(line.includes(`${c.time} s`), `${c.name}: ${line}`);
        assert.ok(!line.includes('\n'));
        return true;
      },
    );
  }
});

test('float WAVs with large but finite samples (beyond +-1) decode unchanged', () => {
  const x = [0, 1.5, -3, 100, -0.25];
  const a = decodeWav(floatWav(x, 32), 'loud.wav');
  assert.deepEqual(Array.from(a.samples), x);
  // And the 16-bit encoder clips them: the re-encoded file decodes within [-1, 1].
  const back = decodeWav(encodeWav(a), 'clipped.wav');
  assert.deepEqual(Array.from(back.samples), [0, 32767 / 32768, -1, 32767 / 32768, -0.25]);
});
