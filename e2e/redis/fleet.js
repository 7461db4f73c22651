// Two managers, each with its own Redis client and RedisTokenStore on the same Redis (two
// processes of a fleet), 50 callers each at a cold start. Prints one JSON line. The client is
// the one this app installed: `node fleet.js redis` (node-redis) or `node fleet.js ioredis`.
import { createTokenManager } from '@livedata/core';
import { RedisTokenStore } from '@livedata/redis';

/** Opens a connected client of each kind, the way its README connects one; `close` ends it. */
const clients = {
  async redis() {
    const { createClient } = await import('redis');
    const client = createClient({ url: process.env.REDIS_URL });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.close() };
  },
  async ioredis() {
    const { Redis } = await import('ioredis');
    const client = new Redis(process.env.REDIS_URL);
    client.on('error', () => {});
    return { client, close: () => client.quit() };
  },
};

const open = clients[process.argv[2]];
if (!open) throw new Error(`usage: node fleet.js ${Object.keys(clients).join('|')}`);
const credentials = {
  clientId: process.env.LIVEDATA_CLIENT_ID,
  clientSecret: process.env.LIVEDATA_CLIENT_SECRET,
};
const members = await Promise.all(
  [0, 1].map(async () => {
    const redis = await open();
    const store = new RedisTokenStore({ client: redis.client });
    const tokens = createTokenManager({
      baseUrl: process.env.LIVEDATA_BASE_URL,
      credentials,
      store,
    });
    return { redis, tokens };
  }),
);
const seen = await Promise.all(
  members.flatMap(({ tokens }) => Array.from({ length: 50 }, () => tokens.getAccessToken())),
);
for (const { tokens, redis } of members) {
  await tokens.close();
  await redis.close();
}
console.log(JSON.stringify({ distinctTokens: new Set(seen).size }));
