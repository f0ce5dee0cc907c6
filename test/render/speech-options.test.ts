import assert from 'node:assert/strict';
import { test } from 'node:test';
import { voiceSpeechOptions } from '../../src/render/speech-options.js';
import type { Voice, VoiceStats } from '../../src/voice/types.js';

function voiceWith(stats: Partial<VoiceStats>): Voice {
  const base: VoiceStats = { f0Median: 220, f0P5: 180, f0P95: 260, consonantDurations: { S: 0.1 }, phonemeCounts: {}, meanMcepByClass: {}, spectralTilt: -10, breathiness: -30 };
  return { stats: { ...base, ...stats } } as unknown as Voice;
}

test("a voice's speech options: its own lengths, its sentence pause within 0.15-1 s, its speaking pitch", () => {
  const o = voiceSpeechOptions(voiceWith({ pauseDuration: 0.64, vowelDurations: { AH: 0.06 } }));
  assert.equal(o.sentencePause, 0.64);
  assert.deepEqual(o.consonantDurations, { S: 0.1 });
  assert.deepEqual(o.vowelDurations, { AH: 0.06 });
  // Two semitones under the median F0 (220 Hz = MIDI 57).
  assert.ok(Math.abs(o.intonation!.basePitch! - 55) < 1e-9);
  assert.equal(voiceSpeechOptions(voiceWith({ pauseDuration: 3.2 })).sentencePause, 1);
  assert.equal(voiceSpeechOptions(voiceWith({ pauseDuration: 0.05 })).sentencePause, 0.15);
  // A voice made before pauses were measured: the planner's default.
  assert.equal(voiceSpeechOptions(voiceWith({})).sentencePause, undefined);
});
