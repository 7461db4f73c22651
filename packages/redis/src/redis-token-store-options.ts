import type { IoredisClientLike } from './ioredis-commands.js';
import type { NodeRedisClientLike } from './node-redis-commands.js';

/** A connected Redis client: node-redis v5+ (`createClient()` / `createCluster()`) or ioredis (`new Redis()` / `new Cluster()`). */
export type RedisClientLike = NodeRedisClientLike | IoredisClientLike;

/** Options of `new RedisTokenStore(options)`. */
export interface RedisTokenStoreOptions {
  /**
   * Your Redis client: node-redis v5 or later, `createClient()` or `createCluster()` (call
   * `await client.connect()` first), or ioredis `Redis` or `Cluster`. The store never
   * connects, closes or reconfigures it.
   */
  client: RedisClientLike;
  /**
   * Prepended to every key the store writes; default `''`. The token manager's keys are
   * already namespaced (`livedata:token:<PBKDF2 of the secret, salted with base URL,
   * credential kind and client id or username>`, revealing no secret), so by default tokens
   * live under `livedata:token:{<hash>}` and locks under `livedata:token:{<hash>}:lock` (the
   * braces are a Redis Cluster hash tag: one slot for both). Set a prefix (e.g. `'staging:'`)
   * to separate environments or apps sharing one Redis, or to match an ACL key pattern. A
   * prefix containing an empty hash tag `{}` throws `LiveDataAuthError` code `config`.
   */
  keyPrefix?: string;
  /**
   * Encrypts stored tokens with AES-256-GCM: 32 bytes, as a `Uint8Array` or a base64
   * string (`openssl rand -base64 32`). Every process of a fleet needs the same key; a
   * value written with another key (or corrupted) reads as a miss, never as an error.
   * A key of the wrong length throws `LiveDataAuthError` code `config`.
   */
  encryptionKey?: Uint8Array | string;
  /**
   * Clock used to turn `expiresAt` into the key's TTL, in ms since the epoch; default
   * `Date.now`. Pass the same function as the token manager's `now` option.
   */
  now?: () => number;
  /**
   * How long `lock` waits for Redis before giving up (the manager then carries on without
   * the lock), in ms; default 1000, the `TokenManager`'s default `storeTimeoutMs`. Keep it
   * at most the manager's `storeTimeoutMs`. A lock granted after this is released at once,
   * so a command queued while Redis was away never leaves a lock nobody will release.
   */
  lockTimeoutMs?: number;
}

/** Default `keyPrefix`. */
export const DEFAULT_KEY_PREFIX = '';
