/**
 * The behaviour the multi-tenant recipe (docs/multi-tenant.md, `recipes/tenant-token-managers.ts`)
 * promises, as test cases run over any shared store: a plain in-memory one in `npm test`, a
 * real Redis in `test:redis`.
 */
import { type TokenManager, type TokenStore } from '@livedata/core';
import { DEMO_ORG_ID, type MockServer, startMockServer } from '@livedata/mock-server';
import { rejection } from '@livedata/test-utils/vitest';
import { afterEach, expect, it } from 'vitest';
import { TenantTokenManagers } from '../recipes/tenant-token-managers.js';

const TENANTS = Array.from({ length: 6 }, (_, i) => ({
  clientId: `tenant-${i}`,
  clientSecret: `tenant-${i}-secret-${(i * 7919).toString(16)}`,
  roles: { [DEMO_ORG_ID]: 'viewer' as const },
}));

async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

export function tenantPoolCases(makeStore: () => TokenStore | Promise<TokenStore>): void {
  let api: MockServer | undefined;
  let pool: TenantTokenManagers | undefined;
  const lookups: string[] = [];

  async function setUp(
    maxLive: number,
    extra: Record<string, { clientId: string; clientSecret: string }> = {},
  ) {
    api = await startMockServer({ serviceAccounts: TENANTS });
    const store = await makeStore();
    const server = api;
    pool = new TenantTokenManagers({
      credentialsOf: async (id) => {
        lookups.push(id);
        const known = extra[id] ?? TENANTS.find((t) => t.clientId === id);
        if (!known) throw new Error(`no tenant ${id}`);
        return { clientId: known.clientId, clientSecret: known.clientSecret };
      },
      shared: { store, baseUrl: server.url, retry: { baseDelayMs: 5, maxDelayMs: 50 } },
      maxLive,
    });
    return { api: server, pool };
  }

  afterEach(async () => {
    await pool?.close();
    await api?.close();
    pool = undefined;
    api = undefined;
    lookups.length = 0;
  });

  /** The tenant's manager, as the pool hands it to a call. */
  const managerOf = (p: TenantTokenManagers, id: string) => p.use(id, async (tokens) => tokens);

  it('keeps at most maxLive managers and closes the least recently used', async () => {
    const { pool } = await setUp(3);
    const managers = new Map<string, TokenManager>();
    for (const id of ['tenant-0', 'tenant-1', 'tenant-2']) {
      await pool.getAccessToken(id);
      managers.set(id, await managerOf(pool, id));
      expect(pool.size).toBeLessThanOrEqual(3);
    }
    await pool.getAccessToken('tenant-0'); // tenant-1 is now the least recently used
    await pool.getAccessToken('tenant-3');
    expect(pool.size).toBe(3);
    const evicted = managers.get('tenant-1') as TokenManager;
    expect((await rejection(evicted.getAccessToken())).code).toBe('closed');
    expect(await managerOf(pool, 'tenant-0')).toBe(managers.get('tenant-0'));
    expect(await managerOf(pool, 'tenant-2')).toBe(managers.get('tenant-2'));
    for (const id of ['tenant-4', 'tenant-5', 'tenant-1', 'tenant-0']) {
      await pool.getAccessToken(id);
      expect(pool.size).toBe(3);
    }
  });

  it('never closes a manager under a caller: more concurrent tenants than maxLive all get tokens', async () => {
    const { api, pool } = await setUp(1);
    api.inject('identity', { kind: 'latency', ms: 150 }, { times: 6 });
    const ids = TENANTS.map((t) => t.clientId);
    const got = await Promise.all(ids.map((id) => pool.getAccessToken(id)));
    expect(new Set(got).size).toBe(ids.length);
    expect(api.count('identity')).toBe(ids.length);
    // Back within the bound once the calls are done.
    expect(pool.size).toBe(1);
  });

  it('an evicted tenant is re-created at its next call and adopts its token from the store', async () => {
    const { api, pool } = await setUp(2);
    const before = await pool.getAccessToken('tenant-0');
    await pool.getAccessToken('tenant-1');
    await pool.getAccessToken('tenant-2'); // evicts tenant-0
    expect(pool.size).toBe(2);
    const calls = api.count('identity');
    expect(await pool.getAccessToken('tenant-0')).toBe(before);
    expect(api.count('identity')).toBe(calls);
    const res = await pool.fetch('tenant-0', `/people/v1/${DEMO_ORG_ID}/search/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filters: [], size: 1 }),
    });
    expect(res.status).toBe(200);
  });

  it('a caller waiting for a token while its manager is closed (forget) is served by a new one', async () => {
    const { api, pool } = await setUp(2);
    // Long enough that the first identity answer never arrives before forget() closes it.
    api.inject('identity', { kind: 'latency', ms: 2_000 }, { times: 1 });
    let first: TokenManager | undefined;
    let runs = 0;
    const waiting = pool.use('tenant-0', async (tokens) => {
      runs++;
      first ??= tokens;
      return tokens.getAccessToken();
    });
    await waitFor('the slow identity call', () => api.count('identity') >= 1);
    await pool.forget('tenant-0');
    const token = await waiting;
    expect(token).toMatch(/\S/);
    expect(runs).toBe(2);
    expect((await rejection((first as TokenManager).getAccessToken())).code).toBe('closed');
    expect(await pool.getAccessToken('tenant-0')).toBe(token);
  });

  it('concurrent first calls of one tenant share one manager and one identity call', async () => {
    const { api, pool } = await setUp(4);
    const got = await Promise.all(
      Array.from({ length: 20 }, () => pool.getAccessToken('tenant-3')),
    );
    expect(new Set(got).size).toBe(1);
    expect(lookups.filter((id) => id === 'tenant-3')).toHaveLength(1);
    expect(api.count('identity')).toBe(1);
  });

  it("a tenant configured with another tenant's client id and a wrong secret cannot read its token", async () => {
    const { api, pool } = await setUp(4, {
      intruder: { clientId: 'tenant-0', clientSecret: 'a-guess-at-tenant-0s-secret' },
    });
    await pool.getAccessToken('tenant-0');
    const error = await rejection(pool.getAccessToken('intruder'));
    expect(error.code).toBe('invalid_credentials');
    expect(api.count('identity')).toBe(2);
  });
}
