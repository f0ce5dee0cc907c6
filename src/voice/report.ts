/** What `clone` tells the user about the voice it built. */
import type { Language } from '../lyrics/types.js';
import { pitchName } from '../score/pitch-name.js';

export interface PitchRange {
  medianHz: number;
  lowHz: number;
  highHz: number;
  /** Note names (scientific pitch, A4 = 440 Hz) of the three. */
  median: string;
  low: string;
  high: string;
}

export interface CloneReport {
  name: string;
  file: string;
  language: Language;
  sampleRate: number;
  /** Seconds of the input, and of it used after trimming. */
  inputDuration: number;
  durationUsed: number;
  /** Seconds trimmed off the start of the input: unit times in the voice are relative to the trimmed audio. */
  trimStart: number;
  /** Units (aligned phonemes) and how many of each phoneme. */
  unitCount: number;
  /** Sonorant units cut where their voicing stops: the aligner had let them run over a consonant or pause (voiced-end.ts). */
  trimmedUnits: number;
  phonemeCounts: Record<string, number>;
  /** Phonemes of the language the reference lacks, each with the phoneme standing in for it. */
  missing: { phoneme: string; substitute: string }[];
  /** Speaker's pitch: median and 5th..95th percentile of the voiced frames. */
  pitch: PitchRange;
  /** 0..1: how well the transcript explains the audio. */
  alignmentConfidence: number;
  snrDb: number;
  clippedSamples: number;
  gainDb: number;
  warnings: string[];
}

/** Below this alignment confidence the transcript is reported as not fitting the audio (align/confidence.ts: right
 * transcripts of the shared voices score 0.52-1, English and Mandarin alike; transcripts of other audio 0-0.18). */
export const LOW_CONFIDENCE = 0.35;

/** Note name of a frequency, nearest semitone ('-' for 0 Hz). */
export function noteName(hz: number): string {
  if (!(hz > 0)) return '-';
  return pitchName(Math.round(69 + 12 * Math.log2(hz / 440)));
}

export function pitchRange(medianHz: number, lowHz: number, highHz: number): PitchRange {
  return { medianHz, lowHz, highHz, median: noteName(medianHz), low: noteName(lowHz), high: noteName(highHz) };
}

/** Missing phonemes listed one by one (the generic IPA inventory of eSpeak languages is long). */
const MAX_LISTED = 40;

export function formatCloneReport(r: CloneReport): string {
  const lines: string[] = [];
  lines.push(`voice "${r.name}" (${r.language}) from ${r.file}`);
  lines.push(`  audio: ${r.durationUsed.toFixed(1)} s used of ${r.inputDuration.toFixed(1)} s, ${r.sampleRate} Hz, gain ${r.gainDb >= 0 ? '+' : ''}${r.gainDb.toFixed(1)} dB, SNR about ${r.snrDb.toFixed(0)} dB`);
  const p = r.pitch;
  lines.push(`  pitch: median ${p.medianHz.toFixed(0)} Hz (${p.median}), range ${p.lowHz.toFixed(0)}-${p.highHz.toFixed(0)} Hz (${p.low}-${p.high})`);
  lines.push(`  alignment confidence: ${r.alignmentConfidence.toFixed(2)}`);
  const counts = Object.entries(r.phonemeCounts).sort((a, b) => b[1] - a[1]);
  lines.push(`  phonemes found: ${counts.length} (${r.unitCount} units): ${counts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.trimmedUnits > 0) lines.push(`  ${r.trimmedUnits} vowel, nasal or liquid units cut where their voicing stops (their aligned span ran on over a consonant or pause)`);
  if (r.missing.length === 0) lines.push('  missing phonemes: none');
  else {
    const shown = r.missing.slice(0, MAX_LISTED).map((m) => `${m.phoneme} -> ${m.substitute}`).join(', ');
    const more = r.missing.length > MAX_LISTED ? ` and ${r.missing.length - MAX_LISTED} more` : '';
    lines.push(`  missing phonemes (${r.missing.length}), with stand-ins: ${shown}${more}`);
  }
  if (r.warnings.length === 0) lines.push('  warnings: none');
  else for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
