import { configError } from './configError.js';
import { ioredisCommands, isIoredisClient } from './ioredisCommands.js';
import { isNodeRedisClient, nodeRedisCommands } from './nodeRedisCommands.js';
import type { RedisCommands } from './redisCommands.js';

/**
 * Picks the command adapter for a user's client by duck typing, or throws
 * `LiveDataAuthError` code `config` when the object is neither a node-redis nor an
 * ioredis client. ioredis is tested first: it is the one with a distinctive marker
 * (`isCluster`), while node-redis is recognised by `isOpen`.
 */
export function redisCommandsFor(client: unknown): RedisCommands {
  if (isIoredisClient(client)) return ioredisCommands(client);
  if (isNodeRedisClient(client)) return nodeRedisCommands(client);
  throw configError(
    'client',
    'RedisTokenStore: option `client` must be a node-redis client (v5 or later: `createClient()` from "redis") or an ioredis client (`new Redis()`).',
  );
}
