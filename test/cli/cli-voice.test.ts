/**
 * The f0 and resynth commands end to end on a real recording (the first 6 s of the kal voice, 16 kHz), run as a
 * child process and checked against Praat's pitch tracker and sox, both independent of this project's code.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readWavFile, writeWavFile } from '../../src/audio/wav.js';
import { praatPitch, soxReadAudio } from '../helpers/praat.js';
import { repoRoot, tempDir, voicesDir } from '../helpers/paths.js';
import { parseF0Csv } from '../helpers/assertions.js';

const SECONDS = 6;
let dir = '';
let input = '';

function cantor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'cantor.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Cents between two voiced Praat tracks, frame by frame (same time grid), over frames voiced in both. */
function centsDiffs(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] > 0 && b[i] > 0) out.push(1200 * Math.log2(b[i] / a[i]));
  return out;
}

function median(x: number[]): number {
  const s = [...x].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
}

function medianVoiced(f0: Float64Array): number {
  return median([...f0].filter((v) => v > 0));
}

before(() => {
  dir = tempDir('cantor-cli-voice-');
  const kal = readWavFile(join(voicesDir, 'kal', 'reference.wav'));
  input = join(dir, 'kal6.wav');
  writeWavFile(input, { sampleRate: kal.sampleRate, samples: kal.samples.slice(0, SECONDS * kal.sampleRate) });
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('f0 CSV on a real voice agrees with Praat (median error and gross errors)', () => {
  const r = cantor('f0', input);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rows = parseF0Csv(r.stdout);
  // One row per 5 ms frame over the whole file; voiced exactly where hz > 0.
  assert.equal(rows.length, Math.floor(SECONDS / 0.005) + 1);
  rows.forEach((row, i) => {
    assert.equal(row.t, Number((i * 0.005).toFixed(3)));
    assert.equal(row.v, row.hz > 0 ? 1 : 0);
  });

  const praat = praatPitch(input, { timeStep: 0.005, floor: 50, ceiling: 400 });
  const errs: number[] = [];
  let both = 0;
  let praatVoiced = 0;
  for (let k = 0; k < praat.time.length; k++) {
    if (praat.f0[k] <= 0) continue;
    praatVoiced++;
    const row = rows[Math.round(praat.time[k] / 0.005)];
    if (!row || row.hz <= 0) continue;
    both++;
    errs.push(Math.abs(1200 * Math.log2(row.hz / praat.f0[k])));
  }
  const gross = errs.filter((c) => c > 200).length / errs.length; // more than 2 semitones off: octave-type errors
  const med = median(errs);
  console.log(`f0 vs Praat on kal (6 s): ${both}/${praatVoiced} Praat-voiced frames voiced, median |error| ${med.toFixed(1)} cents, gross ${(100 * gross).toFixed(1)}%`);
  assert.ok(both / praatVoiced > 0.85, `only ${both} of ${praatVoiced} Praat-voiced frames voiced`);
  assert.ok(med < 20, `median error ${med.toFixed(1)} cents`);
  assert.ok(gross < 0.03, `gross errors ${(100 * gross).toFixed(1)}%`);
});

test('resynth --pitch 4 raises the Praat-measured F0 by 400 cents, keeps the duration, prints progress and speed', () => {
  const out = join(dir, 'up4.wav');
  const r = cantor('resynth', input, out, '--pitch', '4');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const err = r.stderr.trimEnd().split('\n');
  assert.match(err[0], /^analysing/);
  assert.ok(err.some((l) => /^synthesising/.test(l)), r.stderr);
  assert.match(err[err.length - 1], /6\.00 s.*\d+(\.\d+)?x faster than real time/);

  const src = soxReadAudio(out); // sox reads the header and data independently of our reader
  assert.equal(src.sampleRate, 16000);
  assert.ok(Math.abs(src.samples.length - SECONDS * 16000) <= 16000 * 0.005, `${src.samples.length} samples`);
  const a = praatPitch(input, { floor: 50, ceiling: 500 });
  const b = praatPitch(out, { floor: 50, ceiling: 500 });
  const d = centsDiffs(a.f0, b.f0);
  const shift = median(d);
  console.log(`resynth --pitch 4: Praat median shift ${shift.toFixed(1)} cents over ${d.length} frames`);
  assert.ok(d.length > 300, `${d.length} frames voiced in both`);
  assert.ok(Math.abs(shift - 400) < 15, `median shift ${shift.toFixed(1)} cents`);
});

test('resynth --speed 2 --formant 1.1 --bit-depth 24 halves the duration, keeps the pitch, writes 24-bit PCM', () => {
  const out = join(dir, 'fast.wav');
  const r = cantor('resynth', input, out, '--speed', '2', '--formant', '1.1', '--bit-depth', '24');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(execFileSync('soxi', ['-b', out]).toString().trim(), '24');
  assert.equal(execFileSync('soxi', ['-e', out]).toString().trim(), 'Signed Integer PCM');
  const dur = Number(execFileSync('soxi', ['-D', out]).toString().trim());
  assert.ok(Math.abs(dur - SECONDS / 2) <= 0.01, `duration ${dur} s`);
  const before = medianVoiced(praatPitch(input, { floor: 50, ceiling: 500 }).f0);
  const after = medianVoiced(praatPitch(out, { floor: 50, ceiling: 500 }).f0);
  const cents = 1200 * Math.log2(after / before);
  console.log(`resynth --speed 2: ${dur.toFixed(3)} s, median F0 ${before.toFixed(1)} -> ${after.toFixed(1)} Hz (${cents.toFixed(1)} cents)`);
  assert.ok(Math.abs(cents) < 25, `median F0 moved ${cents.toFixed(1)} cents`);
});

test('resynth is deterministic: the same seed gives byte-identical files, another seed differs', () => {
  const a = join(dir, 's1a.wav');
  const b = join(dir, 's1b.wav');
  const c = join(dir, 's2.wav');
  for (const [out, seed] of [
    [a, '1'],
    [b, '1'],
    [c, '2'],
  ]) {
    const r = cantor('resynth', input, out, '--seed', seed, '--speed', '4');
    assert.equal(r.code, 0, r.stderr);
  }
  assert.deepEqual(readFileSync(a), readFileSync(b));
  assert.notDeepEqual(readFileSync(a), readFileSync(c));
});
