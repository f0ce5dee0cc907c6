/**
 * Forced alignment: boundary accuracy against the reference phone labels, speed and peak memory per voice, for the
 * HMM boundaries alone ('hmm only', before), with the training re-centred on spectral change, and with the
 * spectral-change refinement as well (the default).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { phonemizeText } from '../src/lyrics/index.js';
import { alignPhonemes, type AlignOptions } from '../src/voice/align/index.js';
import { phoneBoundaryErrors, readPhonesFile } from '../src/voice/align/evaluate.js';
import { alignmentDiagnostics } from '../src/voice/align/diagnostics.js';
import { frameEnergyDb } from '../src/voice/align/features.js';
import { estimateF0 } from '../src/analysis/f0.js';
import { voicesDir } from '../test/helpers/paths.js';

const VARIANTS: [string, AlignOptions][] = [
  ['hmm only', { refine: false, recentre: false }],
  ['hmm re-centred', { refine: false }],
  ['re-centred + refined', {}],
];

export default async function bench(): Promise<void> {
  const { readWavFile } = (await import('../src/audio/wav.js')) as { readWavFile: (p: string) => Audio | Promise<Audio> };
  for (const voice of ['slt', 'kal']) {
    const audio = await readWavFile(join(voicesDir, voice, 'reference.wav'));
    const text = readFileSync(join(voicesDir, voice, 'transcript.txt'), 'utf8');
    const phonemes = phonemizeText(text, 'en').flatMap((w, i) =>
      w.phonemes.map((p) => ({ symbol: p.symbol, cls: p.cls, wordIndex: i })),
    );
    const truth = readPhonesFile(join(voicesDir, voice, 'phones.txt'));
    const duration = audio.samples.length / audio.sampleRate;
    for (const [label, opts] of VARIANTS) {
      const rssBefore = process.memoryUsage().rss;
      const t0 = performance.now();
      const result = alignPhonemes(audio, phonemes, opts);
      const seconds = (performance.now() - t0) / 1000;
      const rss = process.memoryUsage().rss;
      const e = phoneBoundaryErrors(result.segments, truth);
      console.log(
        `${voice} (${label}): ${duration.toFixed(1)} s of audio aligned in ${seconds.toFixed(2)} s ` +
          `(${(duration / seconds).toFixed(1)}x real time), rss ${(rss / 2 ** 20).toFixed(0)} MiB ` +
          `(+${((rss - rssBefore) / 2 ** 20).toFixed(0)} MiB); boundaries: median ${(e.median * 1000).toFixed(1)} ms, ` +
          `mean ${(e.mean * 1000).toFixed(1)} ms, within 20 ms ${(e.within20 * 100).toFixed(1)} %, ` +
          `within 50 ms ${(e.within50 * 100).toFixed(1)} % (${e.errors.length} boundaries), confidence ${result.confidence.toFixed(3)}`,
      );
    }
  }
  // Mandarin (no labels): voicing agreement and durations, before (proportional start, one model per final) and after.
  const dir = join(voicesDir, 'espeak-cmn');
  const audio = await readWavFile(join(dir, 'reference.wav'));
  const phonemes = phonemizeText(readFileSync(join(dir, 'transcript.txt'), 'utf8'), 'zh').flatMap((w, i) =>
    w.phonemes.map((p) => ({ symbol: p.symbol, cls: p.cls, voiced: p.voiced, wordIndex: i })),
  );
  const duration = audio.samples.length / audio.sampleRate;
  const f0 = estimateF0(audio);
  const energy = frameEnergyDb(audio, 0.01);
  for (const [label, opts] of [
    ['proportional start, whole finals', { voicingInit: false, subPhones: false }],
    ['voicing-aware start, whole finals', { subPhones: false }],
    ['voicing-aware start, sub-phone finals', {}],
  ] as [string, AlignOptions][]) {
    const t0 = performance.now();
    const result = alignPhonemes(audio, phonemes, opts);
    const seconds = (performance.now() - t0) / 1000;
    const d = alignmentDiagnostics(result.segments, phonemes, f0, energy, 0.01);
    console.log(
      `espeak-cmn (${label}): ${(duration / seconds).toFixed(1)}x real time; finals voiced ${(d.vowelVoicedFraction * 100).toFixed(1)} %, ` +
        `voiceless initials unvoiced ${(d.voicelessUnvoicedFraction * 100).toFixed(1)} %, initials median ` +
        `${(d.consonantMedian * 1000).toFixed(0)} ms (${(d.consonantWithin30to150 * 100).toFixed(1)} % in 30-150 ms), ` +
        `pauses silent ${(d.pauseSilentFraction * 100).toFixed(1)} %, confidence ${result.confidence.toFixed(3)}`,
    );
  }
}
