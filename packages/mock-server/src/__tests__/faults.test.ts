import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials } from '../seed.js';
import { startMockServer } from '../server.js';
import type { MockServer } from '../types.js';
import { bearer, clientCredentialsLogin, findByEmail, postJson } from './helpers.js';

let api: MockServer;
beforeEach(async () => {
  api = await startMockServer();
});
afterEach(async () => {
  await api.close();
});

const login = () => clientCredentialsLogin(api);
const find = () =>
  postJson(
    `${api.url}/people/v1/${DEMO_ORG_ID}/find`,
    findByEmail(DEMO_PERSON_EMAIL),
    bearer(demoCredentials.apiKey),
  );

describe('status faults', () => {
  it('answers the injected status for the next `times` requests, then normally', async () => {
    api.inject('identity', { kind: 'status', status: 503 }, { times: 2 });
    const statuses = [(await login()).status, (await login()).status, (await login()).status];
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('keeps injecting until clearFaults when no `times` is given', async () => {
    api.inject('people.find', { kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) expect((await find()).status).toBe(500);
    api.clearFaults();
    expect((await find()).status).toBe(200);
  });

  it('sends Retry-After exactly as given, and none when not given', async () => {
    api.inject('identity', { kind: 'status', status: 429, retryAfter: 2 }, { times: 1 });
    api.inject('identity', { kind: 'status', status: 429 }, { times: 1 });
    api.inject(
      'identity',
      { kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2065 07:28:00 GMT' },
      { times: 1 },
    );
    const first = await login();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    const second = await login();
    expect(second.status).toBe(429);
    expect(second.headers.has('retry-after')).toBe(false);
    expect((await login()).headers.get('retry-after')).toBe('Wed, 21 Oct 2065 07:28:00 GMT');
  });

  it('answers a given body as is, even when it is not JSON', async () => {
    api.inject('identity', { kind: 'status', status: 502, body: '<html>Bad gateway</html>' });
    const res = await login();
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('<html>Bad gateway</html>');
  });

  it('applies before authentication: a request without a credential gets the fault', async () => {
    api.inject('people.find', { kind: 'status', status: 503 }, { times: 1 });
    const res = await postJson(`${api.url}/people/v1/${DEMO_ORG_ID}/find`, '{}');
    expect(res.status).toBe(503);
    expect(res.headers.has('date')).toBe(true);
  });

  it("matches every route with '*'", async () => {
    api.inject('*', { kind: 'status', status: 500 }, { times: 2 });
    expect((await login()).status).toBe(500);
    expect((await find()).status).toBe(500);
    expect((await find()).status).toBe(200);
  });
});

describe('scripts', () => {
  it('answers the next requests in order, null meaning normal, then normally', async () => {
    api.script('identity', [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfter: 1 },
      { kind: 'status', status: 429 },
      null,
      { kind: 'status', status: 503 },
    ]);
    const answers: [number, string | null][] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login();
      answers.push([res.status, res.headers.get('retry-after')]);
    }
    expect(answers).toEqual([
      [500, null],
      [429, '1'],
      [429, null],
      [200, null],
      [503, null],
      [200, null],
    ]);
  });

  it('is played before injections of the same route', async () => {
    api.inject('identity', { kind: 'status', status: 500 }, { times: 1 });
    api.script('identity', [{ kind: 'status', status: 418 }]);
    expect((await login()).status).toBe(418);
    expect((await login()).status).toBe(500);
    expect((await login()).status).toBe(200);
  });
});

describe('body and connection faults', () => {
  it('malformed: answers 200 with a body that is not JSON', async () => {
    api.inject('identity', { kind: 'malformed' }, { times: 1 });
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow();
  });

  it('malformed: answers a given body', async () => {
    api.inject('identity', { kind: 'malformed', body: '{"accessToken": 42}' }, { times: 1 });
    expect(await (await login()).json()).toEqual({ accessToken: 42 });
  });

  it('latency: waits, then answers normally', async () => {
    api.inject('identity', { kind: 'latency', ms: 250 }, { times: 1 });
    const started = performance.now();
    const res = await login();
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('accessToken');
  });

  it('reset: the client sees a network error', async () => {
    api.inject('identity', { kind: 'reset' }, { times: 1 });
    await expect(login()).rejects.toThrow(TypeError);
    expect((await login()).status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('hang: never answers, and close() ends the connection promptly', async () => {
    api.inject('identity', { kind: 'hang' });
    const pending = login().then(
      () => 'answered',
      () => 'failed',
    );
    await expect.poll(() => api.count('identity')).toBe(1);
    const early = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300)),
    ]);
    expect(early).toBe('still waiting');
    await api.close();
    expect(await pending).toBe('failed');
    expect(api.requests[0]?.status).toBe(0);
  });

  it('hang: an AbortSignal on the client side ends the wait', async () => {
    api.inject('identity', { kind: 'hang' });
    const controller = new AbortController();
    const pending = fetch(`${api.url}/identity/v1/session`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    await expect.poll(() => api.count('identity')).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('rejects impossible faults', () => {
    expect(() => api.inject('identity', { kind: 'latency', ms: -1 })).toThrow(RangeError);
    expect(() => api.inject('identity', { kind: 'status', status: 42 })).toThrow(RangeError);
    expect(() => api.inject('identity', { kind: 'hang' }, { times: 0 })).toThrow(RangeError);
  });
});
