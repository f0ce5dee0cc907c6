/**
 * Energy-based voice-activity detection: a frame is silent when its energy lies closer to the recording's noise
 * floor than to its speech level (percentiles of the frame-energy distribution), and silent runs shorter than
 * `minSeconds` are ignored (stop closures are short silences inside speech).
 */
export interface SilenceRun {
  /** First and one-past-last frame. */
  start: number;
  end: number;
}

export function silenceThresholdDb(energyDb: Float64Array): number {
  const sorted = Float64Array.from(energyDb).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const floor = Math.max(q(0.05), q(0.95) - 80);
  const speech = q(0.95);
  return floor + 0.3 * (speech - floor);
}

export function silentFrames(energyDb: Float64Array): Uint8Array {
  const thr = silenceThresholdDb(energyDb);
  const out = new Uint8Array(energyDb.length);
  for (let t = 0; t < energyDb.length; t++) out[t] = energyDb[t] < thr ? 1 : 0;
  return out;
}

export function silenceRuns(energyDb: Float64Array, hop: number, minSeconds: number): SilenceRun[] {
  const sil = silentFrames(energyDb);
  const minFrames = Math.max(1, Math.round(minSeconds / hop));
  const runs: SilenceRun[] = [];
  let t = 0;
  while (t < sil.length) {
    if (!sil[t]) {
      t++;
      continue;
    }
    const s = t;
    while (t < sil.length && sil[t]) t++;
    if (t - s >= minFrames) runs.push({ start: s, end: t });
  }
  return runs;
}
