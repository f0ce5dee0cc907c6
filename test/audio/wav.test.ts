import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, encodeWav, readWavFile, writeWavFile } from '../../src/audio/wav.js';
import { UserError } from '../../src/errors.js';
import { tempDir, voicesDir } from '../helpers/paths.js';
import { buildWav, errorDb, sine } from './wav-builder.js';

const RATE = 44100;
const N = 4410;

function audioOf(x: Float64Array, sampleRate = RATE) {
  return { sampleRate, samples: Float32Array.from(x) };
}

test('round trip through encodeWav/decodeWav at every bit depth stays within the quantisation bound', () => {
  const x = sine(N, RATE, 997, 0.9);
  const ref = Float32Array.from(x);
  // A uniform quantiser's error relative to a 0.9 sine is -(6.02 bits + 1.76) + 0.92 dB: -96.2 dB at 16 bits,
  // -145.3 dB at 24 bits. At 24 bits the Float32 input sits on a 2^-24 grid, so the error is 0 or half a step, about
  // 1.7 dB more than uniform: bounds with 1 dB (16) and 3 dB (24) of slack.
  const cases = [
    { opts: { bitDepth: 16 as const }, bound: -(6.02 * 16 + 1.76) + 0.92 + 1, maxAbs: 0.5 / 32768 },
    { opts: { bitDepth: 24 as const }, bound: -(6.02 * 24 + 1.76) + 0.92 + 3, maxAbs: 0.5 / 8388608 },
    // 32-bit int is limited by the Float32 samples themselves (24-bit mantissa): still far below -140 dB.
    { opts: { bitDepth: 32 as const, float: false }, bound: -140, maxAbs: 1e-7 },
  ];
  for (const { opts, bound, maxAbs } of cases) {
    const bytes = encodeWav({ sampleRate: RATE, samples: ref }, opts);
    const back = decodeWav(bytes, 'rt.wav');
    assert.equal(back.sampleRate, RATE);
    assert.equal(back.samples.length, N);
    const err = errorDb(ref, back.samples);
    assert.ok(err < bound, `${JSON.stringify(opts)}: error ${err.toFixed(1)} dB, want < ${bound.toFixed(1)} dB`);
    let worst = 0;
    for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(back.samples[i] - ref[i]));
    assert.ok(worst <= maxAbs * 1.0001, `${JSON.stringify(opts)}: worst sample error ${worst}`);
  }
  // 32-bit float (the default for 32) is lossless.
  const f = decodeWav(encodeWav({ sampleRate: RATE, samples: ref }, { bitDepth: 32 }), 'f.wav');
  assert.deepEqual(f.samples, ref);
  // 16-bit decode -> encode is lossless (symmetric scaling).
  const once = decodeWav(encodeWav({ sampleRate: RATE, samples: ref }), 'a.wav');
  const twice = decodeWav(encodeWav(once), 'b.wav');
  assert.deepEqual(twice.samples, once.samples);
});

test('encodeWav writes a canonical 44-byte header and clips to [-1, 1]', () => {
  const bytes = encodeWav({ sampleRate: 22050, samples: Float32Array.from([2, -2, 1, -1, 0, NaN]) });
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  assert.equal(String.fromCharCode(...bytes.subarray(0, 4)), 'RIFF');
  assert.equal(v.getUint32(4, true), bytes.length - 8);
  assert.equal(v.getUint16(20, true), 1); // PCM
  assert.equal(v.getUint32(24, true), 22050);
  assert.equal(v.getUint16(34, true), 16);
  assert.equal(v.getUint32(40, true), 12);
  const s = [0, 1, 2, 3, 4, 5].map((i) => v.getInt16(44 + 2 * i, true));
  assert.deepEqual(s, [32767, -32768, 32767, -32768, 0, 0]);
});

test('decodes every supported sample format to the same signal', () => {
  const x = sine(2000, 48000, 440, 0.7);
  const formats: { bits: 8 | 16 | 24 | 32 | 64; float?: boolean; bound: number }[] = [
    { bits: 8, bound: -40 },
    { bits: 16, bound: -90 },
    { bits: 24, bound: -135 },
    { bits: 32, bound: -135 },
    { bits: 32, float: true, bound: -140 },
    { bits: 64, float: true, bound: -140 },
  ];
  for (const fmt of formats) {
    for (const extensible of [false, true]) {
      const bytes = buildWav({ sampleRate: 48000, channels: [x], bits: fmt.bits, float: fmt.float, extensible });
      const a = decodeWav(bytes, 'x.wav');
      assert.equal(a.sampleRate, 48000);
      assert.equal(a.samples.length, 2000);
      const err = errorDb(x, a.samples);
      assert.ok(err < fmt.bound, `${fmt.bits}-bit ${fmt.float ? 'float' : 'int'} ext=${extensible}: ${err.toFixed(1)} dB`);
    }
  }
  // The same bytes at an odd memory offset (no aligned typed view possible) decode identically.
  const aligned = buildWav({ sampleRate: 48000, channels: [x], bits: 16 });
  const shifted = new Uint8Array(aligned.length + 1);
  shifted.set(aligned, 1);
  assert.deepEqual(decodeWav(shifted.subarray(1)).samples, decodeWav(aligned).samples);
  // Exact code points: 8-bit is unsigned with 128 = 0.
  const eight = buildWav({ sampleRate: 8000, channels: [Float64Array.from([-1, 0, 0.5])], bits: 8 });
  assert.deepEqual(Array.from(decodeWav(eight).samples), [-1, 0, 0.5]);
});

test('stereo and multichannel are averaged to mono', () => {
  const l = sine(1000, 16000, 300, 0.6);
  const r = sine(1000, 16000, 300, 0.6, Math.PI); // opposite phase: cancels
  const c = Float64Array.from({ length: 1000 }, () => 0.3);
  const st = decodeWav(buildWav({ sampleRate: 16000, channels: [l, r], bits: 16 }), 's.wav');
  assert.ok(Math.max(...st.samples.map(Math.abs)) < 2 / 32768, 'opposite channels cancel');
  const three = decodeWav(buildWav({ sampleRate: 16000, channels: [l, l, c], bits: 24, extensible: true }), '3.wav');
  const want = Float64Array.from(l, (v, i) => (2 * v + c[i]) / 3);
  assert.ok(errorDb(want, three.samples) < -130);
  const six = Array.from({ length: 6 }, (_, k) => Float64Array.from({ length: 50 }, () => (k - 2.5) / 10));
  const a6 = decodeWav(buildWav({ sampleRate: 16000, channels: six, bits: 32, float: true }), '6.wav');
  for (const v of a6.samples) assert.ok(Math.abs(v) < 1e-7);
});

test('odd rates, unknown and odd-sized chunks before the data', () => {
  for (const rate of [1000, 7350, 11025, 44101, 96000, 768000]) {
    const x = sine(777, rate, rate / 20, 0.5);
    const bytes = buildWav({
      sampleRate: rate,
      channels: [x],
      bits: 16,
      extraChunks: [
        ['LIST', new TextEncoder().encode('INFOx')], // 5 bytes: padded to 6
        ['junk', new Uint8Array(3)],
      ],
    });
    const a = decodeWav(bytes, 'odd.wav');
    assert.equal(a.sampleRate, rate);
    assert.equal(a.samples.length, 777);
    assert.ok(errorDb(x, a.samples) < -90);
  }
  // An odd-length 8-bit mono data chunk followed by a trailing chunk (pad byte in between).
  const x = Float64Array.from([0.5, -0.5, 0.25]);
  const bytes = buildWav({ sampleRate: 8000, channels: [x], bits: 8 });
  const tail = new Uint8Array([0, 0x6c, 0x69, 0x73, 0x74, 0, 0, 0, 0]); // pad + empty "list" chunk
  const joined = new Uint8Array(bytes.length + tail.length);
  joined.set(bytes);
  joined.set(tail, bytes.length);
  assert.deepEqual(Array.from(decodeWav(joined).samples), [0.5, -0.5, 0.25]);
});

test('a fmt chunk after the data chunk is still found', () => {
  const x = Float64Array.from([0.5, -0.25, 0.125, 0]);
  const normal = buildWav({ sampleRate: 8000, channels: [x], bits: 16 });
  // Swap the two chunks: RIFF header, then data (8 + 8 bytes), then fmt (8 + 16 bytes).
  const fmt = normal.subarray(12, 36);
  const data = normal.subarray(36);
  const swapped = new Uint8Array(normal.length);
  swapped.set(normal.subarray(0, 12));
  swapped.set(data, 12);
  swapped.set(fmt, 12 + data.length);
  const a = decodeWav(swapped, 'swapped.wav');
  assert.equal(a.sampleRate, 8000);
  assert.deepEqual(Array.from(a.samples), [0.5, -0.25, 0.125, 0]);
});

test('reads the shared reference recordings', () => {
  for (const name of ['slt', 'kal']) {
    const dir = join(voicesDir, name);
    const wav = readdirSync(dir).find((f) => f.endsWith('.wav'));
    assert.ok(wav, `a WAV in ${dir}`);
    const a = readWavFile(join(dir, wav));
    assert.equal(a.sampleRate, name === 'slt' ? 32000 : 16000);
    const seconds = a.samples.length / a.sampleRate;
    assert.ok(seconds > 30 && seconds < 90, `${name}: ${seconds.toFixed(1)} s`);
    let peak = 0;
    for (const v of a.samples) peak = Math.max(peak, Math.abs(v));
    assert.ok(peak > 0.05 && peak <= 1, `${name}: peak ${peak}`);
  }
});

function expectUserError(fn: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    assert.equal(err.file, file);
    assert.match(err.message, pattern);
    assert.ok(!err.describe().includes('\n'), 'one line');
    return true;
  });
}

test('each kind of bad input is a UserError naming the file and the problem', () => {
  const x = sine(100, 16000, 100);
  const good = buildWav({ sampleRate: 16000, channels: [x], bits: 16 });
  const cases: [string, Uint8Array, RegExp][] = [
    ['zero-bytes.wav', new Uint8Array(0), /empty/],
    ['text.wav', new TextEncoder().encode('hello, this is not audio at all'), /not a WAV/],
    ['aiff.wav', Uint8Array.from([...new TextEncoder().encode('FORM'), 0, 0, 0, 4, ...new TextEncoder().encode('AIFF')]), /not a WAV/],
    ['truncated.wav', good.subarray(0, good.length - 51), /truncated: .*data chunk says 200 bytes.* 149/],
    ['empty.wav', buildWav({ sampleRate: 16000, channels: [new Float64Array(0)], bits: 16 }), /empty/],
    ['zero-ch.wav', buildWav({ sampleRate: 16000, channels: [x], bits: 16, fmtChannels: 0 }), /0 channels/],
    ['slow.wav', buildWav({ sampleRate: 999, channels: [x], bits: 16 }), /sample rate 999 Hz/],
    ['fast.wav', buildWav({ sampleRate: 768001, channels: [x], bits: 16 }), /sample rate 768001 Hz/],
    ['rate0.wav', buildWav({ sampleRate: 0, channels: [x], bits: 16 }), /sample rate 0 Hz/],
    ['float16.wav', buildWav({ sampleRate: 16000, channels: [x], bits: 16, float: true }), /unsupported .*format code 3, 16 bits/],
    ['pcm64.wav', buildWav({ sampleRate: 16000, channels: [x], bits: 64 }), /unsupported .*format code 1, 64 bits/],
    ['nofmt.wav', buildWav({ sampleRate: 16000, channels: [x], bits: 16, noFmt: true }), /no fmt chunk/],
    ['nodata.wav', buildWav({ sampleRate: 16000, channels: [x], bits: 16, noData: true }), /no data chunk/],
    ['header-only.wav', good.subarray(0, 12), /no fmt chunk/],
    ['cut-fmt.wav', good.subarray(0, 24), /truncated/],
  ];
  const nan = Float64Array.from({ length: 100 }, (_, i) => (i === 50 ? NaN : 0.1));
  cases.push(['nan.wav', buildWav({ sampleRate: 1000, channels: [nan], bits: 32, float: true }), /non-finite sample \(NaN\) at 0\.050 s/]);
  const inf = Float64Array.from({ length: 100 }, (_, i) => (i === 20 ? Infinity : 0.1));
  cases.push(['inf.wav', buildWav({ sampleRate: 1000, channels: [inf], bits: 64, float: true }), /non-finite sample/]);
  const rf64 = good.slice();
  rf64.set([0x52, 0x46, 0x36, 0x34], 0);
  cases.push(['big.wav', rf64, /unsupported WAV variant RF64/]);
  // Unsupported codes such as A-law (6) name the code.
  const alaw = buildWav({ sampleRate: 8000, channels: [x], bits: 8 });
  new DataView(alaw.buffer).setUint16(20, 6, true);
  cases.push(['alaw.wav', alaw, /unsupported .*format code 6/]);
  for (const [file, bytes, pattern] of cases) expectUserError(() => decodeWav(bytes, file), file, pattern);
});

test('readWavFile names a missing file or a directory; writeWavFile never leaves a partial file', () => {
  const dir = tempDir();
  expectUserError(() => readWavFile(join(dir, 'nope.wav')), join(dir, 'nope.wav'), /no such file/);
  expectUserError(() => readWavFile(dir), dir, /directory/);
  const bad = join(dir, 'bad.wav');
  writeFileSync(bad, 'RIFF....WAVEjunk');
  expectUserError(() => readWavFile(bad), bad, /no fmt chunk|truncated/);

  const out = join(dir, 'out.wav');
  const a = audioOf(sine(1600, 16000, 200));
  writeWavFile(out, a, { bitDepth: 24 });
  const back = readWavFile(out);
  assert.ok(errorDb(a.samples, back.samples) < -135);
  assert.equal(readFileSync(out).length, 44 + 1600 * 3);
  // Writing into a missing directory fails and leaves nothing behind.
  const missing = join(dir, 'no-such-dir', 'x.wav');
  assert.throws(() => writeWavFile(missing, a));
  assert.equal(existsSync(missing), false);
  // A failing overwrite keeps the old file intact (the target is a directory here, so the rename fails).
  const target = join(dir, 'is-a-dir.wav');
  mkdirSync(target);
  assert.throws(() => writeWavFile(target, a));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
