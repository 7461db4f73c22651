/**
 * A store shared by managers of different owners: knowing someone's client id or username
 * is not enough to be served their token, and nothing the store holds reveals a secret or a
 * fast hash of it. Against the mock Live Data API over real HTTP, with plain user-supplied
 * store objects (with and without a lock).
 */
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { DEMO_ORG_ID } from '@livedata/mock-server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StoredToken, TokenManager, type TokenStore } from '../index.js';
import { DEMO_CLIENT as CLIENT, DEMO_USER as USER, useMockApi } from './mock-api-fixtures.js';
import { eventLog, rejection } from './web-fixtures.js';

const WRONG_SECRET = 'not-the-demo-secret-4e1d';

/** A store as a user would write it: a plain object over a Map, optionally with a lock. */
function plainStore(withLock: boolean) {
  const entries = new Map<string, StoredToken>();
  const locks = new Map<string, string>();
  const lockKeys = new Set<string>();
  const store: TokenStore = {
    get: async (key) => entries.get(key),
    set: async (key, token) => {
      entries.set(key, { ...token });
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
  if (withLock) {
    store.lock = async (key) => {
      lockKeys.add(key);
      if (locks.has(key)) return undefined;
      const owner = Math.random().toString(16).slice(2);
      locks.set(key, owner);
      return async () => {
        if (locks.get(key) === owner) locks.delete(key);
      };
    };
  }
  /** Everything the store was ever given, as text: keys, lock keys, values. */
  const dump = () =>
    [...entries.keys(), ...lockKeys, ...[...entries.values()].map((v) => JSON.stringify(v))].join(
      '\n',
    );
  return { store, entries, dump };
}

/** The secret and the encodings of its fast hashes a store dump must not contain. */
function revealing(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
  forms.push(Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64url'));
  for (const algorithm of ['sha256', 'sha1', 'sha512', 'md5']) {
    const digest = createHash(algorithm).update(secret).digest();
    forms.push(digest.toString('hex'), digest.toString('base64'), digest.toString('base64url'));
    forms.push(digest.toString('hex').toUpperCase());
  }
  return forms;
}

const { mock, manager } = useMockApi({ retry: { baseDelayMs: 5, maxDelayMs: 50 } });

describe.each([
  { storeKind: 'plain store', withLock: false },
  { storeKind: 'plain store with a lock', withLock: true },
])('a $storeKind shared by owners of one identity', ({ withLock }) => {
  it.each([
    { kind: 'client id', right: CLIENT, wrong: { ...CLIENT, clientSecret: WRONG_SECRET } },
    { kind: 'username', right: USER, wrong: { ...USER, password: WRONG_SECRET } },
  ])(
    'same $kind, wrong secret: its own identity call, invalid_credentials, never the other token',
    async ({ right, wrong }) => {
      const api = await mock();
      const { store, entries } = plainStore(withLock);
      const owner = manager(api, { credentials: right, store });
      const token = await owner.getAccessToken();
      expect(api.count('identity')).toBe(1);
      expect(entries.size).toBe(1);

      const intruder = manager(api, { credentials: wrong, store });
      const error = await rejection(intruder.getAccessToken());
      expect(error.code).toBe('invalid_credentials');
      expect(api.count('identity')).toBe(2);
      // tokens.fetch never sends the owner's token either: it fails before any API call.
      const people = api.count('people.person');
      expect((await rejection(intruder.fetch(`/people/v1/${DEMO_ORG_ID}/person/p_1`))).code).toBe(
        'invalid_credentials',
      );
      expect(api.count('people.person')).toBe(people);
      // The owner is untouched: still its token, no new identity call.
      expect(await owner.getAccessToken()).toBe(token);
      expect(entries.size).toBe(1);
    },
  );

  it('owner and intruder starting at the same moment: each makes its own call, the intruder gets nothing', async () => {
    const api = await mock();
    const { store } = plainStore(withLock);
    const owner = manager(api, { credentials: CLIENT, store });
    const intruders = Array.from({ length: 5 }, () =>
      manager(api, { credentials: { ...CLIENT, clientSecret: WRONG_SECRET }, store }),
    );
    const [ownerToken, ...results] = await Promise.allSettled([
      owner.getAccessToken(),
      ...intruders.map((m) => m.getAccessToken()),
    ]);
    expect(ownerToken?.status).toBe('fulfilled');
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid_credentials' });
    }
    // The owner's call and at least one intruder call; never fewer (no token was shared).
    expect(api.count('identity')).toBeGreaterThanOrEqual(2);
    expect(api.count('identity')).toBeLessThanOrEqual(6);
  });

  it('two managers with the same right credentials make one identity call between them', async () => {
    const api = await mock();
    const { store } = plainStore(withLock);
    const a = manager(api, { credentials: CLIENT, store });
    const b = manager(api, { credentials: { ...CLIENT }, store });
    const first = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(first);
    expect(api.count('identity')).toBe(1);
  });
});

describe('store keys follow the secret', () => {
  it('concurrent managers with one secret behind a lock: one identity call for all', async () => {
    const api = await mock();
    const { store } = plainStore(true);
    const fleet = Array.from({ length: 6 }, () => manager(api, { store }));
    const got = await Promise.all(fleet.flatMap((m) => [m.getAccessToken(), m.getAccessToken()]));
    expect(new Set(got).size).toBe(1);
    expect(api.count('identity')).toBe(1);
  });

  it('a rotated secret gets its own key: the rotated manager mints under it, the old key is left alone', async () => {
    const oldSecret = 'rotation-old-secret-1a2b';
    const newSecret = 'rotation-new-secret-3c4d';
    const api = await mock({
      // During a rotation the identity provider accepts both secrets of one client id.
      serviceAccounts: [
        { clientId: 'rotating-client', clientSecret: oldSecret, roles: { [DEMO_ORG_ID]: 'admin' } },
        { clientId: 'rotating-client', clientSecret: newSecret, roles: { [DEMO_ORG_ID]: 'admin' } },
      ],
    });
    const { store, entries } = plainStore(true);
    let current = oldSecret;
    const rotating = manager(api, {
      credentials: { clientId: 'rotating-client', clientSecret: () => current },
      store,
    });
    const laggard = manager(api, {
      credentials: { clientId: 'rotating-client', clientSecret: oldSecret },
      store,
    });
    const before = await rotating.getAccessToken();
    expect(await laggard.getAccessToken()).toBe(before);
    expect(api.count('identity')).toBe(1);

    current = newSecret;
    const after = await rotating.getAccessToken({ forceRefresh: true });
    expect(after).not.toBe(before);
    expect(api.count('identity')).toBe(2);
    expect(entries.size).toBe(2);
    // A manager created with the new secret adopts the rotated token; the old one keeps its own.
    const fresh = manager(api, {
      credentials: { clientId: 'rotating-client', clientSecret: newSecret },
      store,
    });
    expect(await fresh.getAccessToken()).toBe(after);
    expect(await laggard.getAccessToken()).toBe(before);
    expect(api.count('identity')).toBe(2);
  });

  it('nothing the store holds contains a secret, nor its SHA-256 (or SHA-1, SHA-512, MD5) in hex, base64 or base64url', async () => {
    const api = await mock();
    const { store, dump } = plainStore(true);
    const log = eventLog();
    await manager(api, { credentials: CLIENT, store, onEvent: log.onEvent }).getAccessToken();
    await manager(api, { credentials: USER, store, onEvent: log.onEvent }).getAccessToken();
    await rejection(
      manager(api, {
        credentials: { ...CLIENT, clientSecret: WRONG_SECRET },
        store,
        onEvent: log.onEvent,
      }).getAccessToken(),
    );
    const held = dump();
    expect(held).toMatch(/^livedata:token:[0-9a-f]{64}$/m);
    const printedEvents = inspect(log.events, {
      showHidden: true,
      depth: Number.POSITIVE_INFINITY,
    });
    for (const secret of [CLIENT.clientSecret, USER.password, WRONG_SECRET]) {
      for (const form of revealing(secret)) {
        expect(held).not.toContain(form);
        expect(printedEvents).not.toContain(form);
      }
    }
  });

  it('for any two different secrets of one client id: separate keys, nothing revealing stored (property)', async () => {
    // A fake identity endpoint that knows one secret per run: fast enough for many runs, and
    // it checks exactly what the manager sent.
    let accepted = '';
    let identityCalls = 0;
    let issued = 0;
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      identityCalls++;
      const body = JSON.parse(String(init?.body));
      if (body.clientSecret !== accepted) return new Response('{}', { status: 401 });
      return Response.json({ accessToken: `tok-${++issued}`, expires_in: 900 });
    }) as typeof globalThis.fetch;
    // Secrets a user might have, without control characters (refused up front).
    const secret = fc
      .string({ minLength: 1, maxLength: 40, unit: 'binary' })
      .filter((s) => s.trim().length > 0 && !/\p{Cc}/u.test(s) && !/[\uD800-\uDFFF]/.test(s));
    await fc.assert(
      fc.asyncProperty(secret, secret, async (right, wrong) => {
        fc.pre(right !== wrong);
        accepted = right;
        identityCalls = 0;
        const { store, entries, dump } = plainStore(true);
        const base = { baseUrl: 'http://127.0.0.1:9/api', fetch, store };
        const owner = new TokenManager({
          ...base,
          credentials: { clientId: 'c', clientSecret: right },
        });
        const intruder = new TokenManager({
          ...base,
          credentials: { clientId: 'c', clientSecret: () => wrong },
        });
        const token = await owner.getAccessToken();
        const error = await rejection(intruder.getAccessToken());
        expect(error.code).toBe('invalid_credentials');
        expect(identityCalls).toBe(2);
        expect(entries.size).toBe(1);
        const held = dump();
        expect(held).toContain(token);
        for (const s of [right, wrong]) {
          // Short secrets can appear in any hex by chance; their hashes cannot.
          const forms = s.length >= 6 ? revealing(s) : revealing(s).slice(5);
          for (const form of forms) expect(held).not.toContain(form);
        }
        await owner.close();
        await intruder.close();
      }),
      { numRuns: 15 },
    );
  });
});
