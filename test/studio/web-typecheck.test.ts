/**
 * The page's TypeScript (web/, DOM code and the core modules it bundles) type-checks under its own tsconfig: vite
 * bundles without checking types, and the root `tsc -p .` does not include web/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

test('web/ type-checks (tsc --noEmit -p web)', () => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(repoRoot, 'web')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `tsc -p web:\n${r.stdout}${r.stderr}`);
});
