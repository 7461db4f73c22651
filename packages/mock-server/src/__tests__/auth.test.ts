import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, DEMO_PERSON_EMAIL, demoCredentials, FORBIDDEN_ORG_ID } from '../seed.js';
import { startMockServer } from '../server.js';
import type { MockServer } from '../types.js';
import { bearer, findByEmail, postJson, serviceToken, userToken } from './helpers.js';

let api: MockServer;
beforeEach(async () => {
  api = await startMockServer();
});
afterEach(async () => {
  await api.close();
});

const find = (org: string, headers: Record<string, string>) =>
  postJson(`${api.url}/people/v1/${org}/find`, findByEmail(DEMO_PERSON_EMAIL), headers);
const contacts = (org: string, headers: Record<string, string>) =>
  postJson(`${api.url}/ledgers/v1/${org}/ldg_main/contacts/search`, {}, headers);

describe('credentials on API routes', () => {
  it('accepts a service-account token, a user token and an API key', async () => {
    expect((await find(DEMO_ORG_ID, bearer(await serviceToken(api)))).status).toBe(200);
    expect((await find(DEMO_ORG_ID, bearer(await userToken(api)))).status).toBe(200);
    expect((await find(DEMO_ORG_ID, bearer(demoCredentials.apiKey))).status).toBe(200);
    expect((await find(DEMO_ORG_ID, { 'x-api-key': demoCredentials.apiKey })).status).toBe(200);
  });

  it('answers 401 without a credential, or with an unknown token or API key', async () => {
    for (const headers of [
      {},
      bearer('not-a-token-we-issued-0000000000000000'),
      bearer('ldtkey_unknown'),
      { authorization: 'Basic abc' },
    ]) {
      const res = await find(DEMO_ORG_ID, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(api.requests.map((r) => r.auth)).toEqual(['none', 'unknown', 'unknown', 'unknown']);
  });

  it('answers 401 once a token has expired on the server clock', async () => {
    api.setTokenTtl(1);
    const token = await serviceToken(api);
    expect((await find(DEMO_ORG_ID, bearer(token))).status).toBe(200);
    api.advanceTime(1_001);
    const res = await find(DEMO_ORG_ID, bearer(token));
    expect(res.status).toBe(401);
    expect(api.requests.at(-1)?.auth).toBe('expired');
  });

  it('answers 401 to tokens revoked with revokeAllTokens, and accepts new ones', async () => {
    const token = await serviceToken(api);
    api.revokeAllTokens();
    expect((await find(DEMO_ORG_ID, bearer(token))).status).toBe(401);
    expect((await find(DEMO_ORG_ID, bearer(await serviceToken(api)))).status).toBe(200);
  });
});

describe('roles per organization', () => {
  it('answers 403 on an organization the credential has no role on', async () => {
    const token = await serviceToken(api);
    expect((await find(FORBIDDEN_ORG_ID, bearer(token))).status).toBe(403);
    expect((await find(FORBIDDEN_ORG_ID, bearer(demoCredentials.apiKey))).status).toBe(403);
    const person = await fetch(`${api.url}/people/v1/${FORBIDDEN_ORG_ID}/person/p_1`, {
      headers: bearer(token),
    });
    expect(person.status).toBe(403);
  });

  it('answers 400 to an organization id that is not o_ + 8 hex digits', async () => {
    const token = await serviceToken(api);
    expect((await find('acme', bearer(token))).status).toBe(400);
    expect((await find('o_XYZ12345', bearer(token))).status).toBe(400);
  });

  it('takes accounts and roles from options', async () => {
    const custom = await startMockServer({
      serviceAccounts: [{ clientId: 'svc', clientSecret: 'shh', roles: { o_0000abcd: 'editor' } }],
      organizations: [{ id: 'o_0000abcd', name: 'Custom' }],
    });
    try {
      const res = await postJson(`${custom.url}/identity/v1/session`, {
        grantType: 'clientCredentials',
        clientId: 'svc',
        clientSecret: 'shh',
      });
      const { accessToken } = (await res.json()) as { accessToken: string };
      const url = `${custom.url}/people/v1/o_0000abcd/search`;
      expect((await postJson(url, {}, bearer(accessToken))).status).toBe(200);
      const demo = `${custom.url}/people/v1/${DEMO_ORG_ID}/search`;
      expect((await postJson(demo, {}, bearer(accessToken))).status).toBe(403);
      // The seeded account is replaced, not added to.
      const seeded = await postJson(`${custom.url}/identity/v1/session`, {
        grantType: 'clientCredentials',
        clientId: demoCredentials.clientId,
        clientSecret: demoCredentials.clientSecret,
      });
      expect(seeded.status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('ledger contacts search', () => {
  it('answers contacts to session tokens of both grants', async () => {
    for (const token of [await serviceToken(api), await userToken(api)]) {
      const res = await contacts(DEMO_ORG_ID, bearer(token));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { contacts: { person_id: string }[]; count: number };
      expect(body.contacts.length).toBeGreaterThan(0);
      expect(body.count).toBeGreaterThanOrEqual(body.contacts.length);
    }
  });

  it('answers 403 to an API key, which carries no customer-specific access', async () => {
    const res = await contacts(DEMO_ORG_ID, bearer(demoCredentials.apiKey));
    expect(res.status).toBe(403);
  });

  it('answers 401 without a credential and 403 on a foreign organization', async () => {
    expect((await contacts(DEMO_ORG_ID, {})).status).toBe(401);
    expect((await contacts(FORBIDDEN_ORG_ID, bearer(await serviceToken(api)))).status).toBe(403);
  });
});
