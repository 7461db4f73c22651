import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL } from '../seed.js';
import { startMockServer } from '../server.js';
import type { MockServer } from '../types.js';
import {
  bearer,
  clientCredentialsLogin,
  findByEmail,
  passwordLogin,
  postJson,
  serviceToken,
} from './helpers.js';

let api: MockServer;
beforeEach(async () => {
  api = await startMockServer();
});
afterEach(async () => {
  await api.close();
});

describe('request log', () => {
  it('counts requests per route, so a test can assert one identity call', async () => {
    const token = await serviceToken(api);
    const url = `${api.url}/people/v1/${DEMO_ORG_ID}/find`;
    await Promise.all(
      [1, 2, 3].map(() => postJson(url, findByEmail(DEMO_PERSON_EMAIL), bearer(token))),
    );
    await fetch(`${api.url}/what`);
    expect(api.count('identity')).toBe(1);
    expect(api.count('people.find')).toBe(3);
    expect(api.count('unknown')).toBe(1);
    expect(api.count('people.search')).toBe(0);
    expect(api.count()).toBe(5);
  });

  it('records route, method, path, status, auth state, grant and server time', async () => {
    api.advanceTime(60_000);
    await clientCredentialsLogin(api);
    await passwordLogin(api, { password: 'wrong' });
    const token = await serviceToken(api);
    await fetch(`${api.url}/people/v1/${DEMO_ORG_ID}/person/p_nobody?x=1`, {
      headers: bearer(token),
    });
    const [cc, pw, , person] = api.requests;
    expect(cc).toMatchObject({ route: 'identity', method: 'POST', status: 200, auth: 'none' });
    expect(cc?.grant).toBe('clientCredentials');
    expect(cc?.path).toBe('/api/identity/v1/session');
    expect(pw).toMatchObject({ route: 'identity', status: 401, grant: 'password' });
    expect(person).toMatchObject({
      route: 'people.person',
      method: 'GET',
      path: `/api/people/v1/${DEMO_ORG_ID}/person/p_nobody?x=1`,
      status: 404,
      auth: 'valid',
    });
    expect(Math.abs((cc?.at ?? 0) - (Date.now() + 60_000))).toBeLessThan(5_000);
  });

  it('records faulted requests too, and forgets everything on resetRequests', async () => {
    api.inject('identity', { kind: 'status', status: 503 }, { times: 1 });
    await clientCredentialsLogin(api);
    expect(api.requests).toMatchObject([
      { route: 'identity', status: 503, grant: 'clientCredentials' },
    ]);
    api.resetRequests();
    expect(api.count()).toBe(0);
    expect(api.requests).toEqual([]);
  });

  it('answers unknown routes and wrong methods with JSON errors', async () => {
    const unknown = await fetch(`${api.url}/people/v2/anything`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toHaveProperty('error');
    const wrongMethod = await fetch(`${api.url}/identity/v1/session`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

describe('close', () => {
  it('resolves with keep-alive connections open, and is idempotent', async () => {
    const other = await startMockServer();
    await clientCredentialsLogin(other); // fetch keeps this connection alive
    const first = other.close();
    const second = other.close();
    await Promise.all([first, second]);
    await expect(clientCredentialsLogin(other)).rejects.toThrow(TypeError);
  });
});
