/** The shared voices for the conversion tests, built once and cached in a temp folder shared by the test files. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVAL_VOICES, evalVoice } from '../../eval/songs.js';
import type { Voice } from '../../src/voice/types.js';

const cacheDir = join(tmpdir(), 'cantor-convert-test-voices');
const built = new Map<string, Voice>();

export function sharedVoice(name: string): Voice {
  let v = built.get(name);
  if (!v) {
    const lang = EVAL_VOICES.find((e) => e.name === name)?.language ?? 'en';
    v = evalVoice(name, lang, cacheDir);
    built.set(name, v);
  }
  return v;
}
