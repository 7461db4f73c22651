import { LiveDataAuthError } from '@livedata/core';
import { Redis as Ioredis6, Cluster as IoredisCluster6 } from 'ioredis';
import { Redis as Ioredis5, Cluster as IoredisCluster5 } from 'ioredis5';
import { createClient as createClient6, createCluster as createCluster6 } from 'redis';
import { createClient as createClient5, createCluster as createCluster5 } from 'redis5';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';

const rootNodes = [{ url: 'redis://127.0.0.1:1' }];

// Real client objects, never connected: the store's option type must accept them as they
// are (no casts), and runtime detection must pick the right adapter.
describe('RedisTokenStore accepts the real client libraries', () => {
  it('recognises node-redis 5 and 6 clients and clusters', () => {
    const kinds = (client: ConstructorParameters<typeof RedisTokenStore>[0]['client']) => {
      const { client: library, cluster } = new RedisTokenStore({ client }).toJSON();
      return { library, cluster };
    };
    for (const client of [createClient6(), createClient5()]) {
      expect(kinds(client)).toEqual({ library: 'node-redis', cluster: false });
    }
    for (const cluster of [createCluster6({ rootNodes }), createCluster5({ rootNodes })]) {
      expect(kinds(cluster)).toEqual({ library: 'node-redis', cluster: true });
      // A cluster with a type mapping is still a cluster.
      expect(kinds(cluster.withTypeMapping({}))).toEqual({ library: 'node-redis', cluster: true });
    }
  });

  it('recognises ioredis 5 and 6 clients and clusters', () => {
    const clients = [new Ioredis6({ lazyConnect: true }), new Ioredis5({ lazyConnect: true })];
    const clusters = [
      new IoredisCluster6([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true }),
      new IoredisCluster5([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true }),
    ];
    for (const client of clients) {
      expect(new RedisTokenStore({ client }).toJSON()).toMatchObject({
        client: 'ioredis',
        cluster: false,
      });
      client.disconnect();
    }
    for (const client of clusters) {
      expect(new RedisTokenStore({ client }).toJSON()).toMatchObject({
        client: 'ioredis',
        cluster: true,
      });
      client.disconnect();
    }
  });

  it('rejects a node-redis v4 client or cluster (no withTypeMapping) with a config error saying to upgrade', () => {
    // v4 takes SET options as { PX, NX } and would silently ignore v5's: strip the v5 marker
    // from real v6 objects to get the v4 surface the store relies on.
    for (const real of [createClient6(), createCluster6({ rootNodes })]) {
      const v4Like = new Proxy(real, {
        has: (target, key) => key !== 'withTypeMapping' && key in target,
        get: (target, key) =>
          key === 'withTypeMapping' ? undefined : Reflect.get(target, key, target),
      });
      let caught: unknown;
      try {
        new RedisTokenStore({ client: v4Like });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LiveDataAuthError);
      expect((caught as LiveDataAuthError).code).toBe('config');
      expect((caught as LiveDataAuthError).setting).toBe('client');
      expect((caught as Error).message).toMatch(/older than v5.*redis@5 or later/);
    }
  });
});
