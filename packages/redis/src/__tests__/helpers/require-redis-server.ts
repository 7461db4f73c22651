/**
 * Vitest global setup of the Redis suite: fail the whole run, with the install command,
 * when `redis-server` is missing. These tests are never skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { REDIS_SERVER_MISSING } from '@livedata/test-utils';

export default function requireRedisServer(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(REDIS_SERVER_MISSING);
}
