/**
 * One process of the fleet scenario (forked by fleet.ts). It builds a TokenManager, with
 * a RedisTokenStore when given a Redis URL, says "ready", waits for "go", streams
 * requests for the given time, reports, and exits.
 */
import { createTokenManager, type TokenStore } from '@livedata/core';
import { RedisTokenStore } from '@livedata/redis';
import { createClient } from 'redis';
import { API_BODY, API_HEADERS, API_PATH } from '../api-request.js';
import { type BenchClient, libraries } from '../contenders.js';
import { stream } from '../load.js';
import { credentials } from '../mock.js';

/** What the parent passes in argv[2], as JSON. */
export interface FleetWorkerConfig {
  baseUrl: string;
  /** Contender id (see contenders.ts); default `livedata-core`, the only one with a shared store. */
  contender?: string;
  redisUrl?: string;
  keyPrefix?: string;
  durationMs: number;
  ratePerSecond: number;
}

/** Messages between the parent and a worker. */
export type FleetMessage =
  | { type: 'ready' }
  | { type: 'go' }
  | { type: 'done'; requests: number; failed: number }
  | { type: 'error'; message: string };

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as FleetWorkerConfig;
  const client =
    config.contender && config.contender !== 'livedata-core'
      ? peerClient(config)
      : await ourClient(config);
  const send = (message: FleetMessage) => process.send?.(message);
  await new Promise<void>((resolve) => {
    process.on('message', (message: FleetMessage) => {
      if (message.type === 'go') resolve();
    });
    send({ type: 'ready' });
  });
  const samples = await stream(client, {
    ratePerSecond: config.ratePerSecond,
    durationMs: config.durationMs,
  });
  await client.close();
  send({
    type: 'done',
    requests: samples.length,
    failed: samples.filter((s) => s.status !== 200).length,
  });
  process.disconnect?.();
}

function peerClient(config: FleetWorkerConfig): BenchClient {
  const contender = libraries.find((c) => c.id === config.contender);
  if (!contender) throw new Error(`unknown contender ${config.contender}`);
  return contender.create({ baseUrl: config.baseUrl, credentials, staticToken: '' });
}

async function ourClient(config: FleetWorkerConfig): Promise<BenchClient> {
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : undefined;
  if (redis) {
    redis.on('error', () => {});
    await redis.connect();
  }
  const store: TokenStore | undefined = redis
    ? new RedisTokenStore({ client: redis, keyPrefix: config.keyPrefix })
    : undefined;
  const tokens = createTokenManager({ baseUrl: config.baseUrl, credentials, store });
  return {
    request: async () => {
      try {
        const res = await tokens.fetch(API_PATH, {
          method: 'POST',
          headers: API_HEADERS,
          body: API_BODY,
        });
        await res.arrayBuffer();
        return res.status;
      } catch {
        return 0;
      }
    },
    close: async () => {
      await tokens.close();
      await redis?.quit();
    },
  };
}

main().catch((error: unknown) => {
  process.send?.({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
  process.exitCode = 1;
  process.disconnect?.();
});
