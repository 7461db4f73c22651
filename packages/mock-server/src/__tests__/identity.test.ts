import { afterEach, describe, expect, it } from 'vitest';
import { demoCredentials } from '../seed.js';
import { startMockServer } from '../server.js';
import type { MockServer, MockServerOptions } from '../types.js';
import { clientCredentialsLogin, NAIVE_UTC, passwordLogin, postJson } from './helpers.js';

let server: MockServer | undefined;
async function start(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startMockServer(options);
  return server;
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Milliseconds between the server's `Date` header and a naive-UTC timestamp. */
function lifetimeMs(res: Response, naiveUtc: string): number {
  return Date.parse(`${naiveUtc}Z`) - Date.parse(res.headers.get('date') ?? '');
}

describe('client credentials grant', () => {
  it('answers accessToken and expiresAt in naive UTC with microseconds', async () => {
    const api = await start();
    const res = await clientCredentialsLogin(api);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresAt']);
    expect(body.accessToken?.length).toBeGreaterThanOrEqual(32);
    expect(body.expiresAt).toMatch(NAIVE_UTC);
    expect(body.expiresAt).not.toMatch(/Z|[+-]\d{2}:\d{2}$/);
    // 900 s by default, measured against the server's own Date header (1 s resolution).
    expect(Math.abs(lifetimeMs(res, body.expiresAt ?? '') - 900_000)).toBeLessThan(1_500);
  });

  it('issues a different token on every call', async () => {
    const api = await start();
    const a = (await (await clientCredentialsLogin(api)).json()) as { accessToken: string };
    const b = (await (await clientCredentialsLogin(api)).json()) as { accessToken: string };
    expect(a.accessToken).not.toBe(b.accessToken);
  });

  it('answers 401 to a wrong secret or an unknown client', async () => {
    const api = await start();
    expect((await clientCredentialsLogin(api, { clientSecret: 'nope' })).status).toBe(401);
    expect((await clientCredentialsLogin(api, { clientId: 'nobody' })).status).toBe(401);
  });

  it('answers 400 to a malformed body, a missing field or an unknown grantType', async () => {
    const api = await start();
    const url = `${api.url}/identity/v1/session`;
    const bodies = [
      '{not json',
      '',
      '[]',
      { grantType: 'clientCredentials', clientId: demoCredentials.clientId },
      { grantType: 'implicit', clientId: 'a', clientSecret: 'b' },
    ];
    for (const body of bodies) {
      const res = await postJson(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('uses the TTL from options and from setTokenTtl', async () => {
    const api = await start({ tokenTtlSeconds: 60 });
    const first = await clientCredentialsLogin(api);
    const a = (await first.json()) as { expiresAt: string };
    expect(Math.abs(lifetimeMs(first, a.expiresAt) - 60_000)).toBeLessThan(1_500);
    api.setTokenTtl(3600);
    const second = await clientCredentialsLogin(api);
    const b = (await second.json()) as { expiresAt: string };
    expect(Math.abs(lifetimeMs(second, b.expiresAt) - 3_600_000)).toBeLessThan(1_500);
  });
});

describe('password grant', () => {
  it('answers access_token and expires_in for a form body', async () => {
    const api = await start();
    const res = await passwordLogin(api);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(typeof body.access_token).toBe('string');
    expect((body.access_token as string).length).toBeGreaterThanOrEqual(32);
    expect(body.expires_in).toBe(900);
  });

  it('states expiry as configured by passwordExpiryField', async () => {
    const atServer = await start({ passwordExpiryField: 'expires_at' });
    const at = (await (await passwordLogin(atServer)).json()) as Record<string, unknown>;
    expect(at.expires_at).toMatch(NAIVE_UTC);
    expect(at.expires_in).toBeUndefined();
    await atServer.close();

    const none = await start({ passwordExpiryField: 'none' });
    const body = (await (await passwordLogin(none)).json()) as Record<string, unknown>;
    expect(Object.keys(body)).not.toContain('expires_in');
    expect(Object.keys(body)).not.toContain('expires_at');
    expect(Object.keys(body)).not.toContain('expiresAt');
  });

  it('also accepts JSON username/password and the OAuth2 client_credentials form', async () => {
    const api = await start();
    const url = `${api.url}/identity/v1/session`;
    const json = await postJson(url, {
      username: demoCredentials.username,
      password: demoCredentials.password,
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toHaveProperty('access_token');
    const form = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: demoCredentials.clientId,
        client_secret: demoCredentials.clientSecret,
      }),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toHaveProperty('accessToken');
    expect(api.requests.map((r) => r.grant)).toEqual(['password', 'clientCredentials']);
  });

  it('answers 401 to a wrong password and 400 to a form without one', async () => {
    const api = await start();
    expect((await passwordLogin(api, { password: 'wrong' })).status).toBe(401);
    const res = await fetch(`${api.url}/identity/v1/session`, {
      method: 'POST',
      body: new URLSearchParams({ username: demoCredentials.username }),
    });
    expect(res.status).toBe(400);
  });
});

describe('Date header and server clock', () => {
  it('puts a Date header on every answer, errors and unknown routes included', async () => {
    const api = await start();
    const answers = [
      await clientCredentialsLogin(api),
      await clientCredentialsLogin(api, { clientSecret: 'wrong' }),
      await postJson(`${api.url}/identity/v1/session`, '{'),
      await fetch(`${api.url}/no/such/route`),
      await fetch(`${api.url}/people/v1/o_3daf8872/person/p_000000000000`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 404, 401]);
    for (const res of answers) {
      const date = Date.parse(res.headers.get('date') ?? '');
      expect(Math.abs(date - Date.now())).toBeLessThan(5_000);
    }
  });

  it('reads a skewed clock from clockOffsetMs and moves with advanceTime', async () => {
    const hour = 3_600_000;
    const api = await start({ clockOffsetMs: 2 * hour });
    const res = await clientCredentialsLogin(api);
    expect(Date.parse(res.headers.get('date') ?? '') - Date.now()).toBeGreaterThan(
      2 * hour - 5_000,
    );
    const body = (await res.json()) as { expiresAt: string };
    expect(Date.parse(`${body.expiresAt}Z`) - Date.now()).toBeGreaterThan(2 * hour + 890_000);

    api.advanceTime(hour);
    const later = await fetch(`${api.url}/nowhere`);
    const skew = Date.parse(later.headers.get('date') ?? '') - Date.now();
    expect(skew).toBeGreaterThan(3 * hour - 5_000);
    expect(skew).toBeLessThan(3 * hour + 5_000);
  });
});
