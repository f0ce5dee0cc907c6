import { UserError } from '../errors.js';

/**
 * Wraps a CLI action: a UserError (bad input) becomes one line on stderr and exit code 2;
 * anything else is a bug, printed with its stack, exit code 1.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof UserError) {
        process.stderr.write(`error: ${err.describe()}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  };
}
