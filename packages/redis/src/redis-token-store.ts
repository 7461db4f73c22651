import { DEFAULT_STORE_TIMEOUT_MS, type StoredToken, type TokenStore } from '@livedata/core';
import { configError } from './config-error.js';
import { parseEncryptionKey } from './encryption-key.js';
import type { RedisCommands } from './redis-commands.js';
import { redisCommandsFor } from './redis-commands-for.js';
import { RedisTokenStoreError, redactedReason } from './redis-token-store-error.js';
import { DEFAULT_KEY_PREFIX, type RedisTokenStoreOptions } from './redis-token-store-options.js';
import { checkKeyPrefix, lockKeyName, tokenKeyName } from './slot-keys.js';
import { decodeStoredToken, encodeStoredToken } from './stored-token-codec.js';
import { TokenCipher } from './token-cipher.js';

/** Deletes the lock only if it still holds our owner token (it may have expired and been taken). */
const RELEASE_LOCK_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A `TokenStore` on Redis, so every process of a fleet shares one access token and the
 * fleet makes one identity call per token lifetime.
 *
 * - `get`/`set`/`delete` keep the token as JSON (`accessToken`, `expiresAt`,
 *   `obtainedAt`) under `<keyPrefix>livedata:token:{<hash>}` (see `tokenKey`), with a
 *   Redis TTL ending at `expiresAt` so Redis drops expired tokens itself. With
 *   `encryptionKey` the value is AES-256-GCM ciphertext instead.
 * - `lock` is `SET <token key>:lock <random owner> NX PX ttlMs`; the returned
 *   release function deletes the lock only while it still holds that owner value (an
 *   atomic Lua compare-and-delete), so an expired lock taken over by another process is
 *   never released by the first.
 *
 * A value the store cannot read (corrupt, another key, another format) is a miss. A
 * Redis failure rejects with {@link RedisTokenStoreError}, which the `TokenManager`
 * treats as a miss. Neither the token nor the key material appears in errors,
 * `JSON.stringify` or `util.inspect`.
 *
 * @example
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const tokens = createTokenManager({ credentials, store: new RedisTokenStore({ client: redis }) });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: RedisCommands;
  readonly #keyPrefix: string;
  readonly #cipher: TokenCipher | undefined;
  readonly #now: () => number;
  readonly #lockTimeoutMs: number;

  /**
   * Wraps your client; the store never connects, closes or reconfigures it.
   *
   * @param options - the client, plus key prefix, `encryptionKey` and lock timeout.
   * @throws `LiveDataAuthError` code `config` for an unknown client, a bad prefix or a bad `encryptionKey`.
   */
  constructor(options: RedisTokenStoreOptions) {
    if (typeof options !== 'object' || options === null) {
      throw configError('client', 'RedisTokenStore: options `{ client }` are required.');
    }
    this.#redis = redisCommandsFor(options.client);
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    if (typeof keyPrefix !== 'string') {
      throw configError('keyPrefix', 'RedisTokenStore: option `keyPrefix` must be a string.');
    }
    checkKeyPrefix(keyPrefix);
    this.#keyPrefix = keyPrefix;
    this.#cipher =
      options.encryptionKey === undefined
        ? undefined
        : new TokenCipher(parseEncryptionKey(options.encryptionKey));
    const now = options.now ?? Date.now;
    if (typeof now !== 'function') {
      throw configError(
        'now',
        'RedisTokenStore: option `now` must be a function returning ms since the epoch.',
      );
    }
    this.#now = () => now();
    const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
    if (
      typeof lockTimeoutMs !== 'number' ||
      !(lockTimeoutMs > 0) ||
      !Number.isFinite(lockTimeoutMs)
    ) {
      throw configError(
        'lockTimeoutMs',
        'RedisTokenStore: option `lockTimeoutMs` must be a positive number of milliseconds.',
      );
    }
    this.#lockTimeoutMs = lockTimeoutMs;
  }

  /**
   * The Redis key holding the token for a manager key: `keyPrefix` + the key with its
   * variable part as a hash tag, `livedata:token:{<hash>}` (a key outside the
   * `livedata:token:` namespace is tagged whole: `{key}`).
   *
   * @throws RangeError for an empty key or one starting with `}` (it would have no hash tag).
   */
  tokenKey(key: string): string {
    return tokenKeyName(this.#keyPrefix, key);
  }

  /**
   * The Redis key holding the refresh lock for a manager key: {@link RedisTokenStore.tokenKey} + `':lock'`,
   * in the same hash slot.
   *
   * @throws RangeError like {@link RedisTokenStore.tokenKey}.
   */
  lockKey(key: string): string {
    return lockKeyName(this.#keyPrefix, key);
  }

  /** Reads the shared token; `undefined` when absent, expired, unreadable or encrypted with another key. */
  async get(key: string): Promise<StoredToken | undefined> {
    const redisKey = this.tokenKey(key);
    let stored: string | null;
    try {
      stored = await this.#redis.get(redisKey);
    } catch (error) {
      throw new RedisTokenStoreError('get', redactedReason(error, []));
    }
    if (stored === null) return undefined;
    if (this.#cipher === undefined) return decodeStoredToken(stored);
    const plain = await this.#cipher.decrypt(stored, redisKey);
    return plain === undefined ? undefined : decodeStoredToken(plain);
  }

  /** Writes the shared token with a TTL that ends at `token.expiresAt`; an already expired token is deleted instead. */
  async set(key: string, token: StoredToken): Promise<void> {
    const redisKey = this.tokenKey(key);
    const ttlMs = Math.floor(token.expiresAt - this.#now());
    if (!(ttlMs >= 1)) {
      await this.delete(key);
      return;
    }
    const plain = encodeStoredToken(token);
    const value = this.#cipher === undefined ? plain : await this.#cipher.encrypt(plain, redisKey);
    try {
      await this.#redis.setWithTtl(redisKey, value, ttlMs);
    } catch (error) {
      throw new RedisTokenStoreError('set', redactedReason(error, [value, token.accessToken]));
    }
  }

  /** Removes the shared token (e.g. after the API rejected it). */
  async delete(key: string): Promise<void> {
    try {
      await this.#redis.del(this.tokenKey(key));
    } catch (error) {
      throw new RedisTokenStoreError('delete', redactedReason(error, []));
    }
  }

  /**
   * Tries to take the refresh lock for `key` for `ttlMs` milliseconds. Resolves to a
   * release function when taken, `undefined` when another process holds it. The lock
   * expires on its own after `ttlMs`, so a process that dies holding it blocks the
   * others for at most that long. Rejects with {@link RedisTokenStoreError} when Redis
   * fails or does not answer within `lockTimeoutMs`; a lock that Redis grants after that
   * (a command queued while the client reconnects) is released at once.
   */
  async lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    if (typeof ttlMs !== 'number' || !(ttlMs > 0) || !Number.isFinite(ttlMs)) {
      throw new RangeError(
        'RedisTokenStore.lock: ttlMs must be a positive, finite number of milliseconds.',
      );
    }
    const lockKey = this.lockKey(key);
    const owner = randomOwner();
    const attempt = this.#redis.setIfAbsentWithTtl(lockKey, owner, Math.ceil(ttlMs));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#lockTimeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    let outcome: boolean | 'timeout';
    try {
      outcome = await Promise.race([attempt, deadline]);
    } catch (error) {
      throw new RedisTokenStoreError('lock', redactedReason(error, [owner]));
    } finally {
      clearTimeout(timer);
    }
    if (outcome === 'timeout') {
      // The command may still run later (clients queue commands while reconnecting): a lock
      // taken after the caller gave up would block the fleet for ttlMs, so give it back.
      attempt.then(
        (taken) => {
          if (taken) this.#release(lockKey, owner).catch(() => {});
        },
        () => {},
      );
      throw new RedisTokenStoreError('lock', `no answer within ${this.#lockTimeoutMs} ms`);
    }
    if (!outcome) return undefined;
    let released: Promise<void> | undefined;
    return () => {
      released ??= this.#release(lockKey, owner);
      return released;
    };
  }

  #release(lockKey: string, owner: string): Promise<void> {
    return this.#redis.evalOnKey(RELEASE_LOCK_SCRIPT, lockKey, owner).then(
      () => undefined,
      (error: unknown) => {
        throw new RedisTokenStoreError('unlock', redactedReason(error, [owner]));
      },
    );
  }

  /** Safe to log: the client library, whether it is a cluster, the prefix and whether encryption is on; never key material. */
  toJSON(): {
    /** Always `'RedisTokenStore'`. */
    type: 'RedisTokenStore';
    /** The client library detected: `'node-redis'` or `'ioredis'`. */
    client: string;
    /** Whether the client is a cluster client (node-redis `createCluster`, ioredis `Cluster`). */
    cluster: boolean;
    /** The prefix of every key the store writes. */
    keyPrefix: string;
    /** Whether tokens are encrypted with an `encryptionKey`. */
    encrypted: boolean;
  } {
    return {
      type: 'RedisTokenStore',
      client: this.#redis.kind,
      cluster: this.#redis.cluster,
      keyPrefix: this.#keyPrefix,
      encrypted: this.#cipher !== undefined,
    };
  }

  /** `util.inspect` shows the same as {@link RedisTokenStore.toJSON}. */
  [inspectSymbol](): string {
    const { client, cluster, keyPrefix, encrypted } = this.toJSON();
    return `RedisTokenStore { client: '${client}', cluster: ${cluster}, keyPrefix: ${JSON.stringify(keyPrefix)}, encrypted: ${encrypted} }`;
  }
}

function randomOwner(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
