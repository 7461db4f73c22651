import { inspect } from 'node:util';
import { LiveDataAuthError } from '@livedata/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore, RedisTokenStoreError } from '../index.js';
import { FakeRedisServer, fakeIoredis, fakeNodeRedis } from './helpers/fake-redis.js';

const TOKEN = 'tok_secret-access-token-0123456789';
const KEY = 'livedata:token:abc123';
/** The Redis keys the store writes for KEY: the hash after the namespace is a hash tag. */
const STORED = 'livedata:token:{abc123}';
const LOCK = 'livedata:token:{abc123}:lock';

const clientKinds = [
  ['node-redis', fakeNodeRedis],
  ['ioredis', fakeIoredis],
] as const;

function token(server: FakeRedisServer, lifetimeMs = 60_000) {
  return { accessToken: TOKEN, expiresAt: server.now + lifetimeMs, obtainedAt: server.now };
}

describe.each(clientKinds)('RedisTokenStore with a %s client', (kind, makeClient) => {
  function setup(options: { keyPrefix?: string; encryptionKey?: Uint8Array | string } = {}) {
    const server = new FakeRedisServer();
    const store = new RedisTokenStore({
      client: makeClient(server),
      now: () => server.now,
      ...options,
    });
    return { server, store };
  }

  it('detects the client kind', () => {
    const { store } = setup();
    expect(store.toJSON().client).toBe(kind);
  });

  it('round-trips a token and keeps it only until it expires', async () => {
    const { server, store } = setup();
    const stored = token(server, 30_000);
    await store.set(KEY, stored);
    expect(server.ttl(STORED)).toBe(30_000);
    expect(JSON.parse(server.read(STORED) ?? '')).toEqual(stored);
    expect(await store.get(KEY)).toEqual(stored);
    server.now += 30_000;
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('deletes instead of writing a token that has already expired', async () => {
    const { server, store } = setup();
    await store.set(KEY, token(server));
    await store.set(KEY, { ...token(server), expiresAt: server.now - 1 });
    expect(server.read(STORED)).toBeNull();
  });

  it('prefixes token and lock keys with keyPrefix', async () => {
    const { server, store } = setup({ keyPrefix: 'staging:' });
    await store.set(KEY, token(server));
    const release = await store.lock(KEY, 5_000);
    expect([...server.entries.keys()].sort()).toEqual([`staging:${STORED}`, `staging:${LOCK}`]);
    await release?.();
    await store.delete(KEY);
    expect(server.entries.size).toBe(0);
  });

  it('treats a corrupt or foreign value as a miss', async () => {
    const { server, store } = setup();
    for (const value of [
      'not json',
      '{"accessToken":""}',
      '[1,2]',
      'null',
      '{"accessToken":"x","expiresAt":"soon","obtainedAt":1}',
    ]) {
      server.write(STORED, value, 10_000, false);
      expect(await store.get(KEY)).toBeUndefined();
    }
  });

  it('gives the lock to one owner at a time, for ttlMs', async () => {
    const { server, store } = setup();
    const release = await store.lock(KEY, 5_000);
    expect(release).toBeTypeOf('function');
    expect(server.ttl(LOCK)).toBe(5_000);
    expect(await store.lock(KEY, 5_000)).toBeUndefined();
    server.now += 5_000;
    const next = await store.lock(KEY, 5_000);
    expect(next).toBeTypeOf('function');
    await next?.();
    expect(await store.lock(KEY, 5_000)).toBeTypeOf('function');
  });

  it('releases a lock only while this owner still holds it', async () => {
    const { server, store } = setup();
    const first = await store.lock(KEY, 1_000);
    server.now += 1_000; // expired: another process takes it
    const second = await store.lock(KEY, 1_000);
    expect(second).toBeTypeOf('function');
    await first?.();
    expect(server.read(LOCK)).not.toBeNull();
    expect(await store.lock(KEY, 1_000)).toBeUndefined();
    await second?.();
    expect(server.read(LOCK)).toBeNull();
  });

  it('rejects a non-positive lock ttl', async () => {
    const { store } = setup();
    await expect(store.lock(KEY, 0)).rejects.toThrow(RangeError);
    await expect(store.lock(KEY, Number.NaN)).rejects.toThrow(RangeError);
  });

  it('turns client failures into RedisTokenStoreError without the value or the cause', async () => {
    const { server, store } = setup();
    // ioredis puts the command and its arguments on its errors; a server may echo a value.
    server.failWith = Object.assign(new Error('Connection is closed.'), {
      command: { name: 'set', args: [KEY, TOKEN] },
    });
    const operations = [
      ['get', () => store.get(KEY)],
      ['set', () => store.set(KEY, token(server))],
      ['delete', () => store.delete(KEY)],
      ['lock', () => store.lock(KEY, 1_000)],
    ] as const;
    for (const [operation, call] of operations) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisTokenStoreError);
      expect((error as RedisTokenStoreError).operation).toBe(operation);
      expect((error as Error).cause).toBeUndefined();
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(inspect(error)).not.toContain(TOKEN);
      expect((error as Error).message).toContain('Connection is closed.');
    }
    server.failWith = new Error(`ERR value ${TOKEN} rejected`);
    const error = await store.set(KEY, token(server)).catch((e: unknown) => e);
    expect(inspect(error)).not.toContain(TOKEN);
    expect((error as Error).message).toContain('[redacted]');
  });
});

describe('RedisTokenStore encryption', () => {
  const keyBytes = new Uint8Array(32).map((_, i) => i + 1);
  const keyBase64 = Buffer.from(keyBytes).toString('base64');

  function setup(encryptionKey: Uint8Array | string | undefined, server = new FakeRedisServer()) {
    const store = new RedisTokenStore({
      client: fakeNodeRedis(server),
      now: () => server.now,
      ...(encryptionKey === undefined ? {} : { encryptionKey }),
    });
    return { server, store };
  }

  it('stores ciphertext that does not contain the token and reads it back', async () => {
    const { server, store } = setup(keyBytes);
    const stored = token(server);
    await store.set(KEY, stored);
    const raw = server.read(STORED) ?? '';
    expect(raw).toMatch(/^ldenc1\.[0-9a-f]{8}\./);
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('accessToken');
    expect(await store.get(KEY)).toEqual(stored);
  });

  it('uses a fresh IV for every write', async () => {
    const { server, store } = setup(keyBytes);
    const stored = token(server);
    await store.set(KEY, stored);
    const first = server.read(STORED);
    await store.set(KEY, stored);
    expect(server.read(STORED)).not.toBe(first);
  });

  it('accepts the same key as base64 and base64url', async () => {
    const server = new FakeRedisServer();
    const writer = setup(keyBytes, server).store;
    await writer.set(KEY, token(server));
    const url = keyBase64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await setup(keyBase64, server).store.get(KEY)).toEqual(token(server));
    expect(await setup(url, server).store.get(KEY)).toEqual(token(server));
  });

  it('reads a value written with another key, a corrupt value or a plaintext value as a miss', async () => {
    const server = new FakeRedisServer();
    const { store } = setup(keyBytes, server);
    await setup(new Uint8Array(32).fill(9), server).store.set(KEY, token(server));
    expect(await store.get(KEY)).toBeUndefined();

    await store.set(KEY, token(server));
    const raw = server.read(STORED) ?? '';
    const tampered = `${raw.slice(0, -6)}${raw.slice(-6, -5) === 'A' ? 'B' : 'A'}${raw.slice(-5)}`;
    server.write(STORED, tampered, 10_000, false);
    expect(await store.get(KEY)).toBeUndefined();
    server.write(STORED, 'ldenc1.zz.%%%', 10_000, false);
    expect(await store.get(KEY)).toBeUndefined();

    await setup(undefined, server).store.set(KEY, token(server));
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('does not decrypt a value moved under another key', async () => {
    const { server, store } = setup(keyBytes);
    await store.set(KEY, token(server));
    server.write('livedata:token:other', server.read(STORED) ?? '', 10_000, false);
    expect(await store.get('livedata:token:other')).toBeUndefined();
  });

  it('reads an encrypted value as a miss when encryption is off', async () => {
    const server = new FakeRedisServer();
    await setup(keyBytes, server).store.set(KEY, token(server));
    expect(await setup(undefined, server).store.get(KEY)).toBeUndefined();
  });

  it('rejects a key of the wrong length with a config error naming the option, not the value', () => {
    const secret = Buffer.from(new Uint8Array(31).fill(7)).toString('base64');
    for (const bad of [new Uint8Array(16), secret, 'not base64 at all!', 42]) {
      const error = (() => {
        try {
          setup(bad as Uint8Array);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(LiveDataAuthError);
      expect((error as LiveDataAuthError).code).toBe('config');
      expect((error as LiveDataAuthError).setting).toBe('encryptionKey');
      expect((error as Error).message).toContain('encryptionKey');
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('copies the key bytes, so reusing the caller buffer does not change the key', async () => {
    const server = new FakeRedisServer();
    const mutable = new Uint8Array(keyBytes);
    const { store } = setup(mutable, server);
    mutable.fill(0);
    await store.set(KEY, token(server));
    expect(await setup(keyBytes, server).store.get(KEY)).toEqual(token(server));
  });

  it('never shows key material in toJSON or util.inspect', async () => {
    const { server, store } = setup(keyBase64);
    await store.set(KEY, token(server));
    for (const text of [JSON.stringify(store), inspect(store, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(keyBase64);
      expect(text).not.toContain(TOKEN);
      expect(text).toContain('encrypted');
    }
    expect(store.toJSON()).toEqual({
      type: 'RedisTokenStore',
      client: 'node-redis',
      cluster: false,
      keyPrefix: '',
      encrypted: true,
    });
  });
});

describe('RedisTokenStore lock timeout', () => {
  it('gives up after lockTimeoutMs and releases a lock Redis grants later', async () => {
    const server = new FakeRedisServer();
    const client = fakeNodeRedis(server);
    let grant: () => void = () => {};
    const slowClient = {
      ...client,
      // Like a command sitting in the client's offline queue until Redis is back.
      set: (...args: Parameters<typeof client.set>) =>
        new Promise((resolve) => {
          grant = () => resolve(client.set(...args));
        }),
    };
    const store = new RedisTokenStore({
      client: slowClient,
      now: () => server.now,
      lockTimeoutMs: 20,
    });
    const error = await store.lock(KEY, 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisTokenStoreError);
    expect((error as Error).message).toContain('no answer within 20 ms');
    grant();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.calls.map((c) => c.method)).toEqual(['set', 'eval']);
    expect(server.read(LOCK)).toBeNull();
  });

  it('rejects a lockTimeoutMs that is not a positive number', () => {
    const server = new FakeRedisServer();
    expect(() => new RedisTokenStore({ client: fakeIoredis(server), lockTimeoutMs: 0 })).toThrow(
      LiveDataAuthError,
    );
  });
});

describe('RedisTokenStore client detection', () => {
  it('rejects something that is not a Redis client with a config error naming `client`', () => {
    for (const client of [undefined, null, {}, { get() {}, set() {} }, 'redis://localhost']) {
      let caught: unknown;
      try {
        new RedisTokenStore({ client: client as never });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(LiveDataAuthError);
      expect((caught as LiveDataAuthError).setting).toBe('client');
    }
  });

  it('sends node-redis v5 option objects and eval({ keys, arguments })', async () => {
    const server = new FakeRedisServer();
    const store = new RedisTokenStore({ client: fakeNodeRedis(server), now: () => server.now });
    await store.set(KEY, token(server, 1_500));
    const release = await store.lock(KEY, 2_000);
    await release?.();
    const shapes = server.calls.map((c) => [c.method, ...c.args.slice(0, 1), ...c.args.slice(2)]);
    expect(shapes).toEqual([
      ['set', STORED, { expiration: { type: 'PX', value: 1_500 } }],
      ['set', LOCK, { expiration: { type: 'PX', value: 2_000 }, condition: 'NX' }],
      ['eval', expect.stringContaining("redis.call('GET', KEYS[1]) == ARGV[1]")],
    ]);
    const evalOptions = server.calls[2]?.args[1] as { keys: string[]; arguments: string[] };
    expect(evalOptions.keys).toEqual([LOCK]);
    expect(evalOptions.arguments[0]).toBe(server.calls[1]?.args[1]);
  });

  it('sends ioredis positional arguments and eval(script, 1, key, owner)', async () => {
    const server = new FakeRedisServer();
    const store = new RedisTokenStore({ client: fakeIoredis(server), now: () => server.now });
    await store.set(KEY, token(server, 1_500));
    const release = await store.lock(KEY, 2_000);
    await release?.();
    const owner = server.calls[1]?.args[1];
    expect(server.calls.map((c) => [c.method, ...c.args])).toEqual([
      ['set', STORED, expect.any(String), 'PX', 1_500],
      ['set', LOCK, owner, 'PX', 2_000, 'NX'],
      ['eval', expect.stringContaining('ARGV[1]'), 1, LOCK, owner],
    ]);
    expect(owner).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads Buffer replies (clients mapping strings to Buffers)', async () => {
    const server = new FakeRedisServer();
    const client = fakeNodeRedis(server);
    const bufferClient = {
      ...client,
      async get(key: string) {
        const value = await client.get(key);
        return value === null ? null : Buffer.from(value);
      },
    };
    const store = new RedisTokenStore({ client: bufferClient, now: () => server.now });
    await store.set(KEY, token(server));
    expect(await store.get(KEY)).toEqual(token(server));
  });
});

describe('RedisTokenStore key names (one hash slot per token and lock)', () => {
  const store = (keyPrefix?: string) =>
    new RedisTokenStore({
      client: fakeIoredis(new FakeRedisServer()),
      ...(keyPrefix === undefined ? {} : { keyPrefix }),
    });

  it('tags the hash of a manager key, so `<keyPrefix>livedata:*` ACL patterns still match', () => {
    expect(store().tokenKey(KEY)).toBe('livedata:token:{abc123}');
    expect(store().lockKey(KEY)).toBe('livedata:token:{abc123}:lock');
    expect(store('staging:').tokenKey(KEY)).toBe('staging:livedata:token:{abc123}');
    expect(store('staging:').lockKey(KEY)).toBe('staging:livedata:token:{abc123}:lock');
  });

  it('tags any other key whole', () => {
    expect(store().tokenKey('custom')).toBe('{custom}');
    expect(store('p:').lockKey('livedata:token:')).toBe('p:{livedata:token:}:lock');
    expect(store().tokenKey('livedata:token:}x')).toBe('{livedata:token:}x}');
  });

  it('rejects a keyPrefix with an empty hash tag `{}` with a config error naming keyPrefix', () => {
    for (const keyPrefix of ['{}', 'app{}:', '{}{app}:']) {
      let caught: unknown;
      try {
        store(keyPrefix);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LiveDataAuthError);
      expect((caught as LiveDataAuthError).setting).toBe('keyPrefix');
      expect((caught as Error).message).toContain('{app}:');
    }
    // A prefix with a tag of its own, or braces that do not form an empty tag, is fine.
    for (const keyPrefix of ['{app}:', 'a{b:', 'a}{b}:', '}{']) {
      expect(store(keyPrefix).tokenKey(KEY).startsWith(keyPrefix)).toBe(true);
    }
  });

  it('rejects a key that would have no hash tag (empty, or starting with "}")', async () => {
    expect(() => store().tokenKey('')).toThrow(RangeError);
    expect(() => store().lockKey('}x')).toThrow(RangeError);
    await expect(store().get('')).rejects.toThrow(RangeError);
  });
});
