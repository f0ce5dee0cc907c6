import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `../shared/data` beside the checkout: real recordings and scores (read-only). */
export const sharedData = resolve(repoRoot, '..', 'shared', 'data');
export const voicesDir = join(sharedData, 'voices');
export const scoresDir = join(sharedData, 'scores');
/** Names of the shared reference voices. */
export const voiceNames = ['slt', 'kal', 'espeak-en', 'espeak-cmn'] as const;

/** A fresh temporary directory for one test. */
export function tempDir(prefix = 'cantor-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
