/**
 * The page's files, served only from the built web folder (dist/studio): the path is checked by safe-path.ts, so
 * nothing outside that folder can be read, however the request spells `..`.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Context } from 'hono';
import { resolveInside } from './safe-path.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The raw (still percent-encoded) path of the request: what the client sent, before any decoding. */
export function rawPath(c: Context): string {
  const url = c.req.url;
  const afterHost = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const end = afterHost.search(/[?#]/);
  return end < 0 ? afterHost : afterHost.slice(0, end);
}

export function serveStatic(c: Context, webRoot: string): Response {
  let path = rawPath(c);
  if (path === '' || path === '/') path = '/index.html';
  const file = resolveInside(webRoot, path);
  if (file === undefined) return c.json({ error: `not found: ${path.slice(0, 200)}` }, 404);
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const cache = /\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
  return new Response(readFileSync(file), { status: 200, headers: { 'Content-Type': type, 'Cache-Control': cache } });
}
