import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readWavFile, writeWavFile } from '../../src/audio/wav.js';
import { writeVoiceFile } from '../../src/voice/voice-file.js';
import { referenceAudio } from '../../eval/songs.js';
import { repoRoot, tempDir } from '../helpers/paths.js';
import { sharedVoice } from './voices.js';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'convert', 'cli-main.ts'), 'convert', ...args], { cwd: repoRoot, timeout: 120000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('convert: command line', () => {
  let dir: string;
  let voice: string;
  let input: string;
  before(() => {
    dir = tempDir('cantor-convert-cli-');
    voice = join(dir, 'kal.voice');
    writeVoiceFile(voice, sharedVoice('kal'));
    const a = referenceAudio('slt');
    input = join(dir, 'in.wav');
    writeWavFile(input, { sampleRate: a.sampleRate, samples: a.samples.slice(0, 3 * a.sampleRate) });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('converts with --key and --formant: a 44.1 kHz file of the input length, one summary line', async () => {
    const out = join(dir, 'out.wav');
    const r = await run([input, '--voice', voice, '--out', out, '--key', '+2', '--formant', '1.1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^converted 3\.00 s into voice kal \(key \+2\) \(formant x1\.1\) in .* -> /);
    const a = readWavFile(out);
    assert.equal(a.sampleRate, 44100);
    assert.equal(a.samples.length, 3 * 44100);
  });

  const bad: [string, (d: string) => string[], RegExp][] = [
    ['a missing input', (d) => [join(d, 'none.wav'), '--voice', voice, '--out', join(d, 'o1.wav')], /none\.wav/],
    ['an input that is not a WAV', (d) => {
      writeFileSync(join(d, 'text.wav'), 'hello');
      return [join(d, 'text.wav'), '--voice', voice, '--out', join(d, 'o2.wav')];
    }, /text\.wav/],
    ['a voice file that is not a voice', (d) => {
      writeFileSync(join(d, 'bad.voice'), 'nonsense');
      return [input, '--voice', join(d, 'bad.voice'), '--out', join(d, 'o3.wav')];
    }, /bad\.voice/],
    ['a key out of range', (d) => [input, '--voice', voice, '--out', join(d, 'o4.wav'), '--key', '30'], /--key/],
    ['a bad formant ratio', (d) => [input, '--voice', voice, '--out', join(d, 'o5.wav'), '--formant', 'x'], /--formant/],
    ['an output folder that does not exist', (d) => [input, '--voice', voice, '--out', join(d, 'nope', 'o.wav')], /does not exist/],
  ];
  for (const [what, args, pattern] of bad) {
    it(`${what}: one line naming the problem, exit 2, no output file`, async () => {
      const before = new Set(readdirSync(dir));
      const r = await run(args(dir));
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^error: /);
      assert.match(lines[0], pattern);
      const added = readdirSync(dir).filter((f) => !before.has(f) && !/^(text\.wav|bad\.voice)$/.test(f));
      assert.deepEqual(added, []);
      assert.ok(!existsSync(join(dir, 'nope')));
    });
  }
});
