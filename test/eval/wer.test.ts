/** Word error rate (eval/wer.ts): word-level Levenshtein distance over the reference's words, on known small cases. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeWords, wordErrorRate } from '../../eval/wer.js';

test('identical text, case and punctuation aside, has no errors', () => {
  const r = wordErrorRate('The birch canoe slid on the smooth planks.', 'the birch canoe slid on the smooth planks');
  assert.deepEqual(r, { wer: 0, substitutions: 0, deletions: 0, insertions: 0, referenceWords: 8 });
});

test('one substitution in four words is 25 %', () => {
  const r = wordErrorRate('glue the sheet down', 'glue the street down');
  assert.equal(r.substitutions, 1);
  assert.equal(r.deletions + r.insertions, 0);
  assert.equal(r.wer, 0.25);
});

test('deletions and insertions are counted apart', () => {
  // "a" deleted, "very" inserted: 2 edits over 6 reference words.
  const r = wordErrorRate('it is a rare dish today', 'it is rare very dish today');
  assert.equal(r.referenceWords, 6);
  assert.equal(r.substitutions + r.deletions + r.insertions, 2);
  assert.ok(Math.abs(r.wer - 2 / 6) < 1e-12);
  const del = wordErrorRate('one two three four', 'one four');
  assert.deepEqual([del.substitutions, del.deletions, del.insertions], [0, 2, 0]);
  const ins = wordErrorRate('one two', 'one and two and');
  assert.deepEqual([ins.substitutions, ins.deletions, ins.insertions], [0, 0, 2]);
  assert.equal(ins.wer, 1);
});

test('a hypothesis longer than the reference can exceed 100 %', () => {
  const r = wordErrorRate('yes', 'no no no');
  assert.equal(r.wer, 3);
});

test('empty texts', () => {
  assert.equal(wordErrorRate('', '').wer, 0);
  assert.equal(wordErrorRate('', 'something').wer, 1);
  assert.equal(wordErrorRate('two words', '').deletions, 2);
});

test('normalisation keeps apostrophes inside words and splits hyphens', () => {
  assert.deepEqual(normalizeWords("It's easy -- well-known, 'quoted' 50 words!"), ["it's", 'easy', 'well', 'known', 'quoted', '50', 'words']);
});
