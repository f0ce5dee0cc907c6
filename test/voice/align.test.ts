import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../../src/audio/types.js';
import { phonemizeText } from '../../src/lyrics/index.js';
import { alignPhonemes, type AlignPhoneme } from '../../src/voice/align/index.js';
import { phoneBoundaryErrors, readPhonesFile } from '../../src/voice/align/evaluate.js';
import { voicesDir } from '../helpers/paths.js';

async function readWav(path: string): Promise<Audio> {
  const mod = (await import('../../src/audio/wav.js')) as { readWavFile: (p: string) => Audio | Promise<Audio> };
  return await mod.readWavFile(path);
}

function transcriptPhonemes(text: string): AlignPhoneme[] {
  return phonemizeText(text, 'en').flatMap((w, i) => w.phonemes.map((p) => ({ symbol: p.symbol, cls: p.cls, wordIndex: i })));
}

const lines = (voice: string) => readFileSync(join(voicesDir, voice, 'transcript.txt'), 'utf8').trim().split(/\r?\n/);

for (const voice of ['slt', 'kal']) {
  test(`aligns the ${voice} reference to its transcript: >= 90 % of boundaries within 50 ms, median <= 20 ms`, async () => {
    const audio = await readWav(join(voicesDir, voice, 'reference.wav'));
    const result = alignPhonemes(audio, transcriptPhonemes(lines(voice).join('\n')));
    const truth = readPhonesFile(join(voicesDir, voice, 'phones.txt'));
    const e = phoneBoundaryErrors(result.segments, truth);
    console.log(
      `${voice}: median ${(e.median * 1000).toFixed(1)} ms, mean ${(e.mean * 1000).toFixed(1)} ms, ` +
        `within 20 ms ${(e.within20 * 100).toFixed(1)} %, within 50 ms ${(e.within50 * 100).toFixed(1)} %, ` +
        `${e.errors.length} boundaries, ${e.matchedPhones}/${e.truthPhones} phones paired, confidence ${result.confidence.toFixed(3)}`,
    );
    // Segments tile the recording in order.
    assert.equal(result.segments[0].start, 0);
    for (let i = 1; i < result.segments.length; i++) {
      assert.ok(Math.abs(result.segments[i].start - result.segments[i - 1].end) < 1e-9);
      assert.ok(result.segments[i].end > result.segments[i].start);
    }
    assert.ok(Math.abs(result.segments.at(-1)!.end - audio.samples.length / audio.sampleRate) < 1e-6);
    assert.ok(e.errors.length > 450, `only ${e.errors.length} boundaries scored`);
    // Target: median <= 20 ms. Measured with re-centring and refinement: slt 6.3 ms (98.3 % within 50 ms), kal
    // 11.4 ms (96.6 %); with neither: slt 25.0 ms (92.3 %), kal 17.1 ms (94.9 %).
    assert.ok(e.median <= 0.02, `median ${(e.median * 1000).toFixed(1)} ms`);
    assert.ok(e.within20 >= 0.7, `within 20 ms ${(e.within20 * 100).toFixed(1)} %`);
    assert.ok(e.within50 >= 0.9, `within 50 ms ${(e.within50 * 100).toFixed(1)} %`);
    assert.ok(result.confidence > 0.4, `confidence ${result.confidence}`);
  });
}

test('a transcript of other audio gets a low confidence', async () => {
  const audio = await readWav(join(voicesDir, 'slt', 'reference.wav'));
  const right = alignPhonemes(audio, transcriptPhonemes(lines('slt').join('\n'))).confidence;
  const reversed = alignPhonemes(audio, transcriptPhonemes([...lines('slt')].reverse().join('\n'))).confidence;
  const other = alignPhonemes(audio, transcriptPhonemes('The quick brown fox jumps over the lazy dog. '.repeat(12))).confidence;
  console.log(`confidence: right ${right.toFixed(3)}, sentences reversed ${reversed.toFixed(3)}, other text ${other.toFixed(3)}`);
  assert.ok(reversed < 0.3 && other < 0.3, `wrong transcripts: ${reversed}, ${other}`);
  assert.ok(right > reversed + 0.15 && right > other + 0.15);
});

test('rejects a transcript that cannot fit the audio', () => {
  const audio: Audio = { sampleRate: 16000, samples: new Float32Array(1600) };
  assert.throws(() => alignPhonemes(audio, transcriptPhonemes('the birch canoe slid on the smooth planks '.repeat(5))), /do not fit/);
});
