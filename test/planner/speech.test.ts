import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phonemizeText } from '../../src/lyrics/index.js';
import { planRap, planSpeech } from '../../src/planner/index.js';
import type { Plan } from '../../src/planner/types.js';

const FP = 0.005;

function checkTiling(plan: Plan): void {
  assert.equal(plan.segments[0].start, 0);
  for (let i = 0; i < plan.segments.length; i++) {
    const s = plan.segments[i];
    assert.ok(s.end > s.start, `${s.phoneme} has length ${s.end - s.start}`);
    if (i > 0) assert.equal(s.start, plan.segments[i - 1].end);
  }
  assert.ok(Math.abs(plan.segments[plan.segments.length - 1].end - plan.duration) < 1e-9);
  assert.equal(plan.f0.length, Math.floor(plan.duration / FP + 1e-9) + 1);
}

const semis = (hz: number) => 12 * Math.log2(hz / 440) + 69;
function meanVoiced(plan: Plan, t0: number, t1: number): number {
  let acc = 0;
  let n = 0;
  for (let i = Math.ceil(t0 / FP); i <= Math.floor(t1 / FP); i++) {
    if (plan.f0[i] > 0) {
      acc += semis(plan.f0[i]);
      n++;
    }
  }
  return acc / n;
}
/** The last voiced frames before the final pause, vs the voiced frames just before them. */
function finalMove(plan: Plan): number {
  const voiced: number[] = [];
  for (let i = 0; i < plan.f0.length; i++) if (plan.f0[i] > 0) voiced.push(i);
  const last = voiced.slice(-8).map((i) => semis(plan.f0[i]));
  const before = voiced.slice(-40, -30).map((i) => semis(plan.f0[i]));
  return last.reduce((a, b) => a + b, 0) / last.length - before.reduce((a, b) => a + b, 0) / before.length;
}

test('speech: tiles, stressed vowels are longer, pitch declines through a statement and falls at its end', () => {
  const words = phonemizeText('The birch canoe slid on the smooth planks and the boat moved along the quiet river.', 'en');
  const plan = planSpeech(words, { pitch: { drift: 0, jitter: 0 } });
  checkTiling(plan);
  const rate = plan.segments.filter((s) => s.cls === 'vowel').length / plan.duration;
  assert.ok(rate > 3 && rate < 7, `${rate.toFixed(2)} syllables/s`);
  const v = (sym: string, word: number) => plan.segments.find((s) => s.phoneme === sym && s.noteIndex === word)!;
  const canoeA = v('AH', 2);
  const canoeU = v('UW', 2);
  assert.ok(canoeU.end - canoeU.start > 1.3 * (canoeA.end - canoeA.start), 'ca-NOE: stressed vowel longer');
  const half = plan.duration / 2;
  assert.ok(meanVoiced(plan, 0, half) > meanVoiced(plan, half, plan.duration) + 0.5, 'declination');
  assert.ok(finalMove(plan) < -1, `statement ends falling (${finalMove(plan).toFixed(2)} st)`);
  const q = planSpeech(phonemizeText('Did the boat move along the river?', 'en'), { pitch: { drift: 0, jitter: 0 } });
  checkTiling(q);
  assert.ok(finalMove(q) > 1, `question ends rising (${finalMove(q).toFixed(2)} st)`);
  // Slower rate, longer speech.
  const slow = planSpeech(words, { rate: 0.5 });
  assert.ok(slow.duration > 1.8 * plan.duration);
});

test('rap: every vowel onset on the beat grid within one frame; same seed, same bytes', () => {
  const words = phonemizeText('Strong rhymes flow, slow times go, the beat keeps rolling on and on.', 'en');
  const plan = planRap(words, { bpm: 90, syllablesPerBeat: 2 });
  checkTiling(plan);
  const step = 60 / 90 / 2;
  const onsets: number[] = [];
  let lastWord = -2;
  let lastVowelEnd = -1;
  for (const s of plan.segments) {
    if (s.cls === 'vowel' && s.start !== lastVowelEnd) onsets.push(s.start);
    if (s.cls === 'vowel') lastVowelEnd = s.end;
    lastWord = s.noteIndex;
  }
  void lastWord;
  assert.ok(onsets.length >= 8);
  for (const t of onsets) assert.ok(Math.abs(t / step - Math.round(t / step)) * step < FP, `vowel at ${t} off the grid`);
  const again = planRap(words, { bpm: 90, syllablesPerBeat: 2 });
  assert.deepEqual(Buffer.from(again.f0.buffer), Buffer.from(plan.f0.buffer));
});

test('speech in Mandarin follows the tones: tone 4 falls, tone 2 rises', () => {
  const words = phonemizeText('大学', 'zh'); // da4 xue2
  const plan = planSpeech(words, { language: 'zh', pitch: { drift: 0, jitter: 0 } });
  checkTiling(plan);
  const vowels = plan.segments.filter((s) => s.cls === 'vowel');
  assert.equal(vowels.length, 2);
  const slope = (s: { start: number; end: number }) => {
    const a = semis(plan.f0[Math.round((s.start + 0.2 * (s.end - s.start)) / FP)]);
    const b = semis(plan.f0[Math.round((s.start + 0.8 * (s.end - s.start)) / FP)]);
    return b - a;
  };
  assert.ok(slope(vowels[0]) < -1.5, `tone 4 falls ${slope(vowels[0]).toFixed(2)}`);
  assert.ok(slope(vowels[1]) > 0.8, `tone 2 rises ${slope(vowels[1]).toFixed(2)}`);
});

test('rap with a bad bpm is a user error', () => {
  assert.throws(() => planRap([], { bpm: 0 }), { name: 'UserError' });
  assert.throws(() => planRap([], { bpm: 90, syllablesPerBeat: -1 }), { name: 'UserError' });
});

test("speech with the voice's vowel lengths: each vowel takes its own length (schwa short, diphthong long)", () => {
  // "a" is a schwa (AH0), "my" a diphthong (AY1), "cup" a stressed AH1; lengths as a voice's stats would give them.
  const words = phonemizeText('A cup, my tie.', 'en');
  const vowelDurations = { AH: 0.05, AH0: 0.045, AH1: 0.11, AY: 0.16, AY1: 0.17 };
  const plan = planSpeech(words, { seed: 1, vowelDurations });
  const vowels = plan.segments.filter((s) => s.cls === 'vowel');
  const lengths = vowels.map((s) => +(s.end - s.start).toFixed(3));
  console.log('vowels', vowels.map((s, i) => `${s.phoneme} ${lengths[i]}`).join(', '));
  assert.deepEqual(vowels.map((s) => s.phoneme), ['AH', 'AH', 'AY', 'AY']);
  const [schwa, cup, my, tie] = lengths;
  // Not phrase-final: within a frame (5 ms) and the planner's frame rounding of the given lengths.
  assert.ok(Math.abs(schwa - 0.045) <= 0.011, `schwa ${schwa}`);
  assert.ok(Math.abs(my - 0.17) <= 0.011, `my ${my}`);
  // Before the comma and at the end: phrase-final lengthening (x1.3) on top.
  assert.ok(Math.abs(cup - 0.11 * 1.3) <= 0.011, `cup ${cup}`);
  assert.ok(Math.abs(tie - 0.17 * 1.3) <= 0.011, `tie ${tie}`);
  assert.ok(tie > 3 * schwa);
});

test('speech: consonants keep their own lengths next to a short vowel, at any rate', () => {
  // "strengths": S T R (lead) + EH + NG K TH S (trail), 7 consonants of 60-110 ms around one vowel: with singing's
  // limit (consonants at most half a note) they were cut to fit half the syllable and the vowel took the rest.
  const consonantDurations = { S: 0.11, T: 0.07, R: 0.07, NG: 0.1, K: 0.085, TH: 0.095 };
  for (const rate of [1, 1.5]) {
    const plan = planSpeech(phonemizeText('strengths.', 'en'), { seed: 1, rate, consonantDurations, vowelDurations: { EH: 0.08 } });
    checkTiling(plan);
    const seg = plan.segments.filter((s) => s.cls !== 'silence');
    for (const s of seg) {
      if (s.cls === 'vowel') continue;
      const want = consonantDurations[s.phoneme as keyof typeof consonantDurations] / rate;
      assert.ok(Math.abs(s.end - s.start - want) < 0.006, `${s.phoneme} at rate ${rate}: ${(s.end - s.start).toFixed(3)} s, wanted ${want.toFixed(3)}`);
    }
    const v = seg.find((s) => s.cls === 'vowel')!;
    // The vowel: its own 80 ms, 1.3x before the final pause, over the rate.
    assert.ok(Math.abs(v.end - v.start - (0.08 * 1.3) / rate) < 0.006, `vowel ${(v.end - v.start).toFixed(3)} s at rate ${rate}`);
  }
});

test("speech: sentence ends pause for sentencePause (the voice's own), other punctuation for pauseLength", () => {
  const plan = planSpeech(phonemizeText('one, two. three', 'en'), { seed: 1, pauseLength: 0.2, sentencePause: 0.6 });
  checkTiling(plan);
  // Silence between the words' phonemes (a pause segment may come in several pieces).
  const inner: number[] = [];
  let run = 0;
  let spoken = false;
  for (const s of plan.segments) {
    if (s.cls === 'silence') run += s.end - s.start;
    else {
      if (run > 0.05 && spoken) inner.push(run);
      run = 0;
      spoken = true;
    }
  }
  assert.equal(inner.length, 2, `pauses ${inner.map((g) => g.toFixed(3)).join(', ')}`);
  assert.ok(Math.abs(inner[0] - 0.2) < 0.06, `comma pause ${inner[0].toFixed(3)} s`);
  assert.ok(Math.abs(inner[1] - 0.6) < 0.06, `sentence pause ${inner[1].toFixed(3)} s`);
});
