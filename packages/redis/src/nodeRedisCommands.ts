import { type RedisCommands, replyToString } from './redisCommands.js';

/**
 * The part of a node-redis (`redis` package, v5 and later) client or cluster this store
 * calls. Declared structurally so `redis` is never imported.
 */
export interface NodeRedisClientLike {
  /** Whether the client is connected; used to recognise a node-redis client. */
  readonly isOpen: boolean;
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
 * node-redis clients (`createClient`, `createCluster`, pools) expose `isOpen` and typed
 * command methods; ioredis has neither `isOpen` nor object-style options.
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

/** Adapter for node-redis v5+: options objects (`expiration`, `condition`), `eval(script, { keys, arguments })`. */
export function nodeRedisCommands(client: NodeRedisClientLike): RedisCommands {
  const redis = client as unknown as NodeRedisCalls;
  return {
    kind: 'node-redis',
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
