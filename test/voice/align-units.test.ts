import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mfcc } from '../../src/analysis/mfcc.js';
import { phoneBoundaryErrors } from '../../src/voice/align/evaluate.js';
import { buildNetwork } from '../../src/voice/align/network.js';

test('mfcc frames are centred at i * hop: the click of a step onset peaks in the frame at the step', () => {
  const sr = 16000;
  const x = new Float32Array(sr);
  for (let i = sr / 2; i < sr; i++) x[i] = 0.5 * Math.sin(i * 0.3);
  const { hop, frames } = mfcc({ sampleRate: sr, samples: x });
  assert.equal(hop, 0.005);
  assert.equal(frames.length, 201);
  assert.equal(frames[0].length, 13);
  let peak = 0;
  for (let f = 1; f < frames.length; f++) if (frames[f][0] > frames[peak][0]) peak = f;
  assert.equal(peak * hop, 0.5);
  // Silence well before the step is far below the tone.
  assert.ok(frames[50][0] < frames[150][0] - 20);
});

test('phoneBoundaryErrors pairs phones across phone sets and scores boundaries in seconds', () => {
  const truth = [
    { start: 0, end: 0.2, symbol: 'pau' },
    { start: 0.2, end: 0.25, symbol: 'dh' },
    { start: 0.25, end: 0.3, symbol: 'ax' },
    { start: 0.3, end: 0.4, symbol: 'b' },
    { start: 0.4, end: 0.6, symbol: 'pau' },
  ];
  const predicted = [
    { start: 0, end: 0.21, symbol: 'pau' },
    { start: 0.21, end: 0.23, symbol: 'DH' },
    { start: 0.23, end: 0.36, symbol: 'AH' },
    { start: 0.36, end: 0.4, symbol: 'B' },
    { start: 0.4, end: 0.6, symbol: 'pau' },
  ];
  const e = phoneBoundaryErrors(predicted, truth);
  assert.equal(e.matchedPhones, 3);
  assert.deepEqual(
    e.errors.map((x) => Math.round(x * 1000)),
    [10, 20, 60, 0],
  );
  assert.equal(Math.round(e.median * 1000), 15);
  assert.equal(e.within50, 0.75);
});

test('the network puts optional pauses between words and merges an explicit pause', () => {
  const net = buildNetwork(
    [
      { symbol: 'HH', cls: 'fricative', wordIndex: 0 },
      { symbol: 'AY', cls: 'vowel', wordIndex: 0 },
      { symbol: 'DH', cls: 'fricative', wordIndex: 1 },
      { symbol: 'EH', cls: 'vowel', wordIndex: 1 },
      { symbol: 'R', cls: 'liquid', wordIndex: 1 },
      { symbol: 'pau', cls: 'silence', wordIndex: 2 },
    ],
    15,
  );
  assert.deepEqual(
    net.units.map((u) => `${u.model}${u.optional ? '?' : ''}`),
    ['pau?', 'HH', 'AY', 'pau?', 'DH', 'EH', 'R', 'pau?'],
  );
  assert.equal(net.units[3].enterCost, 15);
  assert.equal(net.units[7].phonemeIndex, 5);
  assert.equal(net.numStates, 24);
});
