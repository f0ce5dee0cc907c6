import assert from 'node:assert/strict';
import { UserError } from '../../src/errors.js';

/** Asserts that `fn` throws a UserError naming `file` whose message matches `pattern`. */
export function expectUserError(fn: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UserError, `not a UserError: ${String(err)}`);
    assert.equal(err.file, file);
    assert.match(err.message, pattern);
    return true;
  });
}

/** Parses the `f0` command's CSV output, asserting its header and the format of every row. */
export function parseF0Csv(stdout: string): { t: number; hz: number; v: number }[] {
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'time,hz,voiced');
  return lines.slice(1).map((l) => {
    assert.match(l, /^\d+\.\d{3},\d+\.\d{2},[01]$/);
    const [t, hz, v] = l.split(',').map(Number);
    return { t, hz, v };
  });
}
