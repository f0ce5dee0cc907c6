import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWavFile, writeWavFile } from '../../src/audio/wav.js';
import { repoRoot, tempDir, voicesDir } from '../helpers/paths.js';
import { praatPitch, soxReadAudio } from '../helpers/praat.js';
import { harmonicSignal, steadyNotes } from '../helpers/signals.js';
import { runCli } from './run-cli.js';
import { parseF0Csv } from '../helpers/assertions.js';

// Two sung-like notes (220 Hz, 330 Hz) of 0.4 s between 0.1 s silences, 22.05 kHz: 1.1 s in all.
const RATE = 22050;
const NOTES = [220, 330];
const contour = steadyNotes(NOTES, 0.4, 0.1);
const { audio } = harmonicSignal({ sampleRate: RATE, f0: contour.f0, duration: contour.duration, amplitude: 0.5 });
/** Note i occupies [0.1 + 0.5 i, 0.5 + 0.5 i] s. */
const noteSpan = (i: number): [number, number] => [0.1 + 0.5 * i, 0.5 + 0.5 * i];

function cents(a: number, b: number): number {
  return 1200 * Math.log2(a / b);
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function rmsDb(x: Float32Array): number {
  let e = 0;
  for (const v of x) e += v * v;
  return 10 * Math.log10(e / x.length);
}

test('f0 prints time,hz,voiced every 5 ms, within 5 cents of the true F0 and unvoiced in the silences', async () => {
  const dir = tempDir('cantor-cli-f0-');
  const inPath = join(dir, 'notes.wav');
  writeWavFile(inPath, audio);
  const r = await runCli(['f0', inPath]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rows = parseF0Csv(r.stdout);
  assert.equal(rows.length, Math.floor(audio.samples.length / RATE / 0.005) + 1);
  rows.forEach((row, i) => {
    assert.ok(Math.abs(row.t - i * 0.005) < 0.0006, `row ${i}: time ${row.t}`);
    assert.equal(row.v, row.hz > 0 ? 1 : 0);
  });
  NOTES.forEach((hz, i) => {
    const [a, b] = noteSpan(i);
    const inside = rows.filter((row) => row.t >= a + 0.03 && row.t <= b - 0.03);
    const voiced = inside.filter((row) => row.v === 1);
    assert.ok(voiced.length >= 0.95 * inside.length, `note ${hz}: ${voiced.length}/${inside.length} voiced`);
    const worst = Math.max(...voiced.map((row) => Math.abs(cents(row.hz, hz))));
    assert.ok(worst < 5, `note ${hz} Hz: worst ${worst.toFixed(2)} cents`);
  });
  const gaps = rows.filter((row) => [0.05, 0.55, 1.05].some((c) => Math.abs(row.t - c) <= 0.02));
  assert.ok(gaps.every((row) => row.v === 0), 'silences are unvoiced');
  // --method autocorr gives the same notes.
  const h = await runCli(['f0', inPath, '--method', 'autocorr', '--floor', '100', '--ceil', '500']);
  assert.equal(h.code, 0, h.stderr);
  const hv = h.stdout.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const mid = hv.filter(([t]) => t > 0.7 && t < 0.9).map(([, hz]) => hz);
  assert.ok(Math.abs(cents(median(mid), 330)) < 10, `autocorr median ${median(mid)}`);
});

test('resynth: pitch -3 semitones and speed 0.8 measured by Praat; plain resynthesis keeps level; same seed, same bytes', async () => {
  const dir = tempDir('cantor-cli-resynth-');
  const inPath = join(dir, 'notes.wav');
  writeWavFile(inPath, audio);
  const shifted = join(dir, 'shifted.wav');
  const r = await runCli(['resynth', inPath, shifted, '--pitch', '-3', '--speed', '0.8', '--bit-depth', '24', '--seed', '7']);
  assert.equal(r.code, 0, r.stderr);
  const progress = r.stderr.trimEnd().split('\n');
  assert.match(progress[0], /^analysing .*notes\.wav \(1\.10 s at 22050 Hz\)\.\.\.$/);
  assert.equal(progress[1], 'synthesising...');
  assert.match(progress[2], /^wrote .*shifted\.wav: 1\.3\d s from 1\.10 s of input in \d+\.\d\d s \(\d+\.\dx faster than real time\)$/);
  const bytes = readFileSync(shifted);
  assert.equal(bytes.readUInt16LE(34), 24, '24-bit output');
  const out = readWavFile(shifted);
  assert.equal(out.sampleRate, RATE);
  const want = contour.duration / 0.8;
  assert.ok(Math.abs(out.samples.length / RATE - want) < 0.01, `duration ${out.samples.length / RATE} s, want ${want}`);
  // Praat (independent of the project's own F0 code): each note 3 semitones down, at the stretched times.
  const praat = praatPitch(shifted, { floor: 100, ceiling: 500 });
  NOTES.forEach((hz, i) => {
    const [a, b] = noteSpan(i).map((t) => t / 0.8);
    const inNote: number[] = [];
    praat.time.forEach((t, k) => {
      if (t > a + 0.05 && t < b - 0.05 && praat.f0[k] > 0) inNote.push(praat.f0[k]);
    });
    assert.ok(inNote.length > 40, `note ${hz}: ${inNote.length} voiced Praat frames`);
    const err = cents(median(inNote), hz * 2 ** (-3 / 12));
    assert.ok(Math.abs(err) < 10, `note ${hz} Hz shifted: ${err.toFixed(1)} cents off`);
  });

  const plain = join(dir, 'plain.wav');
  const again = join(dir, 'again.wav');
  for (const p of [plain, again]) {
    const q = await runCli(['resynth', inPath, p]);
    assert.equal(q.code, 0, q.stderr);
  }
  assert.deepEqual(readFileSync(plain), readFileSync(again), 'same seed, byte-identical output');
  const back = soxReadAudio(plain); // read by sox: the written file is a valid WAV for other tools
  assert.equal(back.sampleRate, RATE);
  assert.ok(Math.abs(back.samples.length - audio.samples.length) <= RATE * 0.005, `length ${back.samples.length}`);
  const dLevel = rmsDb(back.samples) - rmsDb(audio.samples);
  assert.ok(Math.abs(dLevel) < 1, `level changed by ${dLevel.toFixed(2)} dB`);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('f0 piped into a reader that stops early (| head -n 1) ends quietly with exit 0', async () => {
  // 50 s of speech gives about 150 kB of CSV, more than a pipe holds, so the write meets the closed pipe.
  const wav = join(voicesDir, 'slt', 'reference.wav');
  const script = `set -o pipefail; "${process.execPath}" bin/cantor.js f0 "${wav}" | head -n 1`;
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-c', script], { cwd: repoRoot, timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
  assert.equal(r.stdout, 'time,hz,voiced\n');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
});
