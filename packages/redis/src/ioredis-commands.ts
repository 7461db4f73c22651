import { type RedisCommands, replyToString } from './redis-commands.js';

/**
 * The part of an ioredis client (`Redis` or `Cluster`, v5 and later) this store calls.
 * Declared structurally so `ioredis` is never imported.
 */
export interface IoredisClientLike {
  /** Set by ioredis on `Redis` (`false`) and `Cluster` (`true`); used to recognise an ioredis client and its kind. */
  readonly isCluster: boolean;
  /** The connection state (`'ready'`, `'connecting'`…); used to recognise an ioredis client. */
  readonly status: string;
  /** `GET key`: reads a stored token. */
  get(...args: never[]): unknown;
  /** `SET key value PX ttl [NX]`: writes a token or takes the refresh lock. */
  set(...args: never[]): unknown;
  /** `DEL key`: removes an invalidated token. */
  del(...args: never[]): unknown;
  /** `EVAL`: releases the refresh lock only if this store still holds it. */
  eval(...args: never[]): unknown;
}

interface IoredisCalls {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ttlMs: number, nx?: 'NX'): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, numKeys: number, key: string, arg: string): Promise<unknown>;
}

/** ioredis `Redis` and `Cluster` instances carry `isCluster` and a `status` string. */
export function isIoredisClient(client: unknown): client is IoredisClientLike {
  if (typeof client !== 'object' || client === null) return false;
  const c = client as Record<string, unknown>;
  return (
    typeof c.isCluster === 'boolean' &&
    typeof c.status === 'string' &&
    typeof c.get === 'function' &&
    typeof c.set === 'function' &&
    typeof c.del === 'function' &&
    typeof c.eval === 'function'
  );
}

/**
 * Adapter for ioredis: positional arguments (`'PX', ms, 'NX'`), `eval(script, numKeys, ...)`.
 * A `Cluster` routes each of these by its key (for `EVAL`, the keys counted by `numKeys`).
 */
export function ioredisCommands(client: IoredisClientLike): RedisCommands {
  const redis = client as unknown as IoredisCalls;
  return {
    kind: 'ioredis',
    cluster: client.isCluster === true,
    async get(key) {
      return replyToString(await redis.get(key));
    },
    async setWithTtl(key, value, ttlMs) {
      await redis.set(key, value, 'PX', ttlMs);
    },
    async setIfAbsentWithTtl(key, value, ttlMs) {
      const reply = await redis.set(key, value, 'PX', ttlMs, 'NX');
      return reply !== null && reply !== undefined;
    },
    async del(key) {
      await redis.del(key);
    },
    evalOnKey(script, key, arg) {
      return redis.eval(script, 1, key, arg);
    },
  };
}
