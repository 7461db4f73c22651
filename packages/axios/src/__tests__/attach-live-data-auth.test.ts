import { inspect } from 'node:util';
import { createTokenManager, LiveDataAuthError } from '@livedata/core';
import { demoCredentials } from '@livedata/mock-server';
import { useDemoTokenManager, useMockServer, useServer } from '@livedata/test-utils/vitest';
import { type AxiosInstance, isAxiosError } from 'axios';
import { describe, expect, it, vi } from 'vitest';
import { attachLiveDataAuth, type LiveDataAxiosOptions } from '../index.js';
import { type RecordingServer, startRecordingServer } from './recording-server.js';
import { axiosVersions, FIND_BODY, FIND_PATH } from './support/axios-cases.js';

it('tests the oldest and the newest axios of the supported range', () => {
  expect(axiosVersions.map(([name]) => name)).toEqual(['axios 1.21.1', 'axios 1.8.2']);
});

describe.each(axiosVersions)('attachLiveDataAuth with %s', (_name, axios) => {
  const mock = useMockServer();
  const foreign = useServer(startRecordingServer);
  const allowed = useServer(startRecordingServer);
  const tokens = useDemoTokenManager(mock);

  function client(options?: LiveDataAxiosOptions): { api: AxiosInstance; detach: () => void } {
    const api = axios.create({ baseURL: tokens.baseUrl });
    const detach = attachLiveDataAuth(api, tokens, options);
    return { api, detach };
  }
  const lastMockRequest = () => mock.requests.at(-1);
  const find = (api: AxiosInstance) => api.post(FIND_PATH, FIND_BODY);
  const authorizationsSeenBy = (server: RecordingServer) =>
    server.requests.map((request) => request.headers.authorization);

  it('authenticates a relative URL under the base URL', async () => {
    const { api } = client();
    const response = await find(api);
    expect(response.status).toBe(200);
    expect(response.data.people.length).toBeGreaterThan(0);
    expect(lastMockRequest()).toMatchObject({ route: 'people.find', auth: 'valid' });
    expect(mock.count('identity')).toBe(1);
  });

  it('authenticates an absolute URL under the base URL on an instance without baseURL', async () => {
    // The README's "attach to your own instance" example: axios.create() with no baseURL.
    const api = axios.create({ timeout: 10_000 });
    attachLiveDataAuth(api, tokens);
    const response = await api.post(`${tokens.baseUrl}${FIND_PATH}`, FIND_BODY);
    expect(response.status).toBe(200);
    expect(lastMockRequest()).toMatchObject({ route: 'people.find', auth: 'valid' });
  });

  it('sends nothing to an absolute URL on another host', async () => {
    const { api } = client();
    await find(api);
    const response = await api.get(`${foreign.origin}/api/people`);
    expect(response.data).toEqual({ ok: true });
    expect(foreign.requests).toHaveLength(1);
    expect(authorizationsSeenBy(foreign)).toEqual([undefined]);
    expect(lastMockRequest()?.auth).toBe('valid');
  });

  it('sends nothing to the same port under another host name (localhost vs 127.0.0.1)', async () => {
    const { api } = client();
    const sameServerOtherOrigin = `http://localhost:${mock.port}/api${FIND_PATH}`;
    const outcome = await api.post(sameServerOtherOrigin, FIND_BODY).catch((error) => error);
    // Whether localhost reaches the mock depends on the resolver; if it does, it came unauthenticated.
    expect(mock.requests.every((request) => request.auth === 'none')).toBe(true);
    if (mock.requests.length > 0) expect(outcome.response?.status).toBe(401);
  });

  it('sends nothing to a path outside the base path on the same origin', async () => {
    const { api } = client();
    await api.get(`${mock.origin}/other`).catch(() => undefined);
    await api.get(`${mock.origin}/apix/people`).catch(() => undefined);
    expect(mock.requests.map((request) => [request.path, request.auth])).toEqual([
      ['/other', 'none'],
      ['/apix/people', 'none'],
    ]);
    expect(mock.count('identity')).toBe(0);
  });

  it('sends nothing to a URL that climbs out of the base path with ..', async () => {
    const { api } = client();
    await api.get(`${mock.origin}/api/../other`).catch(() => undefined);
    expect(mock.requests.map((request) => [request.path, request.auth])).toEqual([
      ['/other', 'none'],
    ]);
  });

  it('does not authenticate protocol-relative URLs to other hosts', async () => {
    const seen: Array<unknown> = [];
    const api = axios.create({
      baseURL: tokens.baseUrl,
      adapter: async (config) => {
        seen.push(config.headers.get('Authorization'));
        return { data: {}, status: 200, statusText: 'OK', headers: {}, config };
      },
    });
    attachLiveDataAuth(api, tokens);
    // In a browser Axios resolves //host against the page: pretend we are on the API's origin.
    vi.stubGlobal('location', { href: `${mock.origin}/app/` });
    try {
      await api.get(`//${new URL(foreign.origin).host}/api/people`);
      await api.get(`//${new URL(mock.origin).host}/api${FIND_PATH}`);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toMatch(/^Bearer \S+/);
    // Without a page (Node), a protocol-relative URL cannot be resolved: never authenticated.
    await api.get(`//${new URL(mock.origin).host}/api${FIND_PATH}`);
    expect(seen[2]).toBeUndefined();
  });

  it('with allowAbsoluteUrls: false, authenticates paths, not an absolute URL elsewhere', async () => {
    const api = axios.create({ baseURL: tokens.baseUrl, allowAbsoluteUrls: false });
    attachLiveDataAuth(api, tokens);
    await find(api);
    expect(lastMockRequest()).toMatchObject({ auth: 'valid', route: 'people.find' });
    // This adapter appends the URL to baseURL; Axios 1.8's fetch adapter would send it to
    // the other host, so an absolute URL elsewhere never gets the token.
    await api.get(`${foreign.origin}/x`).catch(() => undefined);
    expect(foreign.requests).toHaveLength(0);
    expect(lastMockRequest()).toMatchObject({ auth: 'none', route: 'unknown' });
  });

  it('authenticates allowedOrigins entries, and only under their path', async () => {
    const { api } = client({ allowedOrigins: [`${allowed.origin}/files`] });
    await api.get(`${allowed.origin}/files/report`);
    await api.get(`${allowed.origin}/elsewhere`);
    expect(
      allowed.requests.map((r) => [r.path, r.headers.authorization?.startsWith('Bearer ')]),
    ).toEqual([
      ['/files/report', true],
      ['/elsewhere', undefined],
    ]);
  });

  it('rejects allowedOrigins entries that are not absolute https URLs, with core’s config error', () => {
    const api = axios.create();
    const refusal = (entry: string) => {
      try {
        attachLiveDataAuth(api, tokens, { allowedOrigins: [entry] });
      } catch (error) {
        return error as LiveDataAuthError;
      }
      throw new Error(`${entry} was accepted`);
    };
    for (const entry of ['files.example.com', 'http://files.example.com', 'http://app.localhost']) {
      const error = refusal(entry);
      expect(error).toBeInstanceOf(LiveDataAuthError);
      expect(error).toMatchObject({ code: 'config', setting: 'allowedOrigins' });
    }
    expect(refusal('http://files.example.com').message).toMatch(/https/);
    // The same https-or-loopback rule as baseUrl: loopback http is fine.
    expect(() =>
      attachLiveDataAuth(axios.create(), tokens, { allowedOrigins: ['http://127.0.0.1:9/x'] }),
    ).not.toThrow();
  });

  it('drops the token when a redirect leads to another host', async () => {
    const { api } = client({ allowedOrigins: [allowed.origin] });
    const target = `${foreign.origin}/landing`;
    const response = await api.get(`${allowed.origin}/go/redirect`, { params: { to: target } });
    expect(response.data).toEqual({ ok: true });
    expect(authorizationsSeenBy(allowed)[0]).toMatch(/^Bearer \S+/);
    expect(foreign.requests.map((r) => r.path)).toEqual(['/landing']);
    expect(authorizationsSeenBy(foreign)).toEqual([undefined]);
  });

  it('drops the token when a redirect stays on the host but leaves the allowed path', async () => {
    // follow-redirects keeps Authorization on same-host redirects; the adapter's guard does not.
    const { api } = client({ allowedOrigins: [`${allowed.origin}/files`] });
    await api.get(`${allowed.origin}/files/redirect`, { params: { to: '/private/landing' } });
    expect(
      allowed.requests.map((r) => [r.path, r.headers.authorization?.startsWith('Bearer ')]),
    ).toEqual([
      ['/files/redirect', true],
      ['/private/landing', undefined],
    ]);
  });

  it('with the fetch adapter, a redirect to another host carries no token either', async () => {
    const api = axios.create({ baseURL: tokens.baseUrl, adapter: 'fetch' });
    attachLiveDataAuth(api, tokens, { allowedOrigins: [allowed.origin] });
    await api.get(`${allowed.origin}/go/redirect`, { params: { to: `${foreign.origin}/landing` } });
    expect(authorizationsSeenBy(allowed)[0]).toMatch(/^Bearer \S+/);
    expect(foreign.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/landing', undefined],
    ]);
  });

  it('runs the caller’s own beforeRedirect as well', async () => {
    const { api } = client({ allowedOrigins: [allowed.origin] });
    const beforeRedirect = vi.fn();
    await api.get(`${allowed.origin}/go/redirect`, {
      params: { to: `${foreign.origin}/landing` },
      beforeRedirect,
    });
    expect(beforeRedirect).toHaveBeenCalledTimes(1);
    expect(authorizationsSeenBy(foreign)).toEqual([undefined]);
  });

  it('guards every redirect of an instance whose defaults carry a beforeRedirect', async () => {
    // Same host, outside the allowed path: follow-redirects would keep the token.
    const beforeRedirect = vi.fn();
    const api = axios.create({ baseURL: tokens.baseUrl, beforeRedirect });
    attachLiveDataAuth(api, tokens, { allowedOrigins: [`${allowed.origin}/files`] });
    for (let i = 0; i < 3; i += 1) {
      await api.get(`${allowed.origin}/files/redirect`, { params: { to: '/private/landing' } });
    }
    expect(beforeRedirect).toHaveBeenCalledTimes(3);
    expect(
      allowed.requests.map((r) => [r.path, r.headers.authorization?.startsWith('Bearer ')]),
    ).toEqual(
      Array.from({ length: 3 }, () => [
        ['/files/redirect', true],
        ['/private/landing', undefined],
      ]).flat(),
    );
  });

  it('retries once with a new token after a 401', async () => {
    const { api } = client();
    await find(api);
    mock.revokeAllTokens();
    mock.resetRequests();
    const response = await find(api);
    expect(response.status).toBe(200);
    expect(mock.requests.map((r) => [r.route, r.status])).toEqual([
      ['people.find', 401],
      ['identity', 200],
      ['people.find', 200],
    ]);
  });

  it('refreshes once for 50 concurrent requests refused with 401', async () => {
    const { api } = client();
    await find(api);
    mock.revokeAllTokens();
    mock.resetRequests();
    const responses = await Promise.all(Array.from({ length: 50 }, () => find(api)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(mock.count('identity')).toBe(1);
    expect(mock.count('people.find')).toBeLessThanOrEqual(100);
  });

  it('makes one identity call for 50 concurrent requests at a cold start', async () => {
    const { api } = client();
    const responses = await Promise.all(Array.from({ length: 50 }, () => find(api)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(mock.count('identity')).toBe(1);
    expect(mock.count('people.find')).toBe(50);
  });

  it('does not retry a 401 when the token is an API key (a new one cannot be had)', async () => {
    const keyTokens = createTokenManager({
      credentials: { apiKey: demoCredentials.apiKey },
      baseUrl: mock.url,
    });
    try {
      const api = axios.create({ baseURL: keyTokens.baseUrl });
      attachLiveDataAuth(api, keyTokens);
      await find(api);
      expect(lastMockRequest()?.auth).toBe('apiKey');
      mock.inject('people.find', { kind: 'status', status: 401 });
      mock.resetRequests();
      await expect(find(api)).rejects.toMatchObject({ response: { status: 401 } });
      expect(mock.count('people.find')).toBe(1);
    } finally {
      await keyTokens.close();
    }
  });

  it('returns the usual AxiosError when the retry is refused too, without looping', async () => {
    const { api } = client();
    mock.inject('people.find', { kind: 'status', status: 401 });
    const error = await find(api).catch((e: unknown) => e);
    expect(isAxiosError(error) || (error as { isAxiosError?: boolean }).isAxiosError).toBe(true);
    expect((error as { response: { status: number } }).response.status).toBe(401);
    expect(mock.count('people.find')).toBe(2);
    expect(mock.count('identity')).toBe(2);

    // The next call sends the token minted moments ago: the manager says a retry cannot help.
    mock.resetRequests();
    await expect(find(api)).rejects.toMatchObject({ response: { status: 401 } });
    expect(mock.count('people.find')).toBe(1);
    expect(mock.count('identity')).toBe(0);
  });

  it('keeps the token out of errors and responses (JSON and inspect)', async () => {
    const { api } = client();
    const response = await find(api);
    const token = await tokens.getAccessToken();
    mock.inject('people.find', { kind: 'status', status: 403 });
    const error = await find(api).catch((e: unknown) => e);
    for (const value of [response, error]) {
      expect(inspect(value, { depth: 6 })).not.toContain(token);
      expect(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? 0 : v))).not.toContain(
        token,
      );
    }
    expect(
      (error as { config: { headers: { Authorization: string } } }).config.headers.Authorization,
    ).toBe('Bearer [redacted]');
    // A finished config can be sent again: it gets a real token, not the redacted one.
    mock.clearFaults();
    const again = await api.request(response.config);
    expect(again.status).toBe(200);
    expect(lastMockRequest()?.auth).toBe('valid');
  });

  it('redacts the token from the config however the adapter rewrote the header it was handed', async () => {
    // The adapter is the request's own (a proxy layer, a test double): it may rewrite the
    // header the token went in, under the same name or another spelling.
    const rewrites: Array<
      (headers: Record<string, unknown> & { delete(n: string): unknown }) => void
    > = [
      (headers) => {
        headers.Authorization = `${String(headers.Authorization)}; via=proxy`;
      },
      (headers) => {
        const value = headers.Authorization;
        headers.delete('Authorization');
        headers.authorization = value;
      },
      (headers) => {
        headers.Authorization = `Proxy ${String(headers.Authorization)}`;
      },
    ];
    const token = await tokens.getAccessToken();
    for (const rewrite of rewrites) {
      const sent: unknown[] = [];
      const api = axios.create({
        baseURL: tokens.baseUrl,
        adapter: (config) => {
          rewrite(config.headers as never);
          sent.push(config.headers.get('Authorization'));
          return Promise.resolve({
            data: {},
            status: 200,
            statusText: 'OK',
            headers: {},
            config,
            request: {},
          });
        },
      });
      attachLiveDataAuth(api, tokens);
      const response = await find(api);
      expect(String(sent[0])).toContain(token);
      expect(String(response.config.headers.get('Authorization'))).not.toContain(token);
      expect(String(response.config.headers.get('Authorization'))).toContain('[redacted]');
      expect(inspect(response, { depth: 6, showHidden: true })).not.toContain(token);
      expect(JSON.stringify(response.config)).not.toContain(token);
    }
  });

  it('skips requests with liveDataAuth: false', async () => {
    const { api } = client();
    await api.post(FIND_PATH, FIND_BODY, { liveDataAuth: false }).catch(() => undefined);
    expect(mock.requests.map((r) => [r.route, r.auth])).toEqual([['people.find', 'none']]);
    expect(mock.count('identity')).toBe(0);
  });

  it('leaves an explicit Authorization header alone and does not retry it', async () => {
    const { api } = client({ allowedOrigins: [allowed.origin] });
    await api.get(`${allowed.origin}/x`, { headers: { Authorization: 'Bearer caller-own' } });
    expect(authorizationsSeenBy(allowed)).toEqual(['Bearer caller-own']);

    await expect(
      api.post(FIND_PATH, FIND_BODY, { headers: { authorization: 'Bearer caller-own' } }),
    ).rejects.toMatchObject({ response: { status: 401 } });
    expect(mock.requests.map((r) => [r.route, r.auth])).toEqual([['people.find', 'unknown']]);
  });

  it('sends no Authorization for `Authorization: false` (Axios’s "no such header"), asks for no token and does not retry', async () => {
    const { api } = client();
    const perRequest = api.post(FIND_PATH, FIND_BODY, { headers: { Authorization: false } });
    await expect(perRequest).rejects.toMatchObject({ response: { status: 401 } });
    // The same as an instance default, under another spelling.
    api.defaults.headers.common.authorization = false;
    await expect(find(api)).rejects.toMatchObject({ response: { status: 401 } });
    expect(mock.requests.map((r) => [r.route, r.auth])).toEqual([
      ['people.find', 'none'],
      ['people.find', 'none'],
    ]);
    expect(mock.count('identity')).toBe(0);
  });

  it.each(['', null, undefined])(
    'replaces an empty Authorization value (%j) with the token, under the spelling it has',
    async (empty) => {
      const { api } = client({ allowedOrigins: [allowed.origin] });
      const response = await api.get(`${allowed.origin}/x`, { headers: { authorization: empty } });
      expect(response.status).toBe(200);
      expect(allowed.requests).toHaveLength(1);
      expect(allowed.requests[0]?.headers.authorization).toMatch(/^Bearer \S+$/);
      // One header went out, not one per spelling.
      const sent = allowed.requests[0]?.rawHeaders ?? [];
      expect(sent.filter((name) => name.toLowerCase() === 'authorization')).toHaveLength(1);
    },
  );

  it('detach removes both interceptors', async () => {
    const { api, detach } = client();
    await find(api);
    detach();
    detach();
    mock.resetRequests();
    await expect(find(api)).rejects.toMatchObject({ response: { status: 401 } });
    expect(mock.requests.map((r) => [r.route, r.auth])).toEqual([['people.find', 'none']]);
  });

  it('keeps other interceptors working, each running once per call even across a retry', async () => {
    const api = axios.create({ baseURL: tokens.baseUrl });
    const calls: string[] = [];
    api.interceptors.request.use((config) => {
      calls.push('request:before-attach');
      return config;
    });
    attachLiveDataAuth(api, tokens, { allowedOrigins: [allowed.origin] });
    api.interceptors.request.use((config) => {
      calls.push('request:after-attach');
      config.headers.set('X-Trace', 'trace-1');
      return config;
    });
    api.interceptors.response.use((response) => {
      calls.push('response');
      return response.data;
    });

    const data = await api.get(`${allowed.origin}/x`);
    expect(data).toEqual({ ok: true });
    expect(allowed.requests[0]?.headers['x-trace']).toBe('trace-1');
    expect(allowed.requests[0]?.headers.authorization).toMatch(/^Bearer /);

    await api.post(FIND_PATH, FIND_BODY);
    mock.revokeAllTokens();
    calls.length = 0;
    const people = (await api.post(FIND_PATH, FIND_BODY)) as unknown as { people: unknown[] };
    expect(people.people.length).toBeGreaterThan(0);
    expect(calls).toEqual(['request:after-attach', 'request:before-attach', 'response']);
  });

  it('decides on the URL that interceptors registered later produce', async () => {
    const { api } = client();
    api.interceptors.request.use((config) => {
      if (config.url === '/status') config.url = `${foreign.origin}/status`;
      return config;
    });
    await api.get('/status');
    expect(foreign.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/status', undefined],
    ]);
  });

  it('rejects with the token manager’s error when no token can be had', async () => {
    const badTokens = createTokenManager({
      credentials: { clientId: demoCredentials.clientId, clientSecret: 'wrong' },
      baseUrl: mock.url,
    });
    try {
      const api = axios.create({ baseURL: badTokens.baseUrl });
      attachLiveDataAuth(api, badTokens);
      await expect(find(api)).rejects.toMatchObject({
        name: 'LiveDataAuthError',
        code: 'invalid_credentials',
      });
      expect(mock.count('people.find')).toBe(0);
    } finally {
      await badTokens.close();
    }
  });
});
