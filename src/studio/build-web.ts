/**
 * Builds the page (web/ -> dist/studio) with vite's build() API when the built files are missing or older than
 * their sources (web/ and src/, which the page bundles), so `cantor studio` works on a fresh clone after `npm ci`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root (this file is src/studio/ or dist/src/studio/ after tsc). */
export const packageRoot = existsSync(join(here, '..', '..', 'package.json')) ? resolve(here, '..', '..') : resolve(here, '..', '..', '..');
export const webDir = join(packageRoot, 'web');

export function defaultWebRoot(): string {
  return join(packageRoot, 'dist', 'studio');
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** True when outDir has no page or one older than the page's sources. */
export function webBuildStale(outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return Math.max(newestMtime(webDir), newestMtime(join(packageRoot, 'src'))) > built;
}

export interface EnsureWebOptions {
  outDir?: string;
  /** Build even when the output looks current. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Builds the page into outDir when needed; returns whether it built. */
export async function ensureWebBuilt(opts: EnsureWebOptions = {}): Promise<boolean> {
  const outDir = resolve(opts.outDir ?? defaultWebRoot());
  if (!opts.force && !webBuildStale(outDir)) return false;
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`the studio page sources are missing (${webDir}); cannot build ${outDir}`);
  }
  const t0 = performance.now();
  opts.log?.(`building the studio page into ${outDir} ...`);
  // vite is a development dependency: imported only when a build is needed.
  const { build } = await import('vite');
  await build({
    configFile: join(webDir, 'vite.config.ts'),
    root: webDir,
    // 'error': the known warnings (kuromoji's and eSpeak's Node-only branches externalized) are not the user's concern.
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  opts.log?.(`built the studio page in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}
