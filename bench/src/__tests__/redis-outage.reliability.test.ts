/**
 * Redis goes away under a fleet sharing `@livedata/redis`, and comes back: the API must
 * keep working (each manager falls back to its own identity call), no expired token may
 * be sent, nothing may reject unhandled, and sharing resumes afterwards. Needs
 * redis-server (CI installs it); skipped without it.
 */
import { execFileSync } from 'node:child_process';
import { createTokenManager, type TokenManager } from '@livedata/core';
import { demoCredentials, startMockServer } from '@livedata/mock-server';
import { RedisTokenStore } from '@livedata/redis';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { type RedisProcess, startRedisServer } from '../redis-server.js';
import { searchStatus } from './search-status.js';

const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};

function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasRedisServer())('a fleet on @livedata/redis while Redis goes away', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  let redis: RedisProcess | undefined;
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await redis?.stop();
  });

  it('keeps every call working and shares again once Redis is back', async () => {
    redis = await startRedisServer();
    expect(redis, 'redis-server did not start').toBeDefined();
    const port = (redis as RedisProcess).port;
    const server = await startMockServer({ port: 0, tokenTtlSeconds: 30, peopleCount: 20 });
    let offset = 0;
    const now = () => Date.now() + offset;
    const clients = Array.from({ length: 4 }, () =>
      createClient({
        url: (redis as RedisProcess).url,
        socket: { reconnectStrategy: () => 50, connectTimeout: 200 },
      }),
    );
    for (const client of clients) {
      client.on('error', () => {});
      await client.connect();
    }
    const managers: TokenManager[] = clients.map((client) =>
      createTokenManager({
        baseUrl: server.url,
        credentials,
        now,
        storeTimeoutMs: 200,
        store: new RedisTokenStore({ client, keyPrefix: 'reliability:', now, lockTimeoutMs: 200 }),
      }),
    );
    const phases = { before: 0, during: 0, after: 0 };
    let failed = 0;
    const run = async (phase: keyof typeof phases, steps: number) => {
      const before = server.count('identity');
      for (let step = 0; step < steps; step += 1) {
        const advance = 2_000 + (step % 3) * 1_000;
        offset += advance;
        server.advanceTime(advance);
        const statuses = await Promise.all(managers.map((tokens) => searchStatus(tokens, '{}')));
        failed += statuses.filter((s) => s !== 200).length;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      phases[phase] = server.count('identity') - before;
    };
    try {
      await run('before', 30); // ~90 s simulated, ~6 rotations
      await (redis as RedisProcess).stop();
      await run('during', 30);
      redis = await startRedisServer(port);
      expect(redis, 'redis-server did not restart on its port').toBeDefined();
      // The 'after' phase starts once every client has reconnected, however long that takes
      // on a loaded machine (it is bounded by the test's own timeout).
      while (!clients.every((client) => client.isReady)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await run('after', 30);
    } finally {
      for (const tokens of managers) await tokens.close();
      for (const client of clients) client.destroy();
      await server.close();
    }
    const expired = server.requests.filter((r) => r.route !== 'identity' && r.auth === 'expired');
    console.info(
      `[redis-outage] identity calls per phase ${JSON.stringify(phases)}, failed ${failed}`,
    );
    expect(failed).toBe(0);
    expect(expired.length).toBe(0);
    expect(unhandled).toEqual([]);
    // While Redis is up, the four managers share: far fewer identity calls than 4 × rotations.
    expect(phases.before).toBeLessThanOrEqual(phases.during);
    expect(phases.after).toBeLessThan(phases.during);
  });
});
