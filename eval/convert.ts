/**
 * The voice conversion part of `npm run eval` (src/convert): each of the four shared songs sung by slt and converted
 * into kal, judged by Praat (the output's F0 against the input's on frames both call voiced: RMSE in cents, target
 * <= 10); the English references converted into each other voice, judged by pocketsphinx (WER of the output against
 * the input's own, mean of WER_SEEDS, target within 15 points); and 15 s of every reference converted into every other voice, judged by
 * the eval's speaker classifier (target: assigned to the target voice, not the source). Speed is in `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audio } from '../src/audio/types.js';
import { writeWavFile } from '../src/audio/wav.js';
import { convertVoice } from '../src/convert/index.js';
import type { Voice } from '../src/voice/types.js';
import { voicesDir } from '../test/helpers/paths.js';
import { praatPitch } from '../test/helpers/praat.js';
import { evalLikeness } from './likeness.js';
import { EVAL_SONGS, EVAL_VOICES, referenceAudio, renderSong } from './songs.js';
import type { SpeakerClassifier } from './speaker-classifier.js';
import { recogniserWer, WER_SEEDS, werOverSeeds } from './wer.js';

export interface ConvertPitchRow {
  song: string;
  rmse: number;
  frames: number;
}

/** Every shared song sung by `from`, converted into `to`: Praat's F0 of output vs input, RMSE in cents. */
export function convertPitch(voices: Map<string, Voice>, from: string, to: string, dir: string): ConvertPitchRow[] {
  return EVAL_SONGS.map((name) => {
    const song = renderSong(name, from, voices.get(from)!, dir);
    const { audio } = convertVoice(song.audio, voices.get(to)!, { sampleRate: 44100 });
    const outWav = join(dir, `convert-${from}-${to}-${name}.wav`);
    writeWavFile(outWav, audio);
    const a = praatPitch(song.wav, { floor: song.floor, ceiling: song.ceiling * 1.2 });
    const b = praatPitch(outWav, { floor: song.floor, ceiling: song.ceiling * 1.2 });
    let s = 0;
    let n = 0;
    for (let i = 0; i < Math.min(a.f0.length, b.f0.length); i++) {
      if (!(a.f0[i] > 0 && b.f0[i] > 0)) continue;
      s += (1200 * Math.log2(b.f0[i] / a.f0[i])) ** 2;
      n++;
    }
    return { song: name.replace(/\.xml$/, ''), rmse: Math.sqrt(s / Math.max(1, n)), frames: n };
  });
}

export interface ConvertWerRow {
  from: string;
  to: string;
  input: number;
  /** Mean over WER_SEEDS. */
  output: number;
  /** Per seed. */
  outputs: number[];
  warp: number;
}

export { WER_SEEDS };

/** `audio` converted into `voice` once per WER_SEEDS, each judged by pocketsphinx against `text`: the mean WER. */
export function convertedWer(audio: Audio, text: string, voice: Voice): { mean: number; perSeed: number[]; warp: number } {
  let warp = 1;
  const { mean, perSeed } = werOverSeeds((seed) => {
    const { audio: out, report } = convertVoice(audio, voice, { seed });
    warp = report.warp;
    return out;
  }, text);
  return { mean, perSeed, warp };
}

/** The English references (real speakers) converted into every other voice: pocketsphinx WER before and after. */
export function convertWer(voices: Map<string, Voice>): ConvertWerRow[] {
  const rows: ConvertWerRow[] = [];
  for (const from of ['slt', 'kal']) {
    const audio = referenceAudio(from);
    const text = readFileSync(join(voicesDir, from, 'transcript.txt'), 'utf8');
    const input = recogniserWer(audio, text).wer;
    for (const v of EVAL_VOICES) {
      if (v.name === from) continue;
      const w = convertedWer(audio, text, voices.get(v.name)!);
      rows.push({ from, to: v.name, input, output: w.mean, outputs: w.perSeed, warp: w.warp });
    }
  }
  return rows;
}

/** 15 s from the middle of each reference converted into each other voice: the classifier's choice and margin. */
export function convertLikeness(voices: Map<string, Voice>, clf: SpeakerClassifier): { from: string; to: string; assigned: string; margin: number }[] {
  const out: { from: string; to: string; assigned: string; margin: number }[] = [];
  for (const s of EVAL_VOICES) {
    const a = referenceAudio(s.name);
    const n = 15 * a.sampleRate;
    const start = Math.max(0, Math.floor((a.samples.length - n) / 2));
    const input: Audio = { sampleRate: a.sampleRate, samples: a.samples.slice(start, start + n) };
    for (const t of EVAL_VOICES) {
      if (t.name === s.name) continue;
      const l = evalLikeness(clf, convertVoice(input, voices.get(t.name)!, {}).audio, t.name);
      out.push({ from: s.name, to: t.name, assigned: l.assigned, margin: l.margin });
    }
  }
  return out;
}
