/**
 * The cluster clients the store supports, as the cluster tests create them: node-redis 5
 * and 6 `createCluster`, ioredis 5 and 6 `Cluster` (devDependencies `redis5`, `redis`,
 * `ioredis5`, `ioredis`), each with default settings plus an `error` listener, as the
 * README shows them.
 */
import { Cluster as IoredisCluster6 } from 'ioredis';
import { Cluster as IoredisCluster5 } from 'ioredis5';
import { createCluster as createCluster6 } from 'redis';
import { createCluster as createCluster5 } from 'redis5';
import type { RedisClientLike } from '../../index.js';
import type { RedisClusterHandle } from './redis-cluster.js';

export interface ClusterTestClient {
  readonly client: RedisClientLike;
  close(): Promise<void>;
}

export interface ClusterClientFactory {
  readonly name: string;
  create(cluster: RedisClusterHandle): Promise<ClusterTestClient>;
}

export const clusterClientFactories: readonly ClusterClientFactory[] = [
  {
    name: 'node-redis 6',
    async create(cluster) {
      const client = createCluster6({ rootNodes: cluster.urls.map((url) => ({ url })) });
      client.on('error', () => {});
      await client.connect();
      return { client, close: async () => client.destroy() };
    },
  },
  {
    name: 'node-redis 5',
    async create(cluster) {
      const client = createCluster5({ rootNodes: cluster.urls.map((url) => ({ url })) });
      client.on('error', () => {});
      await client.connect();
      return { client, close: async () => client.destroy() };
    },
  },
  {
    name: 'ioredis 6',
    async create(cluster) {
      const client = new IoredisCluster6([...cluster.startupNodes], { lazyConnect: true });
      client.on('error', () => {});
      await client.connect();
      return { client, close: async () => client.disconnect() };
    },
  },
  {
    name: 'ioredis 5',
    async create(cluster) {
      const client = new IoredisCluster5([...cluster.startupNodes], { lazyConnect: true });
      client.on('error', () => {});
      await client.connect();
      return { client, close: async () => client.disconnect() };
    },
  },
];
