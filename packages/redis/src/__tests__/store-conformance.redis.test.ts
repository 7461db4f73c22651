import type { StoredToken } from '@livedata/core';
import { type RedisServerHandle, startRedisServer } from '@livedata/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';
import { lockKeyName } from '../slot-keys.js';
import { clientFactories, type TestClient } from './helpers/redis-clients.js';

const KEY = 'livedata:token:conformance';
/** The Redis key the store writes for KEY (its lock adds `:lock`): the hash is a hash tag. */
const STORED = 'livedata:token:{conformance}';
const TOKEN = 'tok_conformance-secret-token-7c1e';
/** The ACL grants documented in the README. */
const ACL_GRANTS = ['+get', '+set', '+del', '+eval'];

let redis: RedisServerHandle;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshToken(lifetimeMs = 60_000): StoredToken {
  const now = Date.now();
  return { accessToken: TOKEN, expiresAt: now + lifetimeMs, obtainedAt: now };
}

describe.each(clientFactories)('RedisTokenStore on real Redis with $name', (factory) => {
  let a: TestClient;
  let b: TestClient;
  let prefix: string;
  beforeAll(async () => {
    a = await factory.create(redis.url);
    b = await factory.create(redis.url);
    prefix = `${factory.name.replace(/\W+/g, '-')}:`;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('shares a token between two clients, with a TTL ending at expiresAt', async () => {
    const writer = new RedisTokenStore({ client: a.client as never, keyPrefix: prefix });
    const reader = new RedisTokenStore({ client: b.client as never, keyPrefix: prefix });
    const token = freshToken(30_000);
    await writer.set(KEY, token);
    expect(await reader.get(KEY)).toEqual(token);
    const pttl = await a.pttl(`${prefix}${STORED}`);
    expect(pttl).toBeGreaterThan(25_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
    await reader.delete(KEY);
    expect(await writer.get(KEY)).toBeUndefined();
  });

  it('lets Redis drop the token when it expires', async () => {
    const store = new RedisTokenStore({ client: a.client as never, keyPrefix: prefix });
    await store.set(KEY, freshToken(150));
    await sleep(300);
    expect(await a.rawGet(`${prefix}${STORED}`)).toBeNull();
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('gives the lock to exactly one of many concurrent contenders', async () => {
    const stores = [a, b].map(
      (c) => new RedisTokenStore({ client: c.client as never, keyPrefix: prefix }),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]?.lock(KEY, 5_000)),
    );
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    const pttl = await a.pttl(`${prefix}${STORED}:lock`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
    await winners[0]?.();
    expect(await a.rawGet(`${prefix}${STORED}:lock`)).toBeNull();
  });

  it('expires a lock nobody releases, then lets another owner take it', async () => {
    const first = new RedisTokenStore({ client: a.client as never, keyPrefix: prefix });
    const second = new RedisTokenStore({ client: b.client as never, keyPrefix: prefix });
    // A TTL no loaded machine can outrun between the two calls; then Redis is told to let it
    // lapse now, and the test waits for the key to be gone (a condition, not a sleep).
    const abandoned = await first.lock(KEY, 60_000);
    expect(abandoned).toBeTypeOf('function');
    expect(await second.lock(KEY, 60_000)).toBeUndefined();
    const ttl = await a.pttl(lockKeyName(prefix, KEY));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await a.command(['PEXPIRE', lockKeyName(prefix, KEY), '1']);
    while ((await a.pttl(lockKeyName(prefix, KEY))) !== -2) await sleep(5);
    const taken = await second.lock(KEY, 5_000);
    expect(taken).toBeTypeOf('function');
    // The first owner's late release must not remove the second owner's lock.
    await abandoned?.();
    expect(await a.rawGet(`${prefix}${STORED}:lock`)).not.toBeNull();
    expect(await first.lock(KEY, 5_000)).toBeUndefined();
    await taken?.();
    expect(await a.rawGet(`${prefix}${STORED}:lock`)).toBeNull();
  });

  it('stores ciphertext without the token, and reads it as a miss with another key', async () => {
    const key = new Uint8Array(32).fill(3);
    const store = new RedisTokenStore({
      client: a.client as never,
      keyPrefix: prefix,
      encryptionKey: key,
    });
    const token = freshToken();
    await store.set(KEY, token);
    const raw = (await a.rawGet(`${prefix}${STORED}`)) ?? '';
    expect(raw).not.toContain(TOKEN);
    expect(raw.startsWith('ldenc1.')).toBe(true);
    const sameKey = new RedisTokenStore({
      client: b.client as never,
      keyPrefix: prefix,
      encryptionKey: Buffer.from(key).toString('base64'),
    });
    expect(await sameKey.get(KEY)).toEqual(token);
    const otherKey = new RedisTokenStore({
      client: b.client as never,
      keyPrefix: prefix,
      encryptionKey: new Uint8Array(32).fill(4),
    });
    expect(await otherKey.get(KEY)).toBeUndefined();
    await a.rawSet(`${prefix}${STORED}`, 'ldenc1.garbage');
    expect(await sameKey.get(KEY)).toBeUndefined();
    await store.delete(KEY);
  });

  it('works for a Redis user limited to GET, SET, DEL and EVAL on its key prefix', async () => {
    const admin = a;
    const username = `tokens-${prefix.replace(/:$/, '')}`;
    const password = 'acl-test-password';
    // Exactly what the README tells operators to grant (plus what clients send on connect).
    await admin.command([
      'ACL',
      'SETUSER',
      username,
      'reset',
      'on',
      `>${password}`,
      `~${prefix}livedata:*`, // the pattern the README gives for a keyPrefix
      ...ACL_GRANTS,
    ]);
    const limited = await factory.create(redis.url, { username, password });
    try {
      const store = new RedisTokenStore({ client: limited.client as never, keyPrefix: prefix });
      const token = freshToken();
      await store.set(KEY, token);
      expect(await store.get(KEY)).toEqual(token);
      const release = await store.lock(KEY, 5_000);
      expect(release).toBeTypeOf('function');
      await release?.();
      await store.delete(KEY);
      // A key outside the prefix is refused by Redis: the ACL really is in force.
      const outside = new RedisTokenStore({
        client: limited.client as never,
        keyPrefix: 'elsewhere:',
      });
      await expect(outside.get(KEY)).rejects.toThrow(/RedisTokenStore: Redis get failed/);
    } finally {
      await limited.close();
    }
  });
});
