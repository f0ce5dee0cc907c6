/**
 * Label-free checks of a forced alignment, for recordings without true phone labels (e.g. the Mandarin reference):
 * - voicing agreement: vowels (Mandarin finals) are voiced, so most of their frames should carry an F0; voiceless
 *   consonants should mostly not;
 * - durations: consonants of read speech last roughly 30-150 ms; a wrong alignment gives some consonants hundreds
 *   of ms and squeezes others to the minimum of one frame per state;
 * - pauses on silence: the frames of aligned pauses should be quiet (energy below the voice-activity threshold).
 */
import type { F0Track } from '../../analysis/types.js';
import type { PhonemeClass } from '../../lyrics/types.js';
import type { AlignedSegment } from './index.js';
import { silenceThresholdDb } from './vad.js';

export interface AlignmentDiagnostics {
  /** Fraction of frames inside vowel segments that the F0 track calls voiced. */
  vowelVoicedFraction: number;
  /** Fraction of frames inside voiceless-consonant segments that the F0 track calls unvoiced. */
  voicelessUnvoicedFraction: number;
  /** Median and fraction within 30-150 ms of consonant segment durations, seconds. */
  consonantMedian: number;
  consonantWithin30to150: number;
  /** Median vowel segment duration, seconds. */
  vowelMedian: number;
  /** Fraction of pause-segment frames below the silence threshold (NaN when no pause was aligned). */
  pauseSilentFraction: number;
  /** Fraction of the frames the energy detector calls silent that lie inside pause segments. */
  silenceInPauseFraction: number;
}

export interface DiagnosticPhoneme {
  cls: PhonemeClass;
  /** Whether the phoneme is voiced (false for voiceless obstruents). */
  voiced: boolean;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function alignmentDiagnostics(
  segments: AlignedSegment[],
  phonemes: DiagnosticPhoneme[],
  f0: F0Track,
  energyDb: Float64Array,
  energyHop: number,
): AlignmentDiagnostics {
  let vTot = 0;
  let vVoiced = 0;
  let uTot = 0;
  let uUnvoiced = 0;
  const consonant: number[] = [];
  const vowel: number[] = [];
  for (const s of segments) {
    if (s.phonemeIndex < 0) continue;
    const p = phonemes[s.phonemeIndex];
    if (p.cls === 'silence') continue;
    const d = s.end - s.start;
    if (p.cls === 'vowel') vowel.push(d);
    else consonant.push(d);
    const isVowel = p.cls === 'vowel';
    const isVoiceless = !isVowel && !p.voiced;
    if (!isVowel && !isVoiceless) continue;
    const a = Math.ceil(s.start / f0.framePeriod);
    const b = Math.min(f0.f0.length, Math.ceil(s.end / f0.framePeriod));
    for (let t = a; t < b; t++) {
      const voiced = f0.f0[t] > 0;
      if (isVowel) {
        vTot++;
        if (voiced) vVoiced++;
      } else {
        uTot++;
        if (!voiced) uUnvoiced++;
      }
    }
  }
  const thr = silenceThresholdDb(energyDb);
  const inPause = new Uint8Array(energyDb.length);
  let pTot = 0;
  let pSil = 0;
  for (const s of segments) {
    const isPause = s.phonemeIndex < 0 || phonemes[s.phonemeIndex].cls === 'silence';
    if (!isPause) continue;
    const a = Math.ceil(s.start / energyHop);
    const b = Math.min(energyDb.length, Math.ceil(s.end / energyHop));
    for (let t = a; t < b; t++) {
      inPause[t] = 1;
      pTot++;
      if (energyDb[t] < thr) pSil++;
    }
  }
  let silTot = 0;
  let silIn = 0;
  for (let t = 0; t < energyDb.length; t++) {
    if (energyDb[t] >= thr) continue;
    silTot++;
    if (inPause[t]) silIn++;
  }
  return {
    vowelVoicedFraction: vTot ? vVoiced / vTot : NaN,
    voicelessUnvoicedFraction: uTot ? uUnvoiced / uTot : NaN,
    consonantMedian: median(consonant),
    consonantWithin30to150: consonant.length ? consonant.filter((d) => d >= 0.03 && d <= 0.15).length / consonant.length : NaN,
    vowelMedian: median(vowel),
    pauseSilentFraction: pTot ? pSil / pTot : NaN,
    silenceInPauseFraction: silTot ? silIn / silTot : NaN,
  };
}
