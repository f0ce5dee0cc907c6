/**
 * An error caused by the user's input (a bad file, a bad option), as opposed to a bug.
 * The CLI prints it as one line, `error: FILE: MESSAGE`, and exits with code 2.
 */
export class UserError extends Error {
  /** The file the problem is in, when there is one. */
  readonly file?: string;
  /** Where in the file, e.g. "line 12" or "measure 4", when known. */
  readonly where?: string;

  constructor(message: string, options: { file?: string; where?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.file = options.file;
    this.where = options.where;
  }

  /** One line for a person: "FILE (WHERE): MESSAGE". */
  describe(): string {
    const place = [this.file, this.where].filter(Boolean).join(' ');
    return place ? `${place}: ${this.message}` : this.message;
  }
}

/** Returns a UserError that names `file`, keeping any place (`where`) the original had. */
export function withFile(err: unknown, file: string): unknown {
  if (err instanceof UserError && !err.file) {
    return new UserError(err.message, { file, where: err.where, cause: err.cause });
  }
  return err;
}
