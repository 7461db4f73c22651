/**
 * The one Live Data identity call the peer adapters need: the client-credentials grant,
 * with `expiresAt` read correctly (naive UTC, microseconds). Every peer gets this same,
 * correct parsing, so no peer loses a benchmark to a date bug we would have introduced.
 */

/** Client credentials of a Live Data service account. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A session as the identity endpoint returns it, with expiry as ms since the epoch. */
export interface LiveDataSession {
  accessToken: string;
  expiresAt: number;
}

/** Reads `2021-11-19T23:36:09.092720` (UTC without a zone suffix) as ms since the epoch. */
export function parseNaiveUtc(value: string): number {
  const trimmed = value.replace(/(\.\d{3})\d+$/, '$1');
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(trimmed) ? trimmed : `${trimmed}Z`);
  if (!Number.isFinite(ms)) throw new Error('identity response has an unreadable expiresAt');
  return ms;
}

/** `{base}/identity/v1/session`. */
export function sessionUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/identity/v1/session`;
}

/** The JSON body of the client-credentials grant. */
export function sessionBody(credentials: ClientCredentials): string {
  return JSON.stringify({
    grantType: 'clientCredentials',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  });
}

/** Turns a parsed identity response into a session, or throws. */
export function toSession(body: unknown): LiveDataSession {
  const record = body as { accessToken?: unknown; expiresAt?: unknown } | null;
  if (!record || typeof record.accessToken !== 'string' || typeof record.expiresAt !== 'string') {
    throw new Error('identity response has no accessToken/expiresAt');
  }
  return { accessToken: record.accessToken, expiresAt: parseNaiveUtc(record.expiresAt) };
}

/** Signs in with `fetch`. Throws on a non-2xx answer or an unreadable body. */
export async function loginWithFetch(
  baseUrl: string,
  credentials: ClientCredentials,
): Promise<LiveDataSession> {
  const res = await fetch(sessionUrl(baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: sessionBody(credentials),
  });
  if (!res.ok) {
    await res.arrayBuffer().catch(() => undefined);
    throw new Error(`identity call answered ${res.status}`);
  }
  return toSession(await res.json());
}
