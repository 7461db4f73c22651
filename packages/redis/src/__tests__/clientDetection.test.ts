import { Redis as Ioredis6, Cluster as IoredisCluster } from 'ioredis';
import { Redis as Ioredis5 } from 'ioredis5';
import { createClient as createClient6, createCluster as createCluster6 } from 'redis';
import { createClient as createClient5 } from 'redis5';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';

// Real client objects, never connected: the store's option type must accept them as they
// are (no casts), and runtime detection must pick the right adapter.
describe('RedisTokenStore accepts the real client libraries', () => {
  it('recognises node-redis 5 and 6 clients and clusters', () => {
    expect(new RedisTokenStore({ client: createClient6() }).toJSON().client).toBe('node-redis');
    expect(new RedisTokenStore({ client: createClient5() }).toJSON().client).toBe('node-redis');
    const cluster = createCluster6({ rootNodes: [{ url: 'redis://127.0.0.1:1' }] });
    expect(new RedisTokenStore({ client: cluster }).toJSON().client).toBe('node-redis');
  });

  it('recognises ioredis 5 and 6 clients and clusters', () => {
    const clients = [
      new Ioredis6({ lazyConnect: true }),
      new Ioredis5({ lazyConnect: true }),
      new IoredisCluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true }),
    ];
    for (const client of clients) {
      expect(new RedisTokenStore({ client }).toJSON().client).toBe('ioredis');
      client.disconnect();
    }
  });
});
