/** Voice cloning: time to build each reference voice (one core), voice file size, and the units' alignment figures. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWavFile } from '../src/audio/wav.js';
import { buildVoice } from '../src/voice/build.js';
import { phoneBoundaryErrors, readPhonesFile } from '../src/voice/align/evaluate.js';
import { encodeVoice } from '../src/voice/voice-file.js';
import { voicesDir } from '../test/helpers/paths.js';

export default async function bench(): Promise<void> {
  for (const [v, lang] of [['slt', 'en'], ['kal', 'en'], ['espeak-en', 'en'], ['espeak-cmn', 'zh']] as const) {
    const file = join(voicesDir, v, 'reference.wav');
    const bytes = readFileSync(file);
    const audio = readWavFile(file);
    const text = readFileSync(join(voicesDir, v, 'transcript.txt'), 'utf8');
    const stages: Record<string, number> = {};
    let last = 0;
    let lastStage = '';
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { voice, report } = buildVoice(audio, text, lang, {
      file,
      fileBytes: bytes,
      onProgress: (stage) => {
        const now = performance.now() - t0;
        if (lastStage) stages[lastStage] = (now - last) / 1000;
        last = now;
        lastStage = stage;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const rss = process.memoryUsage().rss;
    const size = encodeVoice(voice).length;
    const dur = report.durationUsed;
    let align = '';
    const phones = join(voicesDir, v, 'phones.txt');
    if (existsSync(phones)) {
      const e = phoneBoundaryErrors(
        voice.units.map((u) => ({ start: u.start + report.trimStart, end: u.end + report.trimStart, symbol: u.phoneme })),
        readPhonesFile(phones),
      );
      align = `; unit boundaries vs phones.txt: median ${(e.median * 1000).toFixed(1)} ms, within 20 ms ${(e.within20 * 100).toFixed(1)} %, within 50 ms ${(e.within50 * 100).toFixed(1)} %`;
    }
    console.log(
      `clone ${v}: ${dur.toFixed(1)} s of audio in ${seconds.toFixed(2)} s wall / ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU ` +
        `(${(dur / seconds).toFixed(1)}x faster than real time; ${((seconds * 60) / dur).toFixed(1)} s per minute of reference), ` +
        `stages ${Object.entries(stages).map(([k, s]) => `${k} ${s.toFixed(2)} s`).join(', ')}; ` +
        `rss ${(rss / 2 ** 20).toFixed(0)} MiB (+${((rss - rssBefore) / 2 ** 20).toFixed(0)} MiB); ` +
        `voice file ${(size / 1024).toFixed(0)} KiB (order ${voice.mcepOrder}, ${voice.frameCount} frames, ${voice.units.length} units); ` +
        `confidence ${report.alignmentConfidence.toFixed(2)}${align}`,
    );
  }
}
