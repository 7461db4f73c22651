import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerClock } from './clock.js';
import type { RecordedRequest } from './types.js';

/** Largest request body the server reads; bigger ones answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One request being answered: what routes need to read it and to reply. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
  clock: ServerClock;
  record: RecordedRequest;
}

/** Reads the whole body as UTF-8, or `undefined` when it is larger than {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers with a raw body. Every answer carries a `Date` from the server clock. */
export function sendText(
  ex: Exchange,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  ex.record.status = status;
  if (ex.res.destroyed || ex.res.headersSent) return;
  ex.res.writeHead(status, {
    date: ex.clock.httpDate(),
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...headers,
  });
  ex.res.end(body);
}

/** Answers with a JSON body. */
export function sendJson(
  ex: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(ex, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Answers with the server's error shape: `{ "error": code, "message": … }`. */
export function sendError(
  ex: Exchange,
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(ex, status, { error, message }, headers);
}

/** Parses a JSON object body; answers 400 and returns `undefined` when it is not one. */
export function readJsonObject(
  ex: Exchange,
  options: { allowEmpty?: boolean } = {},
): Record<string, unknown> | undefined {
  if (ex.body.trim() === '') {
    if (options.allowEmpty) return {};
    sendError(ex, 400, 'bad_request', 'The request body must be a JSON object.');
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(ex.body);
  } catch {
    sendError(ex, 400, 'bad_request', 'The request body is not valid JSON.');
    return undefined;
  }
  if (!isObject(parsed)) {
    sendError(ex, 400, 'bad_request', 'The request body must be a JSON object.');
    return undefined;
  }
  return parsed;
}

/** True for plain objects (not arrays, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
