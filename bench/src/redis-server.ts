/**
 * A throwaway `redis-server` for the fleet scenario, from the workspace's one launcher.
 * Resolves `undefined` when redis-server is not installed or does not start, so the
 * benchmark can report the gap instead of failing.
 */
import { startRedisServer as launch } from '@livedata/test-utils';

/** A running redis-server. */
export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts redis-server (on `port`, default a free one), or resolves `undefined`. */
export async function startRedisServer(port?: number): Promise<RedisProcess | undefined> {
  try {
    const redis = await launch(port === undefined ? {} : { port });
    return { url: redis.url, port: redis.port, stop: () => redis.stop() };
  } catch {
    return undefined;
  }
}
