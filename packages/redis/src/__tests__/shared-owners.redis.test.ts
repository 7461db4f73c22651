/**
 * One real Redis shared by managers of different owners (a multi-tenant service), with and
 * without `encryptionKey`: a manager with the right client id or username but another
 * secret never gets the owner's token, owners with the same credentials still share one
 * identity call, and a dump of every key and value in Redis reveals no secret nor a fast
 * hash of one. Against the mock Live Data API over real HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import { TokenManager, type TokenManagerOptions, type TokenStore } from '@livedata/core';
import { demoCredentials, type MockServer, startMockServer } from '@livedata/mock-server';
import { type RedisServerHandle, startRedisServer } from '@livedata/test-utils';
import { rejection } from '@livedata/test-utils/vitest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';
import { type ClientFactory, clientFactories, type TestClient } from './helpers/redis-clients.js';
import { tenantPoolCases } from './helpers/tenant-pool-cases.js';

const CLIENT = { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret };
const USER = { username: demoCredentials.username, password: demoCredentials.password };
const WRONG_SECRET = 'redis-intruder-guess-8d2f';
const CLIENT_KINDS = ['node-redis 6', 'ioredis 6'];

/** The secret in the clear and its fast hashes in every usual encoding. */
function revealing(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret)];
  for (const encoding of ['base64', 'base64url', 'hex'] as const) {
    forms.push(Buffer.from(secret).toString(encoding));
  }
  for (const algorithm of ['sha256', 'sha1', 'sha512', 'md5']) {
    const digest = createHash(algorithm).update(secret).digest();
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      forms.push(digest.toString(encoding));
    }
    forms.push(digest.toString('hex').toUpperCase());
  }
  return forms;
}

let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(
  CLIENT_KINDS.flatMap((name) => [
    { name, encrypted: false },
    { name, encrypted: true },
  ]),
)('owners sharing one Redis ($name, encryptionKey: $encrypted)', ({ name, encrypted }) => {
  const found = clientFactories.find((f) => f.name === name);
  if (!found) throw new Error(`no client factory ${name}`);
  const factory: ClientFactory = found;
  const encryptionKey = encrypted ? randomBytes(32) : undefined;
  const clients: TestClient[] = [];
  const managers: TokenManager[] = [];
  let api: MockServer | undefined;
  let prefix = '';

  async function store(): Promise<TokenStore> {
    const client = await factory.create(redis.url);
    clients.push(client);
    return new RedisTokenStore({
      client: client.client as never,
      keyPrefix: prefix,
      encryptionKey,
    });
  }

  async function manager(options: Partial<TokenManagerOptions>): Promise<TokenManager> {
    if (!api) throw new Error('start the mock server first');
    const tokens = new TokenManager({
      credentials: CLIENT,
      baseUrl: api.url,
      store: await store(),
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      ...options,
    });
    managers.push(tokens);
    return tokens;
  }

  /** Every key under the test's prefix with its value, as one text. */
  async function dump(): Promise<{ keys: string[]; text: string }> {
    const admin = clients[0] as TestClient;
    const keys = await admin.keys(`${prefix}*`);
    const values = await Promise.all(keys.map((k) => admin.rawGet(k)));
    return { keys, text: [...keys, ...values].join('\n') };
  }

  beforeAll(() => {
    prefix = `owners-${name.replace(/\W+/g, '')}-${encrypted ? 'enc' : 'plain'}:`;
  });
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    await api?.close();
    api = undefined;
    const admin = clients[0];
    if (admin) {
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.command(['DEL', ...keys]);
    }
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it.each([
    { kind: 'client id', right: CLIENT, wrong: { ...CLIENT, clientSecret: WRONG_SECRET } },
    { kind: 'username', right: USER, wrong: { ...USER, password: WRONG_SECRET } },
  ])(
    'same $kind, wrong secret: its own identity call and invalid_credentials, never the owner token',
    async ({ right, wrong }) => {
      api = await startMockServer();
      const owner = await manager({ credentials: right });
      const token = await owner.getAccessToken();
      expect(api.count('identity')).toBe(1);
      const intruder = await manager({ credentials: wrong });
      expect((await rejection(intruder.getAccessToken())).code).toBe('invalid_credentials');
      expect(api.count('identity')).toBe(2);
      // A provider returning the wrong secret is no different.
      const viaProvider = await manager({
        credentials:
          'clientId' in wrong
            ? { ...wrong, clientSecret: () => WRONG_SECRET }
            : { ...wrong, password: async () => WRONG_SECRET },
      });
      expect((await rejection(viaProvider.getAccessToken())).code).toBe('invalid_credentials');
      expect(await owner.getAccessToken()).toBe(token);
      expect((await dump()).keys.filter((k) => !k.endsWith(':lock'))).toHaveLength(1);
    },
  );

  it('two managers (two connections) with the same credentials make one identity call between them', async () => {
    api = await startMockServer();
    const a = await manager({});
    const b = await manager({
      credentials: { ...CLIENT, clientSecret: () => CLIENT.clientSecret },
    });
    const [x, y] = await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    expect(x).toBe(y);
    expect(api.count('identity')).toBe(1);
    const { keys } = await dump();
    expect(keys.filter((k) => !k.endsWith(':lock'))).toEqual([
      expect.stringMatching(new RegExp(`^${prefix}livedata:token:\\{[0-9a-f]{64}\\}$`)),
    ]);
  });

  it('a dump of every key and value (lock included) holds no secret and no fast hash of one', async () => {
    api = await startMockServer();
    // Hold the identity answer so the lock is in Redis when we look.
    api.inject('identity', { kind: 'latency', ms: 2_000 }, { times: 1 });
    const owner = await manager({ credentials: CLIENT });
    const pending = owner.getAccessToken();
    const admin = clients[0] as TestClient;
    for (let i = 0; i < 400 && (await admin.keys(`${prefix}*:lock`)).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const duringMint = await dump();
    expect(duringMint.keys.some((k) => k.endsWith(':lock'))).toBe(true);
    await pending;
    await (await manager({ credentials: USER })).getAccessToken();
    await rejection(
      (await manager({ credentials: { ...CLIENT, clientSecret: WRONG_SECRET } })).getAccessToken(),
    );
    const after = await dump();
    expect(after.keys.length).toBeGreaterThanOrEqual(2);
    const held = `${duringMint.text}\n${after.text}`;
    for (const secret of [CLIENT.clientSecret, USER.password, WRONG_SECRET]) {
      for (const form of revealing(secret)) expect(held).not.toContain(form);
    }
    if (encrypted) {
      for (const value of after.text.split('\n').filter((l) => !l.startsWith(prefix))) {
        if (value.length > 32) expect(value).toMatch(/^ldenc1\./);
      }
    }
  });

  describe('the multi-tenant recipe over this Redis', () => {
    tenantPoolCases(() => store());
  });
});
