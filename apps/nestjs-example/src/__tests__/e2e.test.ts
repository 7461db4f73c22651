import { once } from 'node:events';
import { TokenManager } from '@livedata/core';
import {
  DEMO_PERSON_EMAIL,
  demoCredentials,
  FORBIDDEN_ORG_ID,
  QUOTA_SPENT_ORG_ID,
} from '@livedata/mock-server';
import { getTokenManagerToken } from '@livedata/nestjs';
import { type RunningNode, runNode, serviceAccountEnv } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../app.js';
import { mainJs, startBuilt } from './built-service.js';

const api = useMockServer();
const running: RunningApp[] = [];
const children: RunningNode[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
  await Promise.all(children.splice(0).map((child) => child.stop()));
});

async function start(env: Record<string, string>) {
  const app = await createApp({ env, logger: false });
  running.push(app);
  return app;
}

async function get(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

describe('nestjs-example over HTTP (createApp in-process)', () => {
  it('GET /people finds the person by email in the configured org', async () => {
    const { url } = await start(serviceAccountEnv(api));
    const res = await get(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(res.body.credits.remaining).toEqual(expect.any(Number));
  });

  it('answers 404 for an unknown email and 400 without one', async () => {
    const { url } = await start(serviceAccountEnv(api));
    expect((await get(`${url}/people?email=nobody@nowhere.example`)).status).toBe(404);
    expect((await get(`${url}/people`)).status).toBe(400);
  });

  it('makes one identity call for many requests', async () => {
    const { url } = await start(serviceAccountEnv(api));
    await Promise.all(
      Array.from({ length: 6 }, () => get(`${url}/people?email=${DEMO_PERSON_EMAIL}`)),
    );
    await get(`${url}/health`);
    expect(api.count('identity')).toBe(1);
    expect(api.count('people.find')).toBe(6);
  });

  it('GET /health reports working auth and the credential kind', async () => {
    const { url } = await start(serviceAccountEnv(api));
    expect(await get(`${url}/health`)).toMatchObject({
      status: 200,
      body: { status: 'ok', auth: 'ok', kind: 'clientCredentials' },
    });
  });

  it('GET /health works with an API key too', async () => {
    const { url } = await start({
      LIVEDATA_BASE_URL: api.url,
      LIVEDATA_API_KEY: demoCredentials.apiKey,
    });
    expect((await get(`${url}/health`)).body).toMatchObject({ status: 'ok', kind: 'apiKey' });
  });

  it('GET /health answers 503 with the error code when the credentials are wrong, never the secret', async () => {
    const secret = 'not-the-right-secret-e2e';
    const { url } = await start(serviceAccountEnv(api, { LIVEDATA_CLIENT_SECRET: secret }));
    const res = await get(`${url}/health`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', auth: 'invalid_credentials' });
    expect(res.text).not.toContain(secret);
  });

  it('an org whose credits are spent (402 upstream) is answered 503 with a quota message by the filter', async () => {
    const { url } = await start(serviceAccountEnv(api, { LIVEDATA_ORG_ID: QUOTA_SPENT_ORG_ID }));
    const res = await get(`${url}/people?email=${DEMO_PERSON_EMAIL}`);
    expect(api.requests.find((r) => r.route === 'people.find')?.status).toBe(402);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      code: 'upstream_quota_exceeded',
      message: expect.stringMatching(/quota/),
    });
  });

  it('an org without a role (403 upstream) is answered 502', async () => {
    const { url } = await start(serviceAccountEnv(api, { LIVEDATA_ORG_ID: FORBIDDEN_ORG_ID }));
    const res = await get(`${url}/people?email=${DEMO_PERSON_EMAIL}`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream_forbidden');
  });

  it('an upstream 429 is answered 503 with Retry-After', async () => {
    const { url } = await start(serviceAccountEnv(api));
    await get(`${url}/health`);
    api.inject('people.find', { kind: 'status', status: 429, retryAfter: 4 });
    const res = await get(`${url}/people?email=${DEMO_PERSON_EMAIL}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('4');
  });

  it('closing the app closes its token manager', async () => {
    const started = await start(serviceAccountEnv(api));
    const tokens = started.app.get(TokenManager);
    await started.close();
    running.splice(running.indexOf(started), 1);
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'closed' });
  });

  it('refuses to start without credentials, naming the variables', async () => {
    await expect(
      createApp({ env: { LIVEDATA_BASE_URL: api.url }, logger: false }),
    ).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('LIVEDATA_CLIENT_ID'),
    });
  });
});

/** The enrichment account as the mock's seeded user: another credential kind, other roles. */
function twoAccountsEnv(extra: Record<string, string> = {}) {
  return serviceAccountEnv(api, {
    LIVEDATA_ENRICHMENT_USERNAME: demoCredentials.username,
    LIVEDATA_ENRICHMENT_PASSWORD: demoCredentials.password,
    ...extra,
  });
}

function identityGrants() {
  return api.requests.filter((r) => r.route === 'identity').map((r) => r.grant);
}

/** The id of the demo person, found with the default account. */
async function demoPersonId(url: string): Promise<string> {
  const found = await get(`${url}/people?email=${encodeURIComponent(DEMO_PERSON_EMAIL)}`);
  expect(found.status).toBe(200);
  return found.body.person.id;
}

describe('two accounts: the default one and the named "enrichment" one', () => {
  it('GET /people uses the default account, GET /people/:id the enrichment account', async () => {
    const { url, app } = await start(twoAccountsEnv());
    const id = await demoPersonId(url);
    expect(identityGrants()).toEqual(['clientCredentials']);

    const record = await get(`${url}/people/${id}`);
    expect(record.status).toBe(200);
    expect(record.body.person).toMatchObject({
      id,
      name: expect.any(String),
      jobs: expect.any(Array),
    });
    expect(record.body.credits.used).toBe(1);
    expect(identityGrants()).toEqual(['clientCredentials', 'password']);
    expect(api.requests.find((r) => r.route === 'people.person')?.auth).toBe('valid');

    expect(app.get(TokenManager).kind).toBe('clientCredentials');
    expect(app.get(getTokenManagerToken('enrichment')).kind).toBe('password');
  });

  it('each account makes one identity call for many requests', async () => {
    const { url } = await start(twoAccountsEnv());
    const id = await demoPersonId(url);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        get(i % 2 ? `${url}/people/${id}` : `${url}/people?email=${DEMO_PERSON_EMAIL}`),
      ),
    );
    await get(`${url}/health`);
    expect(identityGrants().sort()).toEqual(['clientCredentials', 'password']);
    expect(api.count('people.person')).toBe(3);
  });

  it('without LIVEDATA_ENRICHMENT_* variables, the enrichment account uses the default credentials', async () => {
    const { url, app } = await start(serviceAccountEnv(api));
    const id = await demoPersonId(url);
    expect((await get(`${url}/people/${id}`)).status).toBe(200);
    const enrichment = app.get(getTokenManagerToken('enrichment'));
    expect(enrichment).not.toBe(app.get(TokenManager));
    expect(enrichment.kind).toBe('clientCredentials');
  });

  it('wrong enrichment credentials fail only the enrichment endpoint, with 502 and no secret', async () => {
    const secret = 'wrong-enrichment-password-e2e';
    const { url } = await start(twoAccountsEnv({ LIVEDATA_ENRICHMENT_PASSWORD: secret }));
    const id = await demoPersonId(url);
    const res = await get(`${url}/people/${id}`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('upstream_unauthorized');
    expect(res.text).not.toContain(secret);
    expect((await get(`${url}/health`)).status).toBe(200);
  });

  it('an unknown id is 404, an id that is not one is 400 and never reaches the API', async () => {
    const { url } = await start(twoAccountsEnv());
    expect((await get(`${url}/people/p_does_not_exist`)).status).toBe(404);
    api.resetRequests();
    for (const id of ['..%2F..%2Fidentity', 'a%20b', 'x'.repeat(65)])
      expect((await get(`${url}/people/${id}`)).status).toBe(400);
    expect(api.count()).toBe(0);
  });

  it('a half-set enrichment credential stops startup, naming the enrichment variable', async () => {
    await expect(
      createApp({
        env: serviceAccountEnv(api, { LIVEDATA_ENRICHMENT_USERNAME: demoCredentials.username }),
        logger: false,
      }),
    ).rejects.toMatchObject({
      code: 'config',
      setting: 'LIVEDATA_ENRICHMENT_PASSWORD',
      message: expect.stringContaining('LIVEDATA_ENRICHMENT_PASSWORD'),
    });
  });

  it('closing the app closes both token managers', async () => {
    const started = await start(twoAccountsEnv());
    const managers = [
      started.app.get(TokenManager),
      started.app.get(getTokenManagerToken('enrichment')),
    ];
    await Promise.all(managers.map((tokens) => tokens.getAccessToken()));
    await started.close();
    running.splice(running.indexOf(started), 1);
    for (const tokens of managers)
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('the built service (node dist/main.js)', () => {
  it('uses the LIVEDATA_* environment, serves /health and /people, and stops on SIGTERM', async () => {
    const { child, url, output } = await startBuilt(serviceAccountEnv(api), children);
    expect((await get(`${url}/health`)).body).toMatchObject({ status: 'ok', auth: 'ok' });
    expect((await get(`${url}/people?email=${DEMO_PERSON_EMAIL}`)).status).toBe(200);
    expect(api.count('identity')).toBe(1); // the test's mock server, not a bundled one
    expect(output()).not.toMatch(/bundled/);

    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(output()).not.toContain(demoCredentials.clientSecret);
  });

  it('without credentials, starts the bundled mock server and says so', async () => {
    const { url, output } = await startBuilt({}, children);
    expect(output()).toMatch(
      /started the bundled Live Data mock server at http:\/\/127\.0\.0\.1:\d+\/api/,
    );
    const found = await get(`${url}/people?email=${DEMO_PERSON_EMAIL}`);
    expect(found.status).toBe(200);
    expect((await get(`${url}/health`)).body).toMatchObject({
      status: 'ok',
      kind: 'clientCredentials',
    });
    // The enrichment account is the mock's demo user.
    expect(output()).toMatch(/enrichment account: demo user/);
    expect((await get(`${url}/people/${found.body.person.id}`)).status).toBe(200);
    expect(api.count()).toBe(0);
    expect(output()).not.toContain(demoCredentials.clientSecret);
    expect(output()).not.toContain(demoCredentials.password);
  });
});

describe('bundled mock fallback', () => {
  it('is not used when a credential is half set: the service fails naming the missing variable', async () => {
    const { code, stdout, stderr } = await runNode([mainJs], {
      env: { PORT: '0', NO_COLOR: '1', LIVEDATA_PASSWORD: 'half-set-password' },
    });
    const output = stdout + stderr;
    expect(code).not.toBe(0);
    expect(output).toContain('LIVEDATA_USERNAME');
    expect(output).not.toMatch(/bundled/);
    expect(output).not.toContain('half-set-password');
  });
});
