/**
 * Building a voice from a reference recording and its transcript:
 * preprocess (trim, normalise, check) -> WORLD analysis on 5 ms frames -> forced alignment of the transcript's
 * phonemes -> compact features (high-order mel-cepstrum, band aperiodicity) -> one unit per aligned phoneme ->
 * speaker statistics -> stand-ins for the language's phonemes that the reference lacks.
 */
import type { Audio } from '../audio/types.js';
import type { Language, Phoneme } from '../lyrics/types.js';
import { analyze } from '../analysis/analyze.js';
import { UserError } from '../errors.js';
import { baseLanguage, detectLanguage, initLyrics, inventory, phonemizeText } from '../lyrics/index.js';
import { allPassConstant } from '../vocoder/mel-cepstrum.js';
import { toCompactFeatures } from '../vocoder/features.js';
import { alignPhonemes, type AlignPhoneme } from './align/index.js';
import { preprocessReference } from './preprocess.js';
import { computeStats, median } from './stats.js';
import { chooseSubstitutes } from './substitutes.js';
import { voicedEnd } from './voiced-end.js';
import { LOW_CONFIDENCE, pitchRange, type CloneReport } from './report.js';
import { sha256Hex } from './sha256.js';
import type { Voice, VoiceUnit } from './types.js';

export const VOICE_FRAME_PERIOD = 0.005;
export const TOOL_NAME = 'cantor clone';

/**
 * Mel-cepstrum order stored in a voice. Higher than the vocoder's default so that the timbre survives: measured
 * round-trip log-spectral distance (voiced CheapTrick envelopes, first 15 s) for orders 24/40/50/60: kal (16 kHz)
 * 3.3/2.6/2.3/2.1 dB, espeak-en (22.05 kHz) 4.7/3.4/2.9/2.6 dB, slt (32 kHz) 3.2/1.8/0.46/0.37 dB. 50 below 24 kHz
 * (the fine envelope structure of a 16-22 kHz voice keeps paying up to 60, at 20 % more file), 60 above.
 */
export function voiceMcepOrder(fs: number): number {
  return fs <= 24000 ? 50 : 60;
}

export interface BuildVoiceOptions {
  name?: string;
  /** Reference file name (for messages and provenance). */
  file?: string;
  /** The reference file's bytes, for the provenance hash (the decoded samples are hashed without them). */
  fileBytes?: Uint8Array;
  /** Transcript file name, for messages. */
  transcriptFile?: string;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface BuildVoiceResult {
  voice: Voice;
  report: CloneReport;
}

interface TranscriptPhoneme extends AlignPhoneme {
  phoneme: Phoneme;
}

function transcriptPhonemes(transcript: string, language: Language, file?: string): TranscriptPhoneme[] {
  const base = baseLanguage(language);
  const text = transcript.trim();
  if (text === '') throw new UserError('the transcript is empty', { file });
  if (base === 'en' || base === 'zh' || base === 'ja') {
    const detected = detectLanguage(text);
    if (detected !== base && !(base === 'ja' && detected === 'zh')) {
      throw new UserError(`the transcript looks like '${detected}' text, not '${base}': check --lang`, { file });
    }
  }
  let words;
  try {
    words = phonemizeText(text, language);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(err.message, { file });
    throw err;
  }
  const out: TranscriptPhoneme[] = [];
  words.forEach((w, i) => {
    for (const p of w.phonemes) out.push({ symbol: p.symbol, cls: p.cls, wordIndex: i, phoneme: p });
  });
  const spoken = out.filter((p) => p.cls !== 'silence').length;
  if (spoken < 3) throw new UserError(`the transcript has ${spoken} pronounceable phonemes in '${base}'`, { file });
  return out;
}

export function buildVoice(audio: Audio, transcript: string, language: Language, opts: BuildVoiceOptions = {}): BuildVoiceResult {
  const file = opts.file ?? 'reference';
  const progress = opts.onProgress ?? (() => {});
  const phonemes = transcriptPhonemes(transcript, language, opts.transcriptFile ?? file);

  progress('preprocess', 0);
  const pre = preprocessReference(audio, file);
  const x = pre.audio;
  const fs = x.sampleRate;
  const duration = x.samples.length / fs;

  progress('analyse', 0.05);
  const params = analyze(x, { framePeriod: VOICE_FRAME_PERIOD });
  let voicedFrames = 0;
  for (let t = 0; t < params.f0.length; t++) if (params.f0[t] > 0) voicedFrames++;
  const voicedSeconds = voicedFrames * params.framePeriod;
  if (voicedSeconds < 1 || voicedFrames < 0.1 * params.f0.length) {
    throw new UserError(`no voiced speech found (${voicedSeconds.toFixed(1)} s voiced of ${duration.toFixed(1)} s)`, { file });
  }

  progress('align', 0.35);
  let aligned;
  try {
    aligned = alignPhonemes(x, phonemes);
  } catch (err) {
    if (err instanceof Error && /do not fit/.test(err.message)) {
      throw new UserError(`the transcript (${phonemes.length} phonemes) is too long for ${duration.toFixed(1)} s of audio`, { file: opts.transcriptFile ?? file });
    }
    throw err;
  }

  progress('features', 0.8);
  const order = voiceMcepOrder(fs);
  const alpha = allPassConstant(fs);
  const compact = toCompactFeatures(params, { order, alpha });
  const T = params.f0.length;
  const dim = order + 1;
  const apBands = compact.bandAperiodicity[0]?.length ?? 0;
  const f0 = new Float32Array(T);
  const mcep = new Float32Array(T * dim);
  const ap = new Float32Array(T * apBands);
  for (let t = 0; t < T; t++) {
    f0[t] = params.f0[t];
    mcep.set(compact.melCepstrum[t], t * dim);
    ap.set(compact.bandAperiodicity[t], t * apBands);
  }

  progress('units', 0.9);
  const segs = aligned.segments;
  const units: VoiceUnit[] = [];
  const dbPerNeper = 20 / Math.LN10;
  let trimmedUnits = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.phonemeIndex < 0) continue;
    const ph = phonemes[s.phonemeIndex].phoneme;
    if (ph.cls === 'silence') continue;
    const ctx = (j: number) => {
      const n = segs[j];
      if (!n || n.phonemeIndex < 0) return 'pau';
      return phonemes[n.phonemeIndex].symbol;
    };
    const frameStart = Math.min(T - 1, Math.max(0, Math.round(s.start / VOICE_FRAME_PERIOD)));
    const alignedEnd = Math.min(T, Math.max(frameStart + 1, Math.round(s.end / VOICE_FRAME_PERIOD)));
    // A sonorant ends where its voicing stops (voiced-end.ts).
    const frameEnd = ph.voiced ? voicedEnd(f0, frameStart, alignedEnd, ph.cls) : alignedEnd;
    if (frameEnd !== alignedEnd) trimmedUnits++;
    const uf0: number[] = [];
    let energy = 0;
    for (let t = frameStart; t < frameEnd; t++) {
      if (f0[t] > 0) uf0.push(f0[t]);
      energy += mcep[t * dim] * dbPerNeper;
    }
    units.push({
      phoneme: ph.symbol,
      cls: ph.cls,
      voiced: ph.voiced,
      left: ctx(i - 1),
      right: ctx(i + 1),
      wordIndex: phonemes[s.phonemeIndex].wordIndex,
      ...(ph.stress !== undefined ? { stress: ph.stress } : {}),
      start: s.start,
      end: frameEnd === alignedEnd ? s.end : frameEnd * VOICE_FRAME_PERIOD,
      frameStart,
      frameCount: frameEnd - frameStart,
      f0: uf0.length ? median(uf0) : 0,
      energy: energy / (frameEnd - frameStart),
    });
  }

  const stats = computeStats(params, units, mcep, order);
  const present = new Set(units.map((u) => u.phoneme));
  const substitutes = chooseSubstitutes(inventory(language), present);
  const name = opts.name ?? file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

  const voice: Voice = {
    format: 'cantor-voice',
    version: 1,
    name,
    language: baseLanguage(language),
    sampleRate: fs,
    framePeriod: VOICE_FRAME_PERIOD,
    fftSize: params.fftSize,
    mcepOrder: order,
    alpha,
    apBands,
    frameCount: T,
    frames: { f0, mcep, ap },
    units,
    stats,
    provenance: {
      file,
      duration,
      transcript,
      sha256: sha256Hex(opts.fileBytes ?? new Uint8Array(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength)),
      createdAt: new Date().toISOString(),
      tool: TOOL_NAME,
    },
    substitutes,
  };

  const warnings = [...pre.warnings];
  if (aligned.confidence < LOW_CONFIDENCE) {
    warnings.push(
      `low alignment confidence ${aligned.confidence.toFixed(2)}: the transcript does not seem to fit the audio (wrong transcript or language?); the voice's phonemes will be unreliable`,
    );
  }
  const missing = Object.entries(substitutes).map(([phoneme, substitute]) => ({ phoneme, substitute }));
  const report: CloneReport = {
    name,
    file,
    language: voice.language,
    sampleRate: fs,
    inputDuration: pre.inputDuration,
    durationUsed: duration,
    trimStart: pre.trimStart,
    unitCount: units.length,
    trimmedUnits,
    phonemeCounts: stats.phonemeCounts,
    missing,
    pitch: pitchRange(stats.f0Median, stats.f0P5, stats.f0P95),
    alignmentConfidence: aligned.confidence,
    snrDb: pre.snrDb,
    clippedSamples: pre.clippedSamples,
    gainDb: pre.gainDb,
    warnings,
  };
  progress('done', 1);
  return { voice, report };
}

/** buildVoice for any language: loads eSpeak-NG first when the language needs it (not en, zh, ja). */
export async function buildVoiceAsync(audio: Audio, transcript: string, language: Language, opts: BuildVoiceOptions = {}): Promise<BuildVoiceResult> {
  const base = baseLanguage(language);
  if (base !== 'en' && base !== 'zh' && base !== 'ja') await initLyrics();
  return buildVoice(audio, transcript, language, opts);
}
