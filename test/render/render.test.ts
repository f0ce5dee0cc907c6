/**
 * The renderer's contract on the default voice: output length, determinism, peak level, silence, fallbacks for
 * missing phonemes, natural unit sequences, and the colour curves measured on the output (dB, spectral centroid).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Audio } from '../../src/audio/types.js';
import { planSong } from '../../src/planner/index.js';
import type { Plan } from '../../src/planner/types.js';
import { defaultVoice } from '../../src/render/default-voice.js';
import { render } from '../../src/render/render.js';
import { selectUnits, type SelectionTarget } from '../../src/render/unit-selection.js';
import { loadScore } from '../../src/score/index.js';
import { getFft } from '../../src/audio/fft.js';
import { repoRoot, tempDir } from '../helpers/paths.js';
import { praatPitch } from '../helpers/praat.js';
import { writeWavFile } from '../../src/audio/wav.js';
import { rmSync } from 'node:fs';

const { voice } = defaultVoice();
const score = loadScore(join(repoRoot, 'assets', 'songs', 'twinkle.musicxml'));
const plan = planSong(score, { consonantDurations: voice.stats.consonantDurations });

function rmsDb(a: Audio, t0: number, t1: number): number {
  const i0 = Math.max(0, Math.round(t0 * a.sampleRate));
  const i1 = Math.min(a.samples.length, Math.round(t1 * a.sampleRate));
  let s = 0;
  for (let i = i0; i < i1; i++) s += a.samples[i] * a.samples[i];
  return 10 * Math.log10(s / Math.max(1, i1 - i0) + 1e-20);
}

/** Spectral balance of [t0, t1): power in 2-8 kHz over power below 1 kHz, dB (and an amplitude-weighted centroid). */
function spectrum(a: Audio, t0: number, t1: number): { balance: number; centroid: number } {
  const n = 2048;
  const fft = getFft(n);
  let hi = 0;
  let lo = 0;
  let num = 0;
  let den = 0;
  for (let s = Math.round(t0 * a.sampleRate); s + n <= Math.round(t1 * a.sampleRate); s += n / 2) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = a.samples[s + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    const spec = new Float64Array(n + 2);
    fft.realForwardHalf(x, spec);
    for (let k = 0; k <= n / 2; k++) {
      const p = spec[2 * k] ** 2 + spec[2 * k + 1] ** 2;
      const f = (k * a.sampleRate) / n;
      if (f < 1000) lo += p;
      else if (f >= 2000 && f < 8000) hi += p;
      if (f >= 200 && f < 5000) {
        num += Math.sqrt(p) * f;
        den += Math.sqrt(p);
      }
    }
  }
  return { balance: 10 * Math.log10(hi / lo), centroid: num / den };
}

const base = render(plan, voice, { seed: 1 });

test('output length is the plan duration within one frame, at the voice rate and resampled', () => {
  const a = base.audio;
  assert.equal(a.sampleRate, voice.sampleRate);
  const seconds = a.samples.length / a.sampleRate;
  assert.ok(Math.abs(seconds - plan.duration) <= plan.framePeriod, `${seconds} s for a ${plan.duration} s plan`);
  const r = render(plan, voice, { seed: 1, sampleRate: 44100 });
  assert.equal(r.audio.sampleRate, 44100);
  const s2 = r.audio.samples.length / 44100;
  assert.ok(Math.abs(s2 - plan.duration) <= plan.framePeriod, `${s2} s at 44.1 kHz for a ${plan.duration} s plan`);
});

test('the same seed gives the same samples; another seed changes only the noise', () => {
  const again = render(plan, voice, { seed: 1 });
  assert.deepEqual(again.audio.samples, base.audio.samples);
  const other = render(plan, voice, { seed: 2 });
  let diff = 0;
  for (let i = 0; i < other.audio.samples.length; i++) if (other.audio.samples[i] !== base.audio.samples[i]) diff++;
  assert.ok(diff > 0);
  // Same level within 0.5 dB: only the noise differs.
  assert.ok(Math.abs(rmsDb(other.audio, 0, plan.duration) - rmsDb(base.audio, 0, plan.duration)) < 0.5);
});

test('peak at most -1 dBFS; rests are silent; sung notes are loud', () => {
  let peak = 0;
  for (const v of base.audio.samples) peak = Math.max(peak, Math.abs(v));
  assert.ok(20 * Math.log10(peak) <= -1 + 1e-6, `peak ${20 * Math.log10(peak)} dBFS`);
  assert.ok(20 * Math.log10(peak) > -20, `peak ${20 * Math.log10(peak)} dBFS: too quiet`);
  const rest = plan.segments.find((s) => s.phoneme === 'pau' && s.end - s.start > 0.15)!;
  const vowel = plan.segments.find((s) => s.cls === 'vowel' && s.end - s.start > 0.3)!;
  const quiet = rmsDb(base.audio, rest.start + 0.04, rest.end - 0.04);
  const loud = rmsDb(base.audio, vowel.start + 0.05, vowel.end - 0.05);
  console.log(`rest ${quiet.toFixed(1)} dB, vowel ${vowel.phoneme} ${loud.toFixed(1)} dB`);
  assert.ok(loud - quiet > 50, `rest only ${(loud - quiet).toFixed(1)} dB below a vowel`);
});

test('a phoneme the voice lacks falls back to a stand-in, is reported and is still sung', () => {
  const crippled = { ...voice, units: voice.units.filter((u) => u.phoneme !== 'AA'), substitutes: { ...voice.substitutes } };
  delete crippled.substitutes.AA;
  const r = render(plan, crippled, { seed: 1 });
  const fb = r.report.fallbacks.find((f) => f.phoneme === 'AA');
  assert.ok(fb, 'AA fallback reported');
  // With no substitute listed, the nearest vowel by articulation: AH (open-mid back) for AA (open back).
  assert.deepEqual(fb, { phoneme: 'AA', used: 'AH', reason: 'substitute' });
  const seg = plan.segments.find((s) => s.phoneme === 'AA' && s.end - s.start > 0.3)!;
  const level = rmsDb(r.audio, seg.start + 0.05, seg.end - 0.05);
  const ref = rmsDb(base.audio, seg.start + 0.05, seg.end - 0.05);
  assert.ok(Math.abs(level - ref) < 10, `fallback vowel at ${level.toFixed(1)} dB vs ${ref.toFixed(1)} dB`);
  // With a substitute listed, the substitute is used.
  const withSub = { ...crippled, substitutes: { ...crippled.substitutes, AA: 'AO' } };
  const r2 = render(plan, withSub, { seed: 1 });
  assert.deepEqual(r2.report.fallbacks.find((f) => f.phoneme === 'AA'), { phoneme: 'AA', used: 'AO', reason: 'substitute' });
  // A symbol no phone set knows: the best-covered phoneme of its class and voicing.
  const odd: Plan = { ...plan, segments: plan.segments.map((x) => (x.phoneme === 'AA' ? { ...x, phoneme: 'Q9' } : x)) };
  const r3 = render(odd, voice, { seed: 1 });
  const fb3 = r3.report.fallbacks.find((f) => f.phoneme === 'Q9');
  assert.equal(fb3?.reason, 'same-class');
  assert.equal(voice.units.find((u) => u.phoneme === fb3?.used)?.cls, 'vowel');
});

test('a stretch of the recording asked for with its own contexts is selected as it was recorded', () => {
  // Five consecutive units that were neighbours in the reference: the search must pick exactly them (zero join cost).
  let start = -1;
  for (let i = 0; i + 5 <= voice.units.length && start < 0; i++) {
    let ok = true;
    for (let k = i + 1; k < i + 5; k++) {
      const a = voice.units[k - 1];
      if (voice.units[k].frameStart !== a.frameStart + a.frameCount) ok = false;
    }
    if (ok && i > 40) start = i;
  }
  assert.ok(start >= 0);
  const targets: SelectionTarget[] = [];
  for (let k = start; k < start + 5; k++) {
    const u = voice.units[k];
    targets.push({ phoneme: u.phoneme, cls: u.cls, voiced: u.voiced, left: u.left, right: u.right, f0: u.f0,
      duration: u.frameCount * voice.framePeriod });
  }
  const sel = selectUnits(targets, voice);
  assert.deepEqual(sel.units, [start, start + 1, start + 2, start + 3, start + 4]);
});

test('loudness and tension curves change the output as planned (dB, spectral balance)', () => {
  const seg = plan.segments.find((s) => s.cls === 'vowel' && s.end - s.start > 0.5)!;
  const louder: Plan = { ...plan, loudness: plan.loudness.map((v) => v + 6) };
  // Peak normalisation would undo a global gain: compare against the quietest rendering's normalisation.
  const a = render(louder, voice, { seed: 1 });
  const gain = rmsDb(a.audio, seg.start + 0.05, seg.end - 0.05) - a.report.normalizeDb -
    (rmsDb(base.audio, seg.start + 0.05, seg.end - 0.05) - base.report.normalizeDb);
  console.log(`+6 dB loudness: ${gain.toFixed(2)} dB`);
  assert.ok(Math.abs(gain - 6) < 0.5, `+6 dB loudness gave ${gain.toFixed(2)} dB`);
  const tense = render({ ...plan, tension: plan.tension.map(() => 1) }, voice, { seed: 1 }).audio;
  const lax = render({ ...plan, tension: plan.tension.map(() => -1) }, voice, { seed: 1 }).audio;
  const bT = spectrum(tense, seg.start, seg.end).balance;
  const bL = spectrum(lax, seg.start, seg.end).balance;
  console.log(`spectral balance (2-8 kHz vs < 1 kHz): tense ${bT.toFixed(1)} dB, lax ${bL.toFixed(1)} dB`);
  assert.ok(bT - bL > 4, `tension: balance ${bT.toFixed(1)} dB vs ${bL.toFixed(1)} dB`);
});

test('a planned breath is soft noise: well above silence, well below singing, no pitch', () => {
  const br = plan.segments.find((s) => s.phoneme === 'br');
  assert.ok(br, 'the song plans a breath in its rest');
  const vowel = plan.segments.find((s) => s.cls === 'vowel' && s.end - s.start > 0.3)!;
  const mid = (br.start + br.end) / 2;
  const len = Math.min(0.08, (br.end - br.start) / 3);
  const level = rmsDb(base.audio, mid - len, mid + len);
  const sung = rmsDb(base.audio, vowel.start + 0.05, vowel.end - 0.05);
  const dir = tempDir('cantor-breath-');
  try {
    const wav = join(dir, 'b.wav');
    writeWavFile(wav, base.audio);
    const pr = praatPitch(wav, { floor: 100, ceiling: 800 });
    let frames = 0;
    let voiced = 0;
    for (let i = 0; i < pr.time.length; i++) {
      if (pr.time[i] < mid - len || pr.time[i] > mid + len) continue;
      frames++;
      if (pr.f0[i] > 0) voiced++;
    }
    console.log(`breath ${level.toFixed(1)} dB, vowel ${sung.toFixed(1)} dB; Praat: ${voiced} of ${frames} breath frames voiced`);
    assert.ok(frames > 10 && voiced <= 0.1 * frames, `${voiced} of ${frames} breath frames voiced`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(sung - level > 12 && sung - level < 45, `breath ${(sung - level).toFixed(1)} dB below the vowel`);
});

test('the library API sings the same samples as the modules it re-exports', async () => {
  const api = await import('../../src/api.js');
  const s = api.loadScore(join(repoRoot, 'assets', 'songs', 'twinkle.musicxml'));
  const p = api.plan(s, { consonantDurations: voice.stats.consonantDurations });
  const { audio } = api.render(p, voice, { seed: 1 });
  assert.deepEqual(audio.samples, base.audio.samples);
  assert.equal(typeof api.clone, 'function');
});
