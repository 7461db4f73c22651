import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_ORG_ID,
  demoCredentials,
  type MockServer,
  startMockServer,
} from '@livedata/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LiveDataApiError,
  LiveDataAuthError,
  TokenManager,
  type TokenManagerOptions,
} from '../index.js';
import { eventLog, fakeClock } from './web-fixtures.js';

const CLIENT = { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret };
const FIND_BODY = JSON.stringify({
  matches: [{ fields: [{ field_name: 'email_address', search_term: 'nobody@example.test' }] }],
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function mock(): Promise<MockServer> {
  const server = await startMockServer();
  cleanups.push(() => server.close());
  return server;
}

/** A fetch after which `api` revokes every token it issued, as soon as it issued it. */
function revokingEveryToken(api: MockServer): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (String(input).endsWith('/identity/v1/session')) api.revokeAllTokens();
    return res;
  };
}

function manager(options: TokenManagerOptions): TokenManager {
  const tokens = new TokenManager({ retry: { baseDelayMs: 5 }, ...options });
  cleanups.push(() => tokens.close());
  return tokens;
}

interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A loopback HTTP server that records requests; `handle` answers them. */
async function recordingServer(
  handle: (path: string, res: import('node:http').ServerResponse, origin: string) => void,
): Promise<{ origin: string; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      handle(req.url ?? '', res, origin);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { origin, seen };
}

describe('tokens.fetch against the mock server', () => {
  it('joins paths under baseUrl with or without a leading slash and returns non-2xx as is', async () => {
    const api = await mock();
    const tokens = manager({ credentials: CLIENT, baseUrl: api.url });
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: FIND_BODY,
    };
    const a = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, init);
    const b = await tokens.fetch(`people/v1/${DEMO_ORG_ID}/find`, init);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(
      api.requests.filter((r) => r.route === 'people.find').map((r) => [r.path, r.auth]),
    ).toEqual([
      [`/api/people/v1/${DEMO_ORG_ID}/find`, 'valid'],
      [`/api/people/v1/${DEMO_ORG_ID}/find`, 'valid'],
    ]);
    const forbidden = await tokens.fetch('/people/v1/o_badc0ffe/find', init);
    expect(forbidden.status).toBe(403);
    expect(LiveDataApiError.fromResponse(forbidden)).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    const quota = await tokens.fetch('/people/v1/o_5ca1ab1e/find', init);
    expect(quota.status).toBe(402);
    const error = LiveDataApiError.fromResponse(quota);
    expect(error.code).toBe('quota_exceeded');
    expect(error.credits?.remaining).toBe(0);
    expect(api.count('identity')).toBe(1);
  });

  it('refuses absolute URLs outside baseUrl and sends them nothing', async () => {
    const api = await mock();
    const other = await recordingServer((_, res) => res.end('ok'));
    const tokens = manager({ credentials: CLIENT, baseUrl: api.url });
    for (const url of [
      `${other.origin}/api/people`,
      `${api.origin}/not-api/x`,
      `${api.url}/../x`,
    ]) {
      const error = await tokens.fetch(url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(LiveDataAuthError);
      expect((error as LiveDataAuthError).code).toBe('config');
    }
    expect(other.seen).toEqual([]);
    expect(api.requests.filter((r) => r.route !== 'identity')).toEqual([]);
    const ok = await tokens.fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/person/unknown`);
    expect(api.requests.at(-1)?.auth).toBe('valid');
    expect(ok.status).toBe(404);
  });

  it('one retry on 401: invalidate, one refresh, the request succeeds', async () => {
    const api = await mock();
    const log = eventLog();
    const tokens = manager({ credentials: CLIENT, baseUrl: api.url, onEvent: log.onEvent });
    const before = await tokens.getAccessToken();
    api.revokeAllTokens();
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: FIND_BODY,
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, init)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(api.count('identity')).toBe(2);
    expect(await tokens.getAccessToken()).not.toBe(before);
    expect(log.count('unauthorized.retry')).toBe(20);
  });

  it('no refresh loop when the API rejects a freshly minted token', async () => {
    const api = await mock();
    const log = eventLog();
    // Every token is revoked as soon as it is issued: the API rejects all of them.
    const tokens = manager({
      credentials: CLIENT,
      baseUrl: api.url,
      fetch: revokingEveryToken(api),
      onEvent: log.onEvent,
    });
    for (let i = 0; i < 5; i++) {
      const res = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/person/x`);
      expect(res.status).toBe(401);
    }
    // First token + one replacement; the replacement's rejection is reported, not refreshed.
    expect(api.count('identity')).toBe(2);
    expect(log.count('unauthorized.rejected_fresh_token')).toBeGreaterThanOrEqual(1);
  });

  it('after the fresh-token grace period a rejected token is refreshed again', async () => {
    const api = await mock();
    const clock = fakeClock(Date.now());
    const tokens = manager({
      credentials: CLIENT,
      baseUrl: api.url,
      fetch: revokingEveryToken(api),
      now: clock.now,
    });
    await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/person/x`);
    expect(api.count('identity')).toBe(2);
    clock.advance(60_000);
    await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/person/x`);
    expect(api.count('identity')).toBe(3);
  });
});

describe('redirects', () => {
  async function setup() {
    const elsewhere = await recordingServer((_, res) => res.end('elsewhere'));
    const idp = { calls: 0 };
    const app = await recordingServer((path, res, origin) => {
      if (path === '/api/identity/v1/session') {
        idp.calls++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ accessToken: `fixture-token-${idp.calls}`, expires_in: 900 }));
      } else if (path === '/api/to-elsewhere') {
        res.writeHead(302, { location: `${elsewhere.origin}/collect` }).end();
      } else if (path === '/api/to-other-prefix') {
        res.writeHead(307, { location: `${origin}/other/collect` }).end();
      } else if (path === '/api/to-inside') {
        res.writeHead(301, { location: '/api/echo' }).end();
      } else {
        res.end('ok');
      }
    });
    const tokens = manager({ credentials: CLIENT, baseUrl: `${app.origin}/api` });
    return { elsewhere, app, tokens };
  }

  it('a redirect off-origin is followed without Authorization', async () => {
    const { elsewhere, app, tokens } = await setup();
    const res = await tokens.fetch('/to-elsewhere');
    expect(await res.text()).toBe('elsewhere');
    expect(app.seen.find((r) => r.path === '/api/to-elsewhere')?.headers.authorization).toBe(
      'Bearer fixture-token-1',
    );
    expect(elsewhere.seen).toHaveLength(1);
    expect(elsewhere.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('a redirect outside the base path carries no Authorization; one inside keeps it', async () => {
    const { app, tokens } = await setup();
    await tokens.fetch('/to-other-prefix');
    expect(
      app.seen.find((r) => r.path === '/other/collect')?.headers.authorization,
    ).toBeUndefined();
    await tokens.fetch('/to-inside');
    expect(app.seen.find((r) => r.path === '/api/echo')?.headers.authorization).toBe(
      'Bearer fixture-token-1',
    );
  });

  it("redirect: 'manual' returns the 3xx untouched", async () => {
    const { elsewhere, tokens } = await setup();
    const res = await tokens.fetch('/to-elsewhere', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('the identity request never follows a redirect, so the secret stays put', async () => {
    const elsewhere = await recordingServer((_, res) => res.end('{}'));
    const app = await recordingServer((_, res) => {
      res.writeHead(307, { location: `${elsewhere.origin}/steal` }).end();
    });
    const tokens = manager({ credentials: CLIENT, baseUrl: `${app.origin}/api` });
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response', status: 307 });
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('API errors from the mock server', () => {
  it('429 with Retry-After and credit headers map onto LiveDataApiError', async () => {
    const api = await mock();
    const tokens = manager({ credentials: CLIENT, baseUrl: api.url });
    api.inject('people.find', { kind: 'status', status: 429, retryAfter: 3 }, { times: 1 });
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: FIND_BODY,
    };
    const limited = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, init);
    expect(limited.status).toBe(429);
    expect(LiveDataApiError.fromResponse(limited)).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 3000,
    });
    const ok = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/find`, init);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ldt-credits-remaining')).not.toBeNull();
  });

  it('an API key gets its 401 back without any identity call', async () => {
    const api = await mock();
    const tokens = manager({ credentials: { apiKey: 'ldtkey_not_a_real_key' }, baseUrl: api.url });
    const res = await tokens.fetch(`/people/v1/${DEMO_ORG_ID}/person/x`);
    expect(res.status).toBe(401);
    expect(api.count('identity')).toBe(0);
    expect(api.count()).toBe(1);
  });
});
