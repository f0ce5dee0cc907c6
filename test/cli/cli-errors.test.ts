import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/paths.js';
import { buildWav, sine } from '../audio/wav-builder.js';
import { pooled, runCli } from './run-cli.js';

interface Case {
  name: string;
  /** Arguments; IN and OUT are replaced by the case's input and output paths. */
  args: string[];
  input?: Uint8Array | 'missing';
  /** What the one error line must contain besides "error:". */
  expect: RegExp;
}

const x = sine(1600, 16000, 200);
const good = buildWav({ sampleRate: 16000, channels: [x], bits: 16 });

const badFiles: [string, Uint8Array | 'missing', RegExp][] = [
  ['not-a-wav', new TextEncoder().encode('just some text, not audio\n'), /not a WAV/],
  ['truncated', good.subarray(0, 1000), /truncated: .*data chunk says 3200 bytes/],
  ['empty', buildWav({ sampleRate: 16000, channels: [new Float64Array(0)], bits: 16 }), /empty/],
  ['zero-bytes', new Uint8Array(0), /empty/],
  ['zero-channels', buildWav({ sampleRate: 16000, channels: [x], bits: 16, fmtChannels: 0 }), /0 channels/],
  ['absurd-rate', buildWav({ sampleRate: 5, channels: [x], bits: 16 }), /sample rate 5 Hz/],
  ['missing', 'missing', /no such file/],
];

const cases: Case[] = [];
for (const [name, input, expect] of badFiles) {
  cases.push({ name: `resynth ${name}`, args: ['resynth', 'IN', 'OUT'], input, expect });
}
// The f0 command reads files through the same reader: a few cases suffice.
for (const [name, input, expect] of badFiles.filter(([n]) => ['not-a-wav', 'truncated', 'missing'].includes(n))) {
  cases.push({ name: `f0 ${name}`, args: ['f0', 'IN'], input, expect });
}
// Every option's range is checked in process (options.test.ts); here, that a bad option reaches the user as one line.
const badOptions: [string[], RegExp][] = [
  [['--pitch', '25'], /--pitch 25 is out of range/],
  [['--speed', 'fast'], /--speed must be a number/],
  [['--bit-depth', '12'], /--bit-depth must be 16, 24 or 32/],
  [['--frobnicate'], /unknown option '--frobnicate'/],
];
for (const [opts, expect] of badOptions) {
  cases.push({ name: `resynth ${opts.join(' ')}`, args: ['resynth', 'IN', 'OUT', ...opts], input: good, expect });
}
cases.push({ name: 'f0 --floor 300 --ceil 200', args: ['f0', 'IN', '--floor', '300', '--ceil', '200'], input: good, expect: /--ceil 200 must be above --floor 300/ });
cases.push({ name: 'f0 --ceil 5000 at 16 kHz', args: ['f0', 'IN', '--ceil', '5000'], input: good, expect: /ceiling 5000 Hz is too high/ });
cases.push({
  name: 'resynth a 2 kHz file (readable, too low to analyse)',
  args: ['resynth', 'IN', 'OUT'],
  input: buildWav({ sampleRate: 2000, channels: [x], bits: 16 }),
  expect: /sample rate 2000 Hz is outside what the analysis handles/,
});
cases.push({ name: 'resynth into a missing folder', args: ['resynth', 'IN', 'NODIR'], input: good, expect: /does not exist/ });
cases.push({ name: 'resynth without OUT', args: ['resynth', 'IN'], input: good, expect: /missing required argument 'out'/ });

test('bad input and bad options: exit 2, one line on stderr naming the file or option, no output file', async () => {
  const dir = tempDir('cantor-cli-errors-');
  const results = await pooled(cases, 3, async (c) => {
    const slug = c.name.replace(/[^a-z0-9]+/gi, '_');
    const inPath = join(dir, `${slug}.in.wav`);
    const outPath = join(dir, `${slug}.out.wav`);
    const noDir = join(dir, 'no-such-folder', `${slug}.out.wav`);
    if (c.input && c.input !== 'missing') writeFileSync(inPath, c.input);
    const args = c.args.map((a) => (a === 'IN' ? inPath : a === 'OUT' ? outPath : a === 'NODIR' ? noDir : a));
    const r = await runCli(args);
    return { c, r, inPath, outPath, noDir };
  });
  for (const { c, r, inPath, outPath, noDir } of results) {
    const where = `${c.name}: stderr=${JSON.stringify(r.stderr)}`;
    assert.equal(r.code, 2, where);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, where);
    assert.match(lines[0], /^error: /, where);
    assert.match(lines[0], c.expect, where);
    const fileProblem = badFiles.some(([name]) => c.name.endsWith(` ${name}`));
    if (fileProblem || c.name.includes('2 kHz')) assert.ok(lines[0].includes(inPath), `${where}: names ${inPath}`);
    if (c.args.includes('NODIR')) assert.ok(lines[0].includes(noDir), `${where}: names ${noDir}`);
    if (c.args.includes('OUT')) assert.equal(existsSync(outPath), false, `${where}: ${outPath} exists`);
    assert.equal(r.stdout, '', where);
  }
  assert.deepEqual(readdirSync(dir).filter((f) => !f.endsWith('.in.wav')), [], 'no output or temporary files');
});
