import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWavFile } from '../../src/audio/wav.js';
import { estimateF0 } from '../../src/analysis/f0.js';
import { phonemizeText } from '../../src/lyrics/index.js';
import { alignPhonemes } from '../../src/voice/align/index.js';
import { alignmentDiagnostics } from '../../src/voice/align/diagnostics.js';
import { frameEnergyDb } from '../../src/voice/align/features.js';
import { LOW_CONFIDENCE } from '../../src/voice/report.js';
import { voicesDir } from '../helpers/paths.js';

// espeak-cmn has no true labels: the alignment is judged by voicing agreement, initial durations and pauses on
// silence (diagnostics.ts). Before the voicing-aware initial segmentation: finals 75.7 % voiced, voiceless
// initials 47.1 % unvoiced, initials median 201 ms (25 % within 30-150 ms), confidence 0.070.
test('aligns the Mandarin espeak-cmn reference: finals voiced, voiceless initials unvoiced, initials 30-150 ms', async () => {
  const dir = join(voicesDir, 'espeak-cmn');
  const audio = await readWavFile(join(dir, 'reference.wav'));
  const words = phonemizeText(readFileSync(join(dir, 'transcript.txt'), 'utf8'), 'zh');
  const phonemes = words.flatMap((w, i) => w.phonemes.map((p) => ({ symbol: p.symbol, cls: p.cls, voiced: p.voiced, wordIndex: i })));
  const result = alignPhonemes(audio, phonemes);
  const d = alignmentDiagnostics(result.segments, phonemes, estimateF0(audio), frameEnergyDb(audio, 0.01), 0.01);
  console.log(
    `espeak-cmn: finals voiced ${(d.vowelVoicedFraction * 100).toFixed(1)} %, voiceless initials unvoiced ` +
      `${(d.voicelessUnvoicedFraction * 100).toFixed(1)} %, initials median ${(d.consonantMedian * 1000).toFixed(0)} ms ` +
      `(${(d.consonantWithin30to150 * 100).toFixed(1)} % within 30-150 ms), finals median ${(d.vowelMedian * 1000).toFixed(0)} ms, ` +
      `pauses silent ${(d.pauseSilentFraction * 100).toFixed(1)} %, confidence ${result.confidence.toFixed(3)}`,
  );
  // Every input phoneme is aligned once, in order.
  const aligned = result.segments.filter((s) => s.phonemeIndex >= 0 && phonemes[s.phonemeIndex].cls !== 'silence');
  assert.equal(aligned.length, phonemes.filter((p) => p.cls !== 'silence').length);
  // Measured (voicing-aware start + sub-phone finals): 83.2 % / 79.7 % / 109 ms / 63.5 % / 94.8 %; confidence 0.52
  // (class agreement 0.805; with the earlier log-likelihood measure it was 0.056, below the warning threshold).
  assert.ok(d.vowelVoicedFraction >= 0.82, `finals voiced ${d.vowelVoicedFraction}`);
  assert.ok(d.voicelessUnvoicedFraction >= 0.75, `voiceless initials unvoiced ${d.voicelessUnvoicedFraction}`);
  assert.ok(d.consonantMedian >= 0.03 && d.consonantMedian <= 0.15, `initials median ${d.consonantMedian}`);
  assert.ok(d.consonantWithin30to150 >= 0.55, `initials within 30-150 ms ${d.consonantWithin30to150}`);
  assert.ok(d.vowelMedian > d.consonantMedian, 'finals longer than initials');
  assert.ok(d.pauseSilentFraction >= 0.9, `pauses silent ${d.pauseSilentFraction}`);
  // The right transcript is not reported as a misfit; another Chinese text is.
  assert.ok(result.confidence >= LOW_CONFIDENCE, `confidence ${result.confidence}`);
  const other = phonemizeText('我们今天去公园散步，天气很好，大家都很高兴。'.repeat(8), 'zh');
  const wrong = alignPhonemes(audio, other.flatMap((w, i) => w.phonemes.map((p) => ({ symbol: p.symbol, cls: p.cls, voiced: p.voiced, wordIndex: i }))));
  console.log(`confidence: right ${result.confidence.toFixed(3)}, another text ${wrong.confidence.toFixed(3)}`);
  assert.ok(wrong.confidence < LOW_CONFIDENCE, `another text: ${wrong.confidence}`);
});
