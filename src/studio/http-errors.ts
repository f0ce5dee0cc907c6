/**
 * Errors the studio's routes answer with: a status and one line for a person, sent as JSON `{ error }`.
 * A UserError from the library (a bad score, a bad recording) becomes a 400 carrying its one-line description.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { UserError } from '../errors.js';

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(status: ContentfulStatusCode, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** The JSON error response for anything a route threw: HttpError and UserError are the client's, the rest a 500. */
export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof HttpError) return c.json({ error: err.message }, err.status);
  if (err instanceof UserError) return c.json({ error: err.describe() }, 400);
  const msg = err instanceof Error ? err.message : String(err);
  console.error(`studio: internal error: ${err instanceof Error ? (err.stack ?? msg) : msg}`);
  return c.json({ error: `internal error: ${msg}` }, 500);
}

/** The request's body parsed as JSON; malformed JSON (or none) is a 400 saying where it broke. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new HttpError(400, 'the request body is empty: expected JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, `malformed JSON in the request body: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The body as a plain JSON object (not an array, not a string); anything else is a 400. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const v = await readJson(c);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new HttpError(400, 'the request body must be a JSON object');
  return v as Record<string, unknown>;
}
