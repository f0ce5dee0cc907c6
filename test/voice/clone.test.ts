import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav, readWavFile } from '../../src/audio/wav.js';
import { readVoiceFile } from '../../src/voice/voice-file.js';
import { runCli } from '../cli/run-cli.js';
import { silenceAudio, whiteNoiseAudio } from '../helpers/signals.js';
import { tempDir, voicesDir } from '../helpers/paths.js';

const kalWav = join(voicesDir, 'kal', 'reference.wav');
const kalText = join(voicesDir, 'kal', 'transcript.txt');

test('clone writes a voice, prints progress on stderr and the report on stdout', async () => {
  const dir = tempDir();
  const out = join(dir, 'kal.voice');
  const t0 = performance.now();
  const r = await runCli(['clone', kalWav, '--text', kalText, '--lang', 'en', '--out', out], 120_000);
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(r.code, 0, r.stderr);
  console.log(`clone kal: ${seconds.toFixed(1)} s including start-up\n${r.stderr}${r.stdout}`);
  assert.match(r.stderr, /align/);
  assert.match(r.stderr, /wrote .*kal\.voice: \d+ KiB, 501 units/);
  assert.match(r.stdout, /voice "kal" \(en\)/);
  assert.match(r.stdout, /pitch: median (9\d|1[01]\d) Hz \([A-G]#?2\)/);
  assert.match(r.stdout, /missing phonemes \(1\), with stand-ins: ZH -> SH/);
  assert.deepEqual(readdirSync(dir), ['kal.voice']);
  const voice = readVoiceFile(out);
  assert.equal(voice.name, 'kal');
  assert.equal(voice.units.length, 501);
  assert.equal(voice.provenance.file, kalWav);
  // The provenance hash is the reference file's own SHA-256.
  const { createHash } = await import('node:crypto');
  assert.equal(voice.provenance.sha256, createHash('sha256').update(readFileSync(kalWav)).digest('hex'));
});

test('a failed clone exits 2 with one line naming the file and leaves no output (an old file stays as it was)', async () => {
  const dir = tempDir();
  const wav = (name: string, bytes: Uint8Array) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  const silent = wav('silent.wav', encodeWav(silenceAudio(16000, 15)));
  const noise = wav('noise.wav', encodeWav(whiteNoiseAudio(16000, 15, 0.1)));
  const kal = readWavFile(kalWav);
  const short = wav('short.wav', encodeWav({ sampleRate: kal.sampleRate, samples: kal.samples.slice(0, 2 * kal.sampleRate) }));
  const truncated = wav('truncated.wav', readFileSync(kalWav).subarray(0, 30));
  const zhText = join(dir, 'zh.txt');
  writeFileSync(zhText, '我们一起唱歌吧。');
  const latin1 = join(dir, 'latin1.txt');
  writeFileSync(latin1, new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
  const out = join(dir, 'out.voice');
  const old = join(dir, 'old.voice');
  copyFileSync(kalText, old);
  const cases: [string[], string, RegExp][] = [
    [[silent, '--text', kalText, '--out', out], silent, /no voiced speech found/],
    [[noise, '--text', kalText, '--out', out], noise, /no voiced speech found/],
    [[short, '--text', kalText, '--out', out], short, /too short: use 10 s to 10 min/],
    [[truncated, '--text', kalText, '--out', out], truncated, /./],
    [[join(dir, 'none.wav'), '--text', kalText, '--out', out], join(dir, 'none.wav'), /no such reference recording/],
    [[kalWav, '--text', join(dir, 'none.txt'), '--out', out], join(dir, 'none.txt'), /no such transcript file/],
    [[kalWav, '--text', zhText, '--lang', 'en', '--out', out], zhText, /looks like 'zh'/],
    [[kalWav, '--text', latin1, '--out', out], latin1, /not UTF-8/],
    [[kalWav, '--text', kalText, '--out', join(dir, 'no', 'x.voice')], join(dir, 'no', 'x.voice'), /folder .* does not exist/],
    [[kalWav, '--text', kalText, '--lang', 'e n', '--out', out], '', /--lang must be a language code/],
    [[silent, '--text', kalText, '--out', old], silent, /no voiced speech found/],
  ];
  for (const [args, file, pattern] of cases) {
    const r = await runCli(['clone', ...args], 60_000);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    const last = lines.at(-1)!;
    assert.ok(last.startsWith(`error: ${file}`), last);
    assert.match(last, pattern);
    assert.ok(lines.length <= 4, r.stderr);
  }
  assert.equal(existsSync(out), false);
  assert.equal(readFileSync(old, 'utf8'), readFileSync(kalText, 'utf8'));
  assert.deepEqual(readdirSync(dir).sort(), ['latin1.txt', 'noise.wav', 'old.voice', 'short.wav', 'silent.wav', 'truncated.wav', 'zh.txt']);
});
