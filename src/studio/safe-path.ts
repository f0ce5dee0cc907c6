/**
 * Maps a URL path onto a file inside one folder, refusing anything that could leave it: `..` segments (plain,
 * percent-encoded `%2e%2e`, double-encoded `%252e`), backslashes, NUL and other control characters, drive letters and
 * absolute paths. The result is also checked after resolving symbolic links, so a link inside the folder that points
 * outside it is refused too.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Why a path was refused, or undefined when it is fine: decoded segments that stay inside the folder. */
export function unsafeReason(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'bad percent-encoding';
  }
  // A '%' left after one decoding is double encoding (e.g. %252e%252e): nobody needs it for a file name.
  if (decoded.includes('%')) return 'encoded twice';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'control character';
  if (decoded.includes('\\')) return 'backslash';
  if (/^[/]*[A-Za-z]:/.test(decoded)) return 'drive letter';
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'dot segment';
  return undefined;
}

/**
 * The absolute path of `urlPath` (as sent: still percent-encoded) inside `root`, or undefined when it is refused or
 * does not name a file there.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  if (unsafeReason(urlPath) !== undefined) return undefined;
  const parts = decodeURIComponent(urlPath).split('/').filter((s) => s !== '');
  const base = resolve(root);
  const full = resolve(base, ...parts);
  if (!isInside(base, full)) return undefined;
  if (!existsSync(full)) return undefined;
  try {
    const realBase = realpathSync(base);
    const real = realpathSync(full);
    if (!isInside(realBase, real)) return undefined;
    if (!statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** True when `path` is `base` itself or below it. */
export function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}

/** `name` joined onto `dir`, checked to stay directly inside it (for names already validated by a pattern). */
export function childPath(dir: string, name: string): string {
  const p = join(dir, name);
  if (!isInside(resolve(dir), resolve(p)) || resolve(p) === resolve(dir)) throw new Error(`refused path ${name}`);
  return p;
}
