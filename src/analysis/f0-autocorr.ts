/**
 * The robust F0 path: normalised cross-correlation candidates and a best path through them, in the manner of Praat's
 * "To Pitch (ac)" (Boersma 1993) and RAPT (Talkin 1995). Slower than DIO but it looks at whole periods and at the
 * whole contour at once, so it resists octave errors in voices with a weak fundamental.
 *
 * Per frame (on the ~8 kHz decimated signal): NCCF over all lags of 1/f0Ceil .. 1/f0Floor, its local maxima above
 * 0.3 (parabolically interpolated) become candidates with strength R + 0.01 log2(f / floor) (Praat's octave cost),
 * plus an "unvoiced" candidate. Dynamic programming then minimises octave jumps (0.35 per octave) and voicing
 * switches (0.14), Praat's default costs. The chosen F0s are refined by StoneMask at the original rate.
 */
import type { Audio } from '../audio/types.js';
import { decimate, decimationRatio } from './f0-decimate.js';
import { stoneMask } from './stonemask.js';

export interface AutocorrOptions {
  framePeriod?: number;
  f0Floor?: number;
  f0Ceil?: number;
}

const MAX_CANDIDATES = 5;
const OCTAVE_COST = 0.01;
const OCTAVE_JUMP_COST = 0.35;
const VOICED_UNVOICED_COST = 0.14;
const VOICING_THRESHOLD = 0.45;
const SILENCE_THRESHOLD = 0.03;

/** Robust F0 candidates per frame (0 = unvoiced), refined; the final voicing decision is left to the caller. */
export function autocorrelationF0(audio: Audio, opts: AutocorrOptions = {}): Float64Array {
  const framePeriod = opts.framePeriod ?? 0.005;
  const f0Floor = opts.f0Floor ?? 50;
  const f0Ceil = opts.f0Ceil ?? 1100;
  const fs = audio.sampleRate;
  const nF = Math.floor(audio.samples.length / fs / framePeriod) + 1;
  const ratio = decimationRatio(fs, 8000);
  const x = decimate(audio.samples, ratio);
  const rate = fs / ratio;
  const n = x.length;
  const minLag = Math.max(2, Math.floor(rate / f0Ceil));
  const maxLag = Math.ceil(rate / f0Floor);
  const W = Math.round((2 * rate) / f0Floor); // two periods of the lowest F0

  let globalPeak = 0;
  for (let i = 0; i < n; i++) globalPeak = Math.max(globalPeak, Math.abs(x[i]));

  const candF: Float64Array[] = [];
  const candS: Float64Array[] = [];
  const r = new Float64Array(maxLag + 2);
  // Running energies of x[s .. s+W) and x[s+L .. s+L+W) for all L via prefix sums of squares.
  const sq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) sq[i + 1] = sq[i] + x[i] * x[i];
  const energy = (a: number, b: number): number => sq[Math.min(n, Math.max(0, b))] - sq[Math.min(n, Math.max(0, a))];

  for (let i = 0; i < nF; i++) {
    const c = Math.round(i * framePeriod * rate);
    const s = c - (W >> 1);
    let localPeak = 0;
    for (let j = Math.max(0, s); j < Math.min(n, s + W); j++) localPeak = Math.max(localPeak, Math.abs(x[j]));
    const e0 = energy(s, s + W);
    const fs_: number[] = [0];
    // Praat's unvoiced strength: higher in quiet frames.
    const rel = globalPeak > 0 ? localPeak / globalPeak : 0;
    const ss: number[] = [VOICING_THRESHOLD + Math.max(0, 2 - (rel / SILENCE_THRESHOLD) * (1 + VOICING_THRESHOLD))];
    if (e0 > 0) {
      for (let L = minLag - 1; L <= maxLag + 1; L++) {
        let acc = 0;
        const lo = Math.max(0, s);
        const hi = Math.min(n - L, s + W);
        for (let j = lo; j < hi; j++) acc += x[j] * x[j + L];
        const eL = energy(s + L, s + L + W);
        r[L] = eL > 0 ? acc / Math.sqrt(e0 * eL) : 0;
      }
      const peaks: { f: number; s: number }[] = [];
      for (let L = minLag; L <= maxLag; L++) {
        if (r[L] > 0.3 && r[L] >= r[L - 1] && r[L] > r[L + 1]) {
          const den = r[L - 1] - 2 * r[L] + r[L + 1];
          const d = den < 0 ? (0.5 * (r[L - 1] - r[L + 1])) / den : 0;
          const peak = den < 0 ? r[L] - 0.25 * (r[L - 1] - r[L + 1]) * d : r[L];
          const f = rate / (L + d);
          if (f >= f0Floor && f <= f0Ceil) peaks.push({ f, s: Math.min(1, peak) + OCTAVE_COST * Math.log2(f / f0Floor) });
        }
      }
      peaks.sort((a, b) => b.s - a.s);
      for (const p of peaks.slice(0, MAX_CANDIDATES)) {
        fs_.push(p.f);
        ss.push(p.s);
      }
    }
    candF.push(Float64Array.from(fs_));
    candS.push(Float64Array.from(ss));
  }

  // Viterbi over candidates: maximise strength minus transition costs (Boersma 1993, section on path finding).
  const score: Float64Array[] = [];
  const back: Int32Array[] = [];
  for (let i = 0; i < nF; i++) {
    const m = candF[i].length;
    const sc = new Float64Array(m);
    const bk = new Int32Array(m);
    for (let a = 0; a < m; a++) {
      if (i === 0) {
        sc[a] = candS[i][a];
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      const prevF = candF[i - 1];
      for (let b = 0; b < prevF.length; b++) {
        const fa = candF[i][a];
        const fb = prevF[b];
        let cost = 0;
        if (fa > 0 && fb > 0) cost = OCTAVE_JUMP_COST * Math.abs(Math.log2(fa / fb));
        else if (fa > 0 !== fb > 0) cost = VOICED_UNVOICED_COST;
        const v = score[i - 1][b] - cost;
        if (v > best) {
          best = v;
          arg = b;
        }
      }
      sc[a] = best + candS[i][a];
      bk[a] = arg;
    }
    score.push(sc);
    back.push(bk);
  }
  const path = new Float64Array(nF);
  let k = 0;
  for (let a = 1; a < score[nF - 1].length; a++) if (score[nF - 1][a] > score[nF - 1][k]) k = a;
  for (let i = nF - 1; i >= 0; i--) {
    path[i] = candF[i][k];
    k = back[i][k];
  }
  return stoneMask(audio, path, framePeriod);
}
