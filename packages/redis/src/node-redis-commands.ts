import { type RedisCommands, replyToString } from './redis-commands.js';

/**
 * The part of a node-redis (`redis` package, v5 and later) client or cluster this store
 * calls. Declared structurally so `redis` is never imported.
 */
export interface NodeRedisClientLike {
  /** Whether the client is connected; used to recognise a node-redis client. */
  readonly isOpen: boolean;
  /** node-redis v5 and later only; tells them from v4, whose `SET` options have another shape. */
  withTypeMapping(...args: never[]): unknown;
  /** `GET key`: reads a stored token. */
  get(...args: never[]): unknown;
  /** `SET key value PX ttl [NX]`: writes a token or takes the refresh lock. */
  set(...args: never[]): unknown;
  /** `DEL key`: removes an invalidated token. */
  del(...args: never[]): unknown;
  /** `EVAL`: releases the refresh lock only if this store still holds it. */
  eval(...args: never[]): unknown;
}

interface NodeRedisCalls {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * node-redis clients (`createClient`, `createCluster`, pools, sentinels) expose `isOpen` and
 * typed command methods; ioredis has neither `isOpen` nor object-style options. This does
 * not tell the versions apart: see {@link isNodeRedisV5OrLater}.
 */
export function isNodeRedisClient(client: unknown): client is NodeRedisClientLike {
  if (typeof client !== 'object' || client === null) return false;
  const c = client as Record<string, unknown>;
  return (
    'isOpen' in c &&
    typeof c.get === 'function' &&
    typeof c.set === 'function' &&
    typeof c.del === 'function' &&
    typeof c.eval === 'function'
  );
}

/**
 * node-redis v4 takes `SET` options as `{ PX, NX }` and ignores v5's `{ expiration,
 * condition }`: the lock would be taken by everyone and never expire. `withTypeMapping`
 * arrived with v5, on clients and clusters alike.
 */
export function isNodeRedisV5OrLater(client: NodeRedisClientLike): boolean {
  return typeof (client as unknown as Record<string, unknown>).withTypeMapping === 'function';
}

/** A node-redis `createCluster()` client: it keeps the slot map and the masters. */
function isNodeRedisCluster(client: NodeRedisClientLike): boolean {
  const c = client as unknown as Record<string, unknown>;
  return typeof c.getMasters === 'function' && typeof c.getSlotMaster === 'function';
}

/**
 * Adapter for node-redis v5+: options objects (`expiration`, `condition`), `eval(script, { keys, arguments })`.
 * A cluster routes each command by its first key (for `EVAL`, the first of `keys`).
 */
export function nodeRedisCommands(client: NodeRedisClientLike): RedisCommands {
  const redis = client as unknown as NodeRedisCalls;
  return {
    kind: 'node-redis',
    cluster: isNodeRedisCluster(client),
    async get(key) {
      return replyToString(await redis.get(key));
    },
    async setWithTtl(key, value, ttlMs) {
      await redis.set(key, value, { expiration: { type: 'PX', value: ttlMs } });
    },
    async setIfAbsentWithTtl(key, value, ttlMs) {
      const reply = await redis.set(key, value, {
        expiration: { type: 'PX', value: ttlMs },
        condition: 'NX',
      });
      return reply !== null && reply !== undefined;
    },
    async del(key) {
      await redis.del(key);
    },
    evalOnKey(script, key, arg) {
      return redis.eval(script, { keys: [key], arguments: [arg] });
    },
  };
}
