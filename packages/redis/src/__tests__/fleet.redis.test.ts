/**
 * A fleet of real processes (`node fixtures/fleet-worker.mjs`, running the built packages)
 * sharing one token through RedisTokenStore on a real redis-server, against the mock
 * Live Data API. The mock server counts identity calls; workers report short hashes of
 * the tokens they got, never the tokens.
 */
import { createHash } from 'node:crypto';
import { createTokenManager } from '@livedata/core';
import { demoCredentials, type MockServer, startMockServer } from '@livedata/mock-server';
import { DEMO_CLIENT, type RedisServerHandle, startRedisServer } from '@livedata/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';
import { Fleet, type FleetWorker } from './helpers/fleet.js';
import { clientFactories, type TestClient } from './helpers/redis-clients.js';

const CLIENT_KINDS = ['redis', 'redis5', 'ioredis', 'ioredis5'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hash = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let redis: RedisServerHandle;
let admin: TestClient;
beforeAll(async () => {
  redis = await startRedisServer();
  const factory = clientFactories.find((f) => f.name === 'ioredis 6');
  if (!factory) throw new Error('no ioredis factory');
  admin = await factory.create(redis.url);
});
afterAll(async () => {
  await admin?.close();
  await redis?.stop();
});

let api: MockServer | undefined;
const fleet = new Fleet();
afterEach(async () => {
  await fleet.stopAll();
  await api?.close();
  api = undefined;
  if (!redis.running) await redis.start();
});

function workerEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  if (!api) throw new Error('start the mock server first');
  return {
    LIVEDATA_BASE_URL: api.url,
    LIVEDATA_CLIENT_ID: demoCredentials.clientId,
    LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
    REDIS_URL: redis.url,
    KEY_PREFIX: prefix,
    ...extra,
  };
}

/**
 * Starts the mock server with a first identity call that never answers (whoever makes it
 * holds the refresh lock until it dies), and the env of a one-shot worker under `prefix`.
 */
async function lockHolderScenario(prefix: string) {
  const mock = await startMockServer();
  api = mock;
  mock.inject('identity', { kind: 'hang' }, { times: 1 });
  const env = workerEnv(prefix, {
    MODE: 'once',
    REQUEST_TIMEOUT_MS: '2000',
    REDIS_CLIENT: 'ioredis',
  });
  return { mock, env };
}

/** Resolves once a worker under `prefix` holds the lock and made the one identity call. */
function holderHasTheLock(prefix: string): Promise<void> {
  return waitFor(
    'the holder to take the lock and call identity',
    async () =>
      api !== undefined &&
      api.count('identity') === 1 &&
      (await admin.keys(`${prefix}*:lock`)).length === 1,
  );
}

/** Spawns workers, waits until all are connected, then releases them at once. */
async function startTogether(envs: Record<string, string>[]): Promise<FleetWorker[]> {
  const workers = envs.map((env) => fleet.spawn(env));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  return workers;
}

describe('a fleet sharing RedisTokenStore', () => {
  it('16 processes starting at once make exactly one identity call (node-redis 5/6 and ioredis 5/6 mixed)', async () => {
    api = await startMockServer();
    const envs = Array.from({ length: 16 }, (_, i) =>
      workerEnv('herd:', {
        MODE: 'once',
        REDIS_CLIENT: CLIENT_KINDS[i % CLIENT_KINDS.length] ?? 'redis',
      }),
    );
    const workers = await startTogether(envs);
    const reports = await Promise.all(workers.map((w) => w.finished));

    expect(reports.map((r) => r.event)).toEqual(Array(16).fill('token'));
    expect(new Set(reports.map((r) => r.token)).size).toBe(1);
    expect(api.count('identity')).toBe(1);
    expect(reports.flatMap((r) => r.warnings ?? [])).toEqual([]);
    // The lock was released by its owner; the token is stored under the prefix.
    expect(await admin.keys('herd:*')).toEqual([
      expect.stringMatching(/^herd:livedata:token:\{[0-9a-f]{64}\}$/),
    ]);
  });

  it('rotates short-lived tokens with one identity call per rotation across the fleet', async () => {
    const lifetimeS = 4;
    const runMs = 3 * lifetimeS * 1000 + 1_000;
    api = await startMockServer({ tokenTtlSeconds: lifetimeS });
    const envs = CLIENT_KINDS.map((kind) =>
      workerEnv('rotation:', {
        MODE: 'loop',
        CALL: 'token',
        LOOP_MS: String(runMs),
        INTERVAL_MS: '100',
        REDIS_CLIENT: kind,
      }),
    );
    const workers = await startTogether(envs);
    const reports = await Promise.all(workers.map((w) => w.finished));

    for (const report of reports) {
      expect(report.failures).toEqual([]);
      expect(report.warnings).toEqual([]);
      expect(report.tokens?.length).toBeGreaterThanOrEqual(3); // each process saw the rotations
    }
    // What the product promises, in terms the end of the run cannot change:
    // 1. No process minted its own token: identity calls are at least a quarter of the
    //    lifetime apart (a token of lifetime L is refreshed once it is L/2 old, so a
    //    duplicate call by a second process would show up as two calls close together).
    const identity = api.requests.filter((r) => r.route === 'identity');
    const lifetimeMs = lifetimeS * 1000;
    for (let i = 1; i < identity.length; i++) {
      const gap = (identity[i]?.at ?? 0) - (identity[i - 1]?.at ?? 0);
      expect(gap).toBeGreaterThan(lifetimeMs / 4);
    }
    // 2. Every token the fleet used came from one identity call, and every identity call up
    //    to the last token anyone used produced a token the fleet used. A background refresh
    //    that starts just before the workers stop mints a token nobody reads: calls after the
    //    last first sighting are not counted (by 1. there can be at most one of them).
    const distinctTokens = new Set(reports.flatMap((r) => r.tokens ?? []));
    const lastFirstSighting = Math.max(...reports.flatMap((r) => r.firstSeenAt ?? []));
    const identityUpToLastToken = identity.filter((r) => r.at <= lastFirstSighting);
    expect(identityUpToLastToken.length).toBe(distinctTokens.size);
    expect(identity.length - identityUpToLastToken.length).toBeLessThanOrEqual(1);
    // 3. Tokens do rotate: the run spans three lifetimes.
    expect(distinctTokens.size).toBeGreaterThanOrEqual(3);
  });

  it('a lock holder killed with SIGKILL does not stop another process from getting a token', async () => {
    // The first identity request never answers: its process holds the lock, then dies.
    const { mock, env } = await lockHolderScenario('killed:');
    const [holder] = await startTogether([env]);
    await holderHasTheLock('killed:');
    const [lockKey] = await admin.keys('killed:*:lock');
    holder?.process.kill('SIGKILL');
    await holder?.finished.catch(() => {});
    expect(await admin.pttl(lockKey ?? '')).toBeGreaterThan(0); // nobody released it

    const [next] = await startTogether([{ ...env, REDIS_CLIENT: 'redis' }]);
    const report = await next?.finished;
    expect(report?.event).toBe('token');
    expect(mock.count('identity')).toBe(2);
    // Redis drops the dead holder's lock at its TTL (the manager's lock TTL, see core's README).
    await waitFor(
      'the abandoned lock to expire',
      async () => (await admin.pttl(lockKey ?? '')) === -2,
    );
  });

  // A process that lost the lock polls the store and asks for the lock again every 250 ms;
  // when the holder dies, one waiter takes the expired lock and the rest adopt its token.
  it('when the lock holder dies, the waiting processes still make only one identity call', async () => {
    const { mock, env } = await lockHolderScenario('orphans:');
    // Everyone is connected before the holder starts, so the holder is killed while its
    // identity call hangs (it would time out and retry after requestTimeoutMs).
    const waiters = Array.from({ length: 8 }, () => fleet.spawn(env));
    const holder = fleet.spawn(env);
    await Promise.all([...waiters, holder].map((w) => w.ready));
    holder.go();
    await holderHasTheLock('orphans:');
    for (const w of waiters) w.go();
    await sleep(300);
    holder.process.kill('SIGKILL');
    const reports = await Promise.all(waiters.map((w) => w.finished));
    expect(reports.map((r) => r.event)).toEqual(Array(8).fill('token'));
    expect(mock.count('identity')).toBe(2); // the dead holder's hung call + one for the waiters
  });

  it('keeps every API call working while Redis is stopped and restarted, warns once, then uses Redis again', async () => {
    // Short tokens so every process must refresh during the outage. A refresh during the
    // outage spends up to 3 × storeTimeoutMs on the store (get, lock, set) before and after
    // its identity call; it must still finish inside the soft window (L/2 = 3 s here), as it
    // does with real lifetimes (soft window 5 min, storeTimeoutMs 1 s). Hence 300 ms.
    const lifetimeS = 6;
    api = await startMockServer({ tokenTtlSeconds: lifetimeS });
    const runMs = 26_000;
    const envs = CLIENT_KINDS.map((kind) =>
      workerEnv('restart:', {
        MODE: 'loop',
        CALL: 'fetch',
        LOOP_MS: String(runMs),
        INTERVAL_MS: '100',
        STORE_TIMEOUT_MS: '300',
        REDIS_CLIENT: kind,
      }),
    );
    const workers = await startTogether(envs);
    await waitFor(
      'the fleet to share a token',
      async () => (await admin.keys('restart:*')).length > 0,
    );
    await sleep(2_000);
    await redis.stop();
    const stoppedAt = Date.now();
    await sleep(lifetimeS * 1000 + 500); // every process has to refresh while Redis is away
    await redis.start();
    const restartedAt = Date.now();
    const reports = await Promise.all(workers.map((w) => w.finished));

    const timeline = JSON.stringify({ stoppedAt, restartedAt, reports }, null, 1);
    expect(
      reports.flatMap((r) => r.failures ?? []),
      timeline,
    ).toEqual([]);
    expect(reports.every((r) => (r.calls ?? 0) > 50)).toBe(true);
    for (const report of reports) {
      // A warning when a process notices the outage (not one per failed call), and an info,
      // not a warning, when it ends. On a loaded machine a store call that is merely slow
      // just after the restart can count as a second, short outage, so the number of outages
      // a process saw is not fixed; what holds is that each was warned about once and its
      // end reported once, and that the outage was noticed at all.
      const warnings = report.warnings ?? [];
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      for (const warning of warnings) expect(warning).toMatch(/token store failed/i);
      expect(report.infos?.filter((m) => /token store answers again/.test(m))).toHaveLength(
        warnings.length,
      );
    }
    // While Redis was away the processes called identity themselves (the mock records when
    // each request arrived)...
    expect(
      api.requests.filter((r) => r.route === 'identity' && r.at > stoppedAt && r.at < restartedAt)
        .length,
    ).toBeGreaterThan(0);
    // ...and once Redis was back (allowing one token lifetime for clients to reconnect and
    // the fleet to converge), one process per rotation called identity, the others adopted
    // its token from Redis.
    const settled = restartedAt + lifetimeS * 1000;
    const identityAfter = reports
      .flatMap((r, worker) =>
        (r.refreshes ?? []).filter((e) => e.at > settled).map((e) => ({ ...e, worker })),
      )
      .sort((x, y) => x.at - y.at);
    const minted = identityAfter.filter((e) => e.source === 'identity');
    expect(minted.length).toBeGreaterThan(0);
    expect(identityAfter.filter((e) => e.source === 'store').length).toBeGreaterThan(0);
    for (let i = 1; i < minted.length; i++) {
      const gap = (minted[i]?.at ?? 0) - (minted[i - 1]?.at ?? 0);
      expect(gap, JSON.stringify(identityAfter)).toBeGreaterThan((lifetimeS * 1000) / 4);
    }
    expect((await admin.keys('restart:*')).filter((k) => !k.endsWith(':lock'))).toHaveLength(1);
  });

  it('stores the token encrypted; a process with another key sees a miss and carries on', async () => {
    api = await startMockServer();
    const key = Buffer.from(new Uint8Array(32).map((_, i) => 200 - i)).toString('base64');
    const envs = Array.from({ length: 4 }, (_, i) =>
      workerEnv('encrypted:', {
        MODE: 'once',
        ENCRYPTION_KEY: key,
        REDIS_CLIENT: CLIENT_KINDS[i] ?? 'redis',
      }),
    );
    const reports = await Promise.all((await startTogether(envs)).map((w) => w.finished));
    expect(new Set(reports.map((r) => r.token)).size).toBe(1);
    expect(api.count('identity')).toBe(1);

    // Read the shared token in this process through the same store: no identity call.
    const [tokenKey] = await admin.keys('encrypted:*');
    const tokens = createTokenManager({
      baseUrl: api.url,
      credentials: DEMO_CLIENT,
      store: new RedisTokenStore({
        client: admin.client as never,
        keyPrefix: 'encrypted:',
        encryptionKey: key,
      }),
    });
    const token = await tokens.getAccessToken();
    await tokens.close();
    expect(api.count('identity')).toBe(1);
    expect(hash(token)).toBe(reports[0]?.token);
    const raw = (await admin.rawGet(tokenKey ?? '')) ?? '';
    expect(raw).toMatch(/^ldenc1\./);
    expect(raw).not.toContain(token);

    const wrongKey = Buffer.from(new Uint8Array(32).fill(1)).toString('base64');
    const [other] = await startTogether([
      workerEnv('encrypted:', { MODE: 'once', ENCRYPTION_KEY: wrongKey }),
    ]);
    const report = await other?.finished;
    expect(report?.event).toBe('token');
    expect(report?.warnings).toEqual([]);
    expect(report?.token).not.toBe(reports[0]?.token);
    expect(api.count('identity')).toBe(2);
    for (const w of [other]) expect(w?.output()).not.toContain(token);
  });
});
