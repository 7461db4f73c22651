// Two managers, each with its own ioredis client and RedisTokenStore on the same Redis
// (two processes of a fleet), 50 callers each at a cold start. Prints one JSON line.
import { createTokenManager } from '@livedata/core';
import { RedisTokenStore } from '@livedata/redis';
import { Redis } from 'ioredis';

const credentials = {
  clientId: process.env.LIVEDATA_CLIENT_ID,
  clientSecret: process.env.LIVEDATA_CLIENT_SECRET,
};
const members = [0, 1].map(() => {
  const redis = new Redis(process.env.REDIS_URL);
  redis.on('error', () => {});
  const store = new RedisTokenStore({ client: redis });
  const tokens = createTokenManager({ baseUrl: process.env.LIVEDATA_BASE_URL, credentials, store });
  return { redis, tokens };
});
const seen = await Promise.all(
  members.flatMap(({ tokens }) => Array.from({ length: 50 }, () => tokens.getAccessToken())),
);
for (const { tokens, redis } of members) {
  await tokens.close();
  await redis.quit();
}
console.log(JSON.stringify({ distinctTokens: new Set(seen).size }));
