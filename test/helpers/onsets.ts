/**
 * Vowel onsets from a rise in band energy (a band-wise spectral flux, as in onset detection for music: Bello et al.
 * 2005, "A tutorial on onset detection in music signals"), for measuring timing where a voicing onset does not exist:
 * a vowel after a nasal or a voiced stop or fricative is voiced on both sides of its onset, but its first formant
 * opens up and the energy under 1 kHz jumps. Near an expected onset (within +-SEARCH_S, and within half of the phone
 * before and of the vowel) the detector takes the strongest rise of log band energy from t - RISE_HALF_S to
 * t + RISE_HALF_S. Vowels after liquids and glides are left out (ONSET_CLASSES). It is our own signal processing, so
 * its own error is measured on recordings with true phone segments (trueVowelOnsets; test/eval/onsets.test.ts: slt
 * 3 ms median over 139 onsets).
 */
import { readFileSync } from 'node:fs';
import { getFft } from '../../src/audio/fft.js';
import { resample } from '../../src/audio/resample.js';
import type { Audio } from '../../src/audio/types.js';
import type { PhonemeClass } from '../../src/lyrics/types.js';
import type { Plan } from '../../src/planner/types.js';
import { median } from './measure.js';

const RATE = 16000;
/** 16 ms Hann window, 1 ms hop. */
const WIN = 256;
const HOP = 16;
export const FRAME_S = HOP / RATE;
/** The rise is the change of log band energy from t - RISE_HALF_S to t + RISE_HALF_S. */
export const RISE_HALF_S = 0.01;
/** Half-width of the search window around the expected onset. */
export const SEARCH_S = 0.05;
/** Length of the moving average over band powers (s). */
const SMOOTH_S = 0.01;
/** A rise weaker than this (dB per band, averaged over bands) is no onset. */
export const MIN_RISE_DB = 1.5;
/**
 * Band edges, Hz: F0 and F1 only. Above 1 kHz a stop's burst and aspiration rise first and pull the onset early
 * (on slt's plosive-vowel onsets: median |error| 5 ms with bands up to 3.85 kHz, 3 ms with these).
 */
const EDGES = [100, 200, 300, 400, 520, 650, 800, 980];

export interface BandEnergies {
  /** Log band energies (dB) per frame: frames x bands, row-major. */
  db: Float64Array;
  bands: number;
  frames: number;
}

/** Log energies of EDGES' bands, one frame per ms (frame i centred at i * FRAME_S). */
export function bandEnergies(audio: Audio): BandEnergies {
  const a = audio.sampleRate === RATE ? audio.samples : resample(audio, RATE).samples;
  const fft = getFft(WIN);
  const win = new Float64Array(WIN);
  for (let i = 0; i < WIN; i++) win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / WIN);
  const frames = Math.floor(a.length / HOP);
  const bands = EDGES.length - 1;
  const pow = new Float64Array(frames * bands);
  const db = new Float64Array(frames * bands);
  const buf = new Float64Array(WIN);
  const spec = fft.createComplex();
  const binHz = RATE / WIN;
  for (let f = 0; f < frames; f++) {
    const c = f * HOP;
    for (let i = 0; i < WIN; i++) {
      const k = c - WIN / 2 + i;
      buf[i] = k >= 0 && k < a.length ? a[k] * win[i] : 0;
    }
    fft.realForward(buf, spec);
    for (let b = 0; b < bands; b++) {
      let e = 0;
      for (let k = Math.ceil(EDGES[b] / binHz); k * binHz < EDGES[b + 1]; k++) e += spec[2 * k] ** 2 + spec[2 * k + 1] ** 2;
      pow[f * bands + b] = e;
    }
  }
  // Band energy ripples with the glottal period (a 16 ms window holds 2-3 pulses, and the count changes as it
  // slides): a 10 ms moving average in the power domain takes most of that out (a steady 120 Hz tone: 4 dB -> <1 dB).
  const half = Math.round(SMOOTH_S / FRAME_S / 2);
  for (let b = 0; b < bands; b++) {
    for (let f = 0; f < frames; f++) {
      let s = 0;
      let n = 0;
      for (let g = Math.max(0, f - half); g <= Math.min(frames - 1, f + half); g++, n++) s += pow[g * bands + b];
      db[f * bands + b] = 10 * Math.log10(s / n + 1e-9);
    }
  }
  // Floor every band 60 dB under the loudest frame's level, so that rises out of digital silence count like rises
  // out of a quiet pause rather than by hundreds of dB.
  let top = -Infinity;
  for (const v of db) top = Math.max(top, v);
  for (let i = 0; i < db.length; i++) db[i] = Math.max(db[i], top - 60);
  return { db, bands, frames };
}

/** Mean over bands of the positive change of log energy from frame f - d to f + d (dB). */
function rise(e: BandEnergies, f: number, d: number): number {
  if (f - d < 0 || f + d >= e.frames) return 0;
  let s = 0;
  for (let b = 0; b < e.bands; b++) s += Math.max(0, e.db[(f + d) * e.bands + b] - e.db[(f - d) * e.bands + b]);
  return s / e.bands;
}

/**
 * The time of the strongest rise from `expected - early` to `expected + late` (each at most SEARCH_S), or NaN if none
 * reaches MIN_RISE_DB.
 */
export function detectOnset(e: BandEnergies, expected: number, early = SEARCH_S, late = SEARCH_S): number {
  const d = Math.round(RISE_HALF_S / FRAME_S);
  const lo = Math.max(0, Math.round((expected - Math.min(early, SEARCH_S)) / FRAME_S));
  const hi = Math.min(e.frames - 1, Math.round((expected + Math.min(late, SEARCH_S)) / FRAME_S));
  let best = -1;
  let bestRise = MIN_RISE_DB;
  for (let f = lo; f <= hi; f++) {
    const r = rise(e, f, d);
    if (r > bestRise) {
      bestRise = r;
      best = f;
    }
  }
  return best < 0 ? NaN : best * FRAME_S;
}

/** A vowel onset to look for: where it should be and what comes before it. */
export interface VowelOnset {
  time: number;
  /** Class of the phone before the vowel ('silence' for a pause). */
  before: PhonemeClass;
  label: string;
  /**
   * Half the length of the phone before and of the vowel (s): the search stops there, so that the rise into a long
   * consonant (a nasal murmur after an /s/, 50 ms before the vowel in a sung "-sma") is not taken for the vowel's.
   */
  early: number;
  late: number;
}

/**
 * Classes before a vowel whose onset the detector is trusted with. Liquids and glides glide into the vowel with no
 * jump in energy: on slt's true onsets the strongest rise comes 25-45 ms early (at the liquid itself), so they are
 * left out, as are vowels after vowels.
 */
export const ONSET_CLASSES: ReadonlySet<PhonemeClass> = new Set(['silence', 'plosive', 'fricative', 'affricate', 'nasal']);

/** Vowels that follow a pause or a consonant of ONSET_CLASSES. */
export function planVowelOnsets(plan: Plan): VowelOnset[] {
  const out: VowelOnset[] = [];
  for (let s = 1; s < plan.segments.length; s++) {
    const seg = plan.segments[s];
    const prev = plan.segments[s - 1];
    if (seg.cls !== 'vowel' || !ONSET_CLASSES.has(prev.cls) || prev.end !== seg.start) continue;
    out.push({
      time: seg.start,
      before: prev.cls,
      label: `${prev.phoneme}-${seg.phoneme}@${seg.start.toFixed(3)}`,
      early: (prev.end - prev.start) / 2,
      late: (seg.end - seg.start) / 2,
    });
  }
  return out;
}

/** Festival's US English phone set (radio phones), by class. */
const FESTIVAL_CLASSES: Record<string, PhonemeClass> = {
  ...Object.fromEntries('aa ae ah ao aw ax ay eh er ey ih iy ow oy uh uw'.split(' ').map((p) => [p, 'vowel'])),
  ...Object.fromEntries('m n ng'.split(' ').map((p) => [p, 'nasal'])),
  ...Object.fromEntries('l r'.split(' ').map((p) => [p, 'liquid'])),
  ...Object.fromEntries('w y'.split(' ').map((p) => [p, 'glide'])),
  ...Object.fromEntries('p t k b d g'.split(' ').map((p) => [p, 'plosive'])),
  ...Object.fromEntries('f v th dh s z sh zh hh'.split(' ').map((p) => [p, 'fricative'])),
  ...Object.fromEntries('ch jh'.split(' ').map((p) => [p, 'affricate'])),
  pau: 'silence',
  h: 'fricative',
};

/** True vowel onsets of a recording from its phones.txt (`start end phone` a line). */
export function trueVowelOnsets(phonesPath: string): VowelOnset[] {
  const rows = readFileSync(phonesPath, 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r.length >= 3);
  const out: VowelOnset[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cls = FESTIVAL_CLASSES[rows[i][2]];
    const prev = FESTIVAL_CLASSES[rows[i - 1][2]];
    if (cls !== 'vowel' || prev === undefined || !ONSET_CLASSES.has(prev)) continue;
    const [ps, pe] = [Number(rows[i - 1][0]), Number(rows[i - 1][1])];
    const [s, e] = [Number(rows[i][0]), Number(rows[i][1])];
    out.push({ time: s, before: prev, label: `${rows[i - 1][2]}-${rows[i][2]}@${rows[i][0]}`, early: (pe - ps) / 2, late: (e - s) / 2 });
  }
  return out;
}

export interface OnsetMeasure {
  /** Detected minus expected, seconds, per onset found. */
  errors: number[];
  /** Class before the vowel, per entry of errors. */
  before: PhonemeClass[];
  /** Labels of the onsets with no rise found. */
  missing: string[];
  /** Median |error|, seconds. */
  medianAbs: number;
}

/**
 * Detects each onset near `at(o)` and reports it against `o.time`. With at = o => o.time it measures output timing
 * against a plan; validation shifts the search centre (the detector must not profit from being told the answer).
 */
export function measureOnsets(audio: Audio, onsets: VowelOnset[], at: (o: VowelOnset, i: number) => number = (o) => o.time): OnsetMeasure {
  const e = bandEnergies(audio);
  const errors: number[] = [];
  const before: PhonemeClass[] = [];
  const missing: string[] = [];
  onsets.forEach((o, i) => {
    const t = detectOnset(e, at(o, i), o.early, o.late);
    if (Number.isFinite(t)) {
      errors.push(t - o.time);
      before.push(o.before);
    } else missing.push(o.label);
  });
  return { errors, before, missing, medianAbs: median(errors.map(Math.abs)) };
}

/** Rendered vowel onsets against the plan's. */
export function measurePlanOnsets(plan: Plan, audio: Audio): OnsetMeasure {
  return measureOnsets(audio, planVowelOnsets(plan));
}

/** A deterministic shift in [-max, max] per index (a Weyl sequence), for the validation's search centres. */
export function jitter(i: number, max: number): number {
  const u = (i * 0.6180339887498949) % 1;
  return (2 * u - 1) * max;
}
