import { configError } from './config-error.js';
import { ioredisCommands, isIoredisClient } from './ioredis-commands.js';
import {
  isNodeRedisClient,
  isNodeRedisV5OrLater,
  nodeRedisCommands,
} from './node-redis-commands.js';
import type { RedisCommands } from './redis-commands.js';

const SUPPORTED =
  'a node-redis client or cluster (v5 or later: `createClient()` or `createCluster()` from "redis") or an ioredis `Redis` or `Cluster` (v5 or later)';

/**
 * Picks the command adapter for a user's client by duck typing, or throws
 * `LiveDataAuthError` code `config` when the object is none of the supported clients.
 * ioredis is tested first: it is the one with a distinctive marker (`isCluster`, on
 * `Redis` and `Cluster`), while node-redis is recognised by `isOpen` (on clients, clusters,
 * pools and sentinels).
 */
export function redisCommandsFor(client: unknown): RedisCommands {
  if (isIoredisClient(client)) return ioredisCommands(client);
  if (isNodeRedisClient(client)) {
    if (isNodeRedisV5OrLater(client)) return nodeRedisCommands(client);
    throw configError(
      'client',
      `RedisTokenStore: option \`client\` looks like a node-redis client older than v5, whose command options differ; upgrade to redis@5 or later (or pass ${SUPPORTED}).`,
    );
  }
  throw configError('client', `RedisTokenStore: option \`client\` must be ${SUPPORTED}.`);
}
