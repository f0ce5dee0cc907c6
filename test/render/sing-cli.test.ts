/**
 * `cantor sing` end to end: a real song with the default voice (and a .voice file), options checked on the output
 * with sox and Praat, and bad input giving one line, exit code 2 and no output file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readWavFile, writeWavFile } from '../../src/audio/wav.js';
import { defaultVoice } from '../../src/render/default-voice.js';
import { writeVoiceFile } from '../../src/voice/voice-file.js';
import { runCli } from '../cli/run-cli.js';
import { repoRoot, scoresDir, tempDir } from '../helpers/paths.js';
import { praatPitch } from '../helpers/praat.js';

const song = join(repoRoot, 'assets', 'songs', 'twinkle.musicxml');
const dir = tempDir('cantor-sing-');
let voicePath = '';

before(() => {
  // Builds (or reads) the cached default voice in this process, so the child processes find it cached.
  const { voice } = defaultVoice();
  voicePath = join(dir, 'slt.voice');
  writeVoiceFile(voicePath, voice);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function soxi(flag: string, path: string): string {
  return execFileSync('soxi', [flag, path]).toString().trim();
}

function medianVoicedF0(path: string): number {
  const f = Array.from(praatPitch(path, { floor: 75, ceiling: 900 }).f0).filter((x) => x > 0).sort((a, b) => a - b);
  return f[f.length >> 1];
}

test('sings the bundled song: WAV of the score duration, one-line summary, progress on stderr only', async () => {
  const out = join(dir, 'plain.wav');
  const r = await runCli(['sing', song, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sang 12\.63 s \(14 notes, voice slt\) in [\d.]+ s \([\d.]+x faster than real time\) -> .*plain\.wav\n$/);
  assert.equal(Number(soxi('-r', out)), 44100);
  assert.ok(Math.abs(Number(soxi('-D', out)) - 12.632) < 0.006);
});

test('--key, --tempo, --rate and --bit-depth are applied (checked with sox and Praat)', async () => {
  const base = join(dir, 'base.wav');
  const out = join(dir, 'opts.wav');
  const [r0, r] = await Promise.all([
    runCli(['sing', song, '--out', base, '--voice', voicePath]),
    runCli(['sing', song, '--out', out, '--voice', voicePath, '--key', '+5', '--tempo', '1.25', '--rate', '48000', '--bit-depth', '24']),
  ]);
  assert.equal(r0.code, 0, r0.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(Number(soxi('-r', out)), 48000);
  assert.equal(Number(soxi('-b', out)), 24);
  const dur = Number(soxi('-D', out));
  assert.ok(Math.abs(dur - 12.632 / 1.25) < 0.006, `duration ${dur} s`);
  const cents = 1200 * Math.log2(medianVoicedF0(out) / medianVoicedF0(base));
  console.log(`--key +5: median F0 moved ${cents.toFixed(1)} cents`);
  assert.ok(Math.abs(cents - 500) < 30, `--key +5 moved the median F0 by ${cents.toFixed(1)} cents`);
});

test('the same seed gives the same file; a shared test-suite score with melismas sings too', async () => {
  const a = join(dir, 'a.wav');
  const b = join(dir, 'b.wav');
  const c = join(dir, 'c.wav');
  const rs = await Promise.all([
    runCli(['sing', song, '--out', a, '--voice', voicePath, '--seed', '7']),
    runCli(['sing', song, '--out', b, '--voice', voicePath, '--seed', '7']),
  ]);
  for (const r of rs) assert.equal(r.code, 0, r.stderr);
  assert.ok(execFileSync('cmp', [a, b]).length === 0);
  const r = await runCli(['sing', join(scoresDir, 'musicxml-testsuite', '61a-Lyrics.xml'), '--out', c, '--voice', voicePath]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Math.abs(Number(soxi('-D', c)) - 6) < 0.006);
});

test('bad input: one line naming the file or option, exit 2, no output file', async () => {
  const bad = join(dir, 'bad.xml');
  writeFileSync(bad, '<score-partwise><part-list>');
  const notVoice = join(dir, 'not.voice');
  writeFileSync(notVoice, 'hello');
  const cases: [string[], RegExp][] = [
    [['sing', bad], /bad\.xml/],
    [['sing', join(dir, 'missing.musicxml')], /missing\.musicxml/],
    [['sing', song, '--voice', notVoice], /not\.voice/],
    [['sing', song, '--voice', join(dir, 'nope.voice')], /nope\.voice: no such file/],
    [['sing', song, '--rate', '22050'], /--rate/],
    [['sing', song, '--bit-depth', '8'], /--bit-depth/],
    [['sing', song, '--key', 'up'], /--key/],
    [['sing', song, '--tempo', '0'], /--tempo/],
    [['sing', song, '--seed', '1.5'], /--seed/],
    [['sing', song, '--verse', '0'], /--verse/],
    [['sing', song, '--backing', join(dir, 'nobacking.wav')], /nobacking\.wav: no such file/],
    [['sing', song, '--backing', bad], /bad\.xml/],
    [['sing', song, '--backing-gain', 'loud'], /--backing-gain/],
    [['sing', song, '--stream', '--backing', bad], /bad\.xml/],
  ];
  for (const [args, re] of cases) {
    const out = join(dir, 'never.wav');
    const r = await runCli([...args, '--out', out]);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr, /^error: .*\n$/);
    assert.match(r.stderr, re);
    assert.equal(existsSync(out), false, `${args.join(' ')} left an output file`);
  }
  const r = await runCli(['sing', song, '--out', join(dir, 'no', 'such', 'dir.wav')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /does not exist/);
});

test('speak and rap: a sentence in the voice, at its own speaking pitch; rap on the beat grid', async () => {
  const sp = join(dir, 'speak.wav');
  const rp = join(dir, 'rap.wav');
  const [a, b] = await Promise.all([
    runCli(['speak', 'The birch canoe slid on the smooth planks.', '--out', sp, '--voice', voicePath]),
    runCli(['rap', 'The birch canoe slid on the smooth planks.', '--bpm', '100', '--out', rp, '--voice', voicePath]),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.match(a.stdout, /^spoke [\d.]+ s \(\d+ words, voice slt\)/);
  const d = Number(soxi('-D', sp));
  assert.ok(d > 1.2 && d < 4, `speech lasts ${d} s`);
  // Median pitch within 4 semitones of the voice's own speaking median.
  const cents = 1200 * Math.log2(medianVoicedF0(sp) / defaultVoice().voice.stats.f0Median);
  console.log(`speak: ${d.toFixed(2)} s, median F0 ${cents.toFixed(0)} cents from the voice's median`);
  assert.ok(Math.abs(cents) < 400);
  const r = await runCli(['rap', 'yo', '--bpm', '500', '--out', join(dir, 'never.wav')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--bpm/);
});

/** Runs the CLI with stdout as bytes (the streamed WAV). */
function runCliBytes(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'bin', 'cantor.js'), ...args], { cwd: repoRoot, encoding: 'buffer', maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr: stderr.toString() });
    });
  });
}

test('--stream writes the same file as a whole render (to a file or to standard output)', async () => {
  const whole = join(dir, 'whole.wav');
  const streamed = join(dir, 'streamed.wav');
  const [a, b, c] = await Promise.all([
    runCli(['sing', song, '--out', whole, '--voice', voicePath]),
    runCli(['sing', song, '--out', streamed, '--voice', voicePath, '--stream']),
    runCliBytes(['sing', song, '--out', '-', '--voice', voicePath]),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stderr, /sang 12\.63 s .* -> -\n$/);
  // The bundled song peaks under -1 dBFS, so the whole render is not rescaled and the files are byte for byte equal.
  assert.ok(readFileSync(whole).equals(readFileSync(streamed)), 'streamed file differs from the whole render');
  assert.ok(readFileSync(whole).equals(c.stdout), 'stdout stream differs from the whole render');
});

test('--backing mixes a WAV under the voice at --backing-gain; the output lasts as long as the longer', async () => {
  // A 110 Hz tone at 22.05 kHz, 15 s (longer than the 12.63 s song).
  const n = 15 * 22050;
  const tone = new Float32Array(n);
  for (let i = 0; i < n; i++) tone[i] = 0.5 * Math.sin((2 * Math.PI * 110 * i) / 22050);
  const bk = join(dir, 'backing.wav');
  writeWavFile(bk, { sampleRate: 22050, samples: tone }, { bitDepth: 32 });
  const mixed = join(dir, 'mixed.wav');
  const mixedStream = join(dir, 'mixed-stream.wav');
  const [a, b] = await Promise.all([
    runCli(['sing', song, '--out', mixed, '--voice', voicePath, '--backing', bk, '--backing-gain', '-6', '--bit-depth', '32']),
    runCli(['sing', song, '--out', mixedStream, '--voice', voicePath, '--backing', bk, '--backing-gain', '-6', '--stream', '--bit-depth', '32']),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  for (const f of [mixed, mixedStream]) {
    const y = readWavFile(f);
    assert.equal(y.sampleRate, 44100);
    assert.equal(y.samples.length, 15 * 44100);
    // The last 2 s are the backing alone: 0.5 * 10^(-6/20) peak (the voice peaks under -1 dBFS, so no rescaling).
    const tail = y.samples.subarray(13 * 44100 + 1000, 15 * 44100 - 1000);
    const rms = Math.sqrt(tail.reduce((s, v) => s + v * v, 0) / tail.length);
    const db = 20 * Math.log10(rms / (0.5 / Math.SQRT2));
    console.log(`${f.endsWith('stream.wav') ? 'streamed' : 'whole'} mix: backing tail at ${db.toFixed(2)} dB`);
    assert.ok(Math.abs(db + 6) < 0.1, `backing at ${db.toFixed(2)} dB, want -6`);
    let peak = 0;
    for (const v of y.samples) peak = Math.max(peak, Math.abs(v));
    assert.ok(peak < 1);
  }
});
