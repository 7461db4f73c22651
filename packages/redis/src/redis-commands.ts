/**
 * The few Redis commands the token store needs, independent of the client library.
 * One implementation per supported client kind (`nodeRedisCommands.ts`,
 * `ioredisCommands.ts`); `redisCommandsFor` (in `detectRedisClient.ts`) picks one by duck typing, so neither
 * library is imported at runtime and both stay optional peer dependencies.
 */

/** Internal: what the store asks of a Redis client. Every method may reject. */
export interface RedisCommands {
  /** Which library the client comes from (shown by `toJSON`, never the connection). */
  readonly kind: 'node-redis' | 'ioredis';
  /** Whether the client is a cluster client, which routes each command by its key's slot. */
  readonly cluster: boolean;
  /** `GET key`: the value as a string, or `null` when absent. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX ttlMs`. */
  setWithTtl(key: string, value: string, ttlMs: number): Promise<void>;
  /** `SET key value NX PX ttlMs`: `true` when the key was set (it did not exist). */
  setIfAbsentWithTtl(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** `DEL key`. */
  del(key: string): Promise<void>;
  /**
   * `EVAL script 1 key arg`: runs a Lua script on one key with one argument. The key is
   * passed as a key (not an argument), so a cluster client sends it to the slot's master.
   */
  evalOnKey(script: string, key: string, arg: string): Promise<unknown>;
}

/** Replies may be Buffers when a client is configured to map strings to them. */
export function replyToString(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  return String(reply);
}
