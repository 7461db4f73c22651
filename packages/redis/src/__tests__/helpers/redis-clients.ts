/**
 * The Redis client libraries and versions the store supports, as the tests create them:
 * node-redis 5 and 6, ioredis 5 and 6 (devDependencies `redis5`, `redis`, `ioredis5`, `ioredis`).
 */
import { Redis as Ioredis6 } from 'ioredis';
import { Redis as Ioredis5 } from 'ioredis5';
import { createClient as createClient6 } from 'redis';
import { createClient as createClient5 } from 'redis5';

/** A connected client plus the raw commands the tests use to look behind the store. */
export interface TestClient {
  readonly client: object;
  rawGet(key: string): Promise<string | null>;
  rawSet(key: string, value: string): Promise<void>;
  pttl(key: string): Promise<number>;
  keys(pattern: string): Promise<string[]>;
  /** Any command, e.g. `['ACL', 'SETUSER', …]`. */
  command(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface ClientFactory {
  readonly name: string;
  create(url: string, auth?: { username: string; password: string }): Promise<TestClient>;
}

type NodeRedisCreate = (options: {
  url: string;
  username?: string;
  password?: string;
}) => ReturnType<typeof createClient6>;
type IoredisCreate = (options: Record<string, unknown>) => InstanceType<typeof Ioredis6>;

function nodeRedis(name: string, createClient: NodeRedisCreate): ClientFactory {
  return {
    name,
    async create(url, auth) {
      const client = createClient({ url, ...auth });
      client.on('error', () => {});
      await client.connect();
      return {
        client,
        rawGet: async (key) => {
          const value = await client.get(key);
          return value === null ? null : String(value);
        },
        rawSet: async (key, value) => {
          await client.set(key, value);
        },
        pttl: async (key) => Number(await client.pTTL(key)),
        keys: async (pattern) => (await client.keys(pattern)).map(String).sort(),
        command: (args) => client.sendCommand(args),
        close: async () => {
          client.destroy();
        },
      };
    },
  };
}

function ioredis(name: string, createClient: IoredisCreate): ClientFactory {
  return {
    name,
    async create(url, auth) {
      const { port } = new URL(url);
      const client = createClient({
        host: '127.0.0.1',
        port: Number(port),
        lazyConnect: true,
        ...auth,
      });
      client.on('error', () => {});
      await client.connect();
      return {
        client,
        rawGet: (key) => client.get(key),
        rawSet: async (key, value) => {
          await client.set(key, value);
        },
        pttl: (key) => client.pttl(key),
        keys: async (pattern) => (await client.keys(pattern)).sort(),
        command: ([name, ...args]) => client.call(name ?? 'PING', ...args),
        close: async () => {
          client.disconnect();
        },
      };
    },
  };
}

export const clientFactories: readonly ClientFactory[] = [
  nodeRedis('node-redis 6', (options) => createClient6(options)),
  // The v5 client has the same surface for what the tests call; its types differ in detail.
  nodeRedis(
    'node-redis 5',
    (options) => createClient5(options) as unknown as ReturnType<typeof createClient6>,
  ),
  ioredis('ioredis 6', (options) => new Ioredis6(options)),
  ioredis(
    'ioredis 5',
    (options) => new Ioredis5(options) as unknown as InstanceType<typeof Ioredis6>,
  ),
];
