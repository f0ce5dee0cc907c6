/**
 * A Voice made straight from a shared reference recording and its true phone labels (phones.txt), independent of the
 * voice builder: the renderer's tests use it to check rendering without depending on alignment quality.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze.js';
import { readWavFile } from '../../src/audio/wav.js';
import { inventory } from '../../src/lyrics/index.js';
import type { PhonemeClass } from '../../src/lyrics/types.js';
import { toCompactFeatures } from '../../src/vocoder/features.js';
import type { Voice, VoiceUnit } from '../../src/voice/types.js';
import { voicesDir } from '../helpers/paths.js';

/** Festival phone -> ARPAbet symbol of the English front end. */
const FESTIVAL: Record<string, string> = { ax: 'AH', pau: 'pau' };

export function fixtureVoice(name: 'slt' | 'kal', drop: string[] = []): Voice {
  const dir = join(voicesDir, name);
  const audio = readWavFile(join(dir, 'reference.wav'));
  const params = analyze(audio);
  const feats = toCompactFeatures(params);
  const fp = params.framePeriod;
  const inv = new Map(inventory('en').map((e) => [e.symbol, e]));
  const lines = readFileSync(join(dir, 'phones.txt'), 'utf8').split('\n').filter((l) => l.trim());
  const phones = lines.map((l) => {
    const [s, e, p] = l.trim().split(/\s+/);
    return { start: Number(s), end: Number(e), symbol: FESTIVAL[p] ?? p.toUpperCase() };
  });
  const frameCount = params.f0.length;
  const dim = feats.melCepstrum[0].length;
  const bands = feats.bandAperiodicity[0].length;
  const mcep = new Float32Array(frameCount * dim);
  const ap = new Float32Array(frameCount * bands);
  const f0 = Float32Array.from(params.f0);
  feats.melCepstrum.forEach((r, i) => mcep.set(r, i * dim));
  feats.bandAperiodicity.forEach((r, i) => ap.set(r, i * bands));
  const units: VoiceUnit[] = [];
  const counts: Record<string, number> = {};
  const durs: Record<string, number[]> = {};
  const byClass: Partial<Record<PhonemeClass, number[][]>> = {};
  phones.forEach((p, idx) => {
    if (drop.includes(p.symbol)) return;
    const info = inv.get(p.symbol);
    if (!info) return;
    const frameStart = Math.round(p.start / fp);
    const frameEnd = Math.min(frameCount, Math.round(p.end / fp));
    if (frameEnd <= frameStart) return;
    const vf = [];
    for (let f = frameStart; f < frameEnd; f++) if (f0[f] > 0) vf.push(f0[f]);
    vf.sort((a, b) => a - b);
    let energy = 0;
    for (let f = frameStart; f < frameEnd; f++) energy += mcep[f * dim];
    units.push({
      phoneme: p.symbol,
      cls: info.cls,
      voiced: info.voiced,
      left: idx > 0 ? phones[idx - 1].symbol : 'pau',
      right: idx + 1 < phones.length ? phones[idx + 1].symbol : 'pau',
      start: p.start,
      end: p.end,
      frameStart,
      frameCount: frameEnd - frameStart,
      f0: vf.length ? vf[vf.length >> 1] : 0,
      energy: ((energy / (frameEnd - frameStart)) * 20) / Math.LN10,
    });
    counts[p.symbol] = (counts[p.symbol] ?? 0) + 1;
    (durs[p.symbol] ??= []).push(p.end - p.start);
    const rows = (byClass[info.cls] ??= []);
    for (let f = frameStart; f < frameEnd; f++) rows.push(Array.from(mcep.subarray(f * dim, (f + 1) * dim)));
  });
  const meanMcepByClass: Partial<Record<PhonemeClass, number[]>> = {};
  for (const [c, rows] of Object.entries(byClass)) {
    const m = new Array<number>(dim).fill(0);
    for (const r of rows) for (let k = 0; k < dim; k++) m[k] += r[k] / rows.length;
    meanMcepByClass[c as PhonemeClass] = m;
  }
  const consonantDurations: Record<string, number> = {};
  for (const [p, d] of Object.entries(durs)) {
    if (inv.get(p)?.cls === 'vowel' || p === 'pau') continue;
    d.sort((a, b) => a - b);
    consonantDurations[p] = d[d.length >> 1];
  }
  const voicedF0 = Array.from(f0).filter((v) => v > 0).sort((a, b) => a - b);
  const pct = (q: number) => voicedF0[Math.floor(q * (voicedF0.length - 1))];
  return {
    format: 'cantor-voice',
    version: 1,
    name,
    language: 'en',
    sampleRate: audio.sampleRate,
    framePeriod: fp,
    fftSize: params.fftSize,
    mcepOrder: dim - 1,
    alpha: feats.alpha,
    apBands: bands,
    frameCount,
    frames: { f0, mcep, ap },
    units,
    stats: {
      f0Median: pct(0.5),
      f0P5: pct(0.05),
      f0P95: pct(0.95),
      consonantDurations,
      phonemeCounts: counts,
      meanMcepByClass,
      spectralTilt: 0,
      breathiness: 0,
    },
    provenance: { file: join(dir, 'reference.wav'), duration: audio.samples.length / audio.sampleRate, transcript: '',
      sha256: '', createdAt: '', tool: 'test fixture' },
    substitutes: {},
  };
}
