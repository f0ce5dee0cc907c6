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
}
