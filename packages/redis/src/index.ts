export type { IoredisClientLike } from './ioredis-commands.js';
export type { NodeRedisClientLike } from './node-redis-commands.js';
export { RedisTokenStore } from './redis-token-store.js';
export { RedisTokenStoreError } from './redis-token-store-error.js';
export type { RedisClientLike, RedisTokenStoreOptions } from './redis-token-store-options.js';
