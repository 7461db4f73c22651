import { type Exchange, sendJson, sendText } from './http-helpers.js';
import type { Fault } from './types.js';

/** Default body of a `malformed` fault: JSON cut off mid-way. */
export const DEFAULT_MALFORMED_BODY = '{"error": "upstream timeout", "detail": tru';

/**
 * Plays `fault` on a request. Resolves `true` when the fault answered (or deliberately
 * did not answer) the request, `false` when the request should now be answered normally.
 */
export async function applyFault(
  ex: Exchange,
  fault: Fault,
  wait: (ms: number) => Promise<void>,
): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await wait(fault.ms);
      return false;
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      if (fault.body !== undefined) {
        sendText(ex, fault.status, fault.body, guessContentType(fault.body), headers);
      } else {
        sendJson(ex, fault.status, { error: errorCodeFor(fault.status), injected: true }, headers);
      }
      return true;
    }
    case 'malformed':
      sendText(ex, 200, fault.body ?? DEFAULT_MALFORMED_BODY, 'application/json; charset=utf-8');
      return true;
    case 'hang':
      ex.record.status = 0;
      return true;
    case 'reset':
      ex.record.status = 0;
      ex.req.socket.destroy();
      return true;
  }
}

function guessContentType(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json; charset=utf-8';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

function errorCodeFor(status: number): string {
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 402) return 'quota_exceeded';
  if (status >= 500) return 'server_error';
  return 'injected';
}
