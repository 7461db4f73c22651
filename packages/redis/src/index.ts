export type { IoredisClientLike } from './ioredisCommands.js';
export type { NodeRedisClientLike } from './nodeRedisCommands.js';
export { RedisTokenStore } from './redisTokenStore.js';
export { RedisTokenStoreError } from './redisTokenStoreError.js';
export type { RedisClientLike, RedisTokenStoreOptions } from './redisTokenStoreOptions.js';
