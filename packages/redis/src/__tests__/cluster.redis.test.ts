/**
 * RedisTokenStore on a real Redis Cluster (3 masters, 3 replicas, started by the test from
 * `redis-server --cluster-enabled yes` and `redis-cli --cluster create`) with every cluster
 * client the store supports: node-redis 5 and 6 `createCluster`, ioredis 5 and 6 `Cluster`.
 * The managers run the real `TokenManager` against the mock Live Data API over HTTP.
 */
import type { StoredToken, TokenEvent, TokenManager } from '@livedata/core';
import { createTokenManager } from '@livedata/core';
import { type MockServer, startMockServer } from '@livedata/mock-server';
import { DEMO_CLIENT } from '@livedata/test-utils';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../index.js';
import { type RedisClusterHandle, startRedisCluster } from './helpers/redis-cluster.js';
import { type ClusterTestClient, clusterClientFactories } from './helpers/redis-cluster-clients.js';

const TOKEN = 'tok_cluster-secret-token-5d2a';
const KEY = 'livedata:token:cluster';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function freshToken(lifetimeMs = 60_000): StoredToken {
  const now = Date.now();
  return { accessToken: TOKEN, expiresAt: now + lifetimeMs, obtainedAt: now };
}

let cluster: RedisClusterHandle;
const opened: ClusterTestClient[] = [];
beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: true });
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await cluster?.stop();
});

async function connect(name: string): Promise<ClusterTestClient> {
  const factory = clusterClientFactories.find((f) => f.name === name);
  if (!factory) throw new Error(`no factory ${name}`);
  const client = await factory.create(cluster);
  opened.push(client);
  return client;
}

/** A raw command on the master that serves `key` (redis-cli without `-c`: no redirection). */
async function onOwningMaster(key: string, args: string[]): Promise<string> {
  const port = await cluster.masterOf(await cluster.keySlot(key));
  return cluster.cli(port, [...args, key]);
}

/** Every key matching `pattern` on every master. */
async function keysOnMasters(pattern: string): Promise<string[]> {
  const keys: string[] = [];
  for (const node of cluster.nodes.filter((n) => n.running)) {
    const role = await cluster.cli(node.port, ['ROLE']);
    if (!role.startsWith('master')) continue;
    const out = await cluster.cli(node.port, ['KEYS', pattern]);
    keys.push(...out.split('\n').filter(Boolean));
  }
  return keys.sort();
}

describe.each(clusterClientFactories.map((f) => f.name))(
  'RedisTokenStore on a Redis Cluster with %s',
  (name) => {
    let a: ClusterTestClient;
    let b: ClusterTestClient;
    let keyPrefix: string;
    beforeAll(async () => {
      a = await connect(name);
      b = await connect(name);
      keyPrefix = `${name.replace(/\W+/g, '-')}:`;
    });

    it('is detected as a cluster client', () => {
      expect(new RedisTokenStore({ client: a.client }).toJSON()).toMatchObject({ cluster: true });
    });

    it('shares a token between two clients, on the master of its slot, with a TTL ending at expiresAt', async () => {
      const writer = new RedisTokenStore({ client: a.client, keyPrefix });
      const reader = new RedisTokenStore({ client: b.client, keyPrefix });
      const token = freshToken(30_000);
      await writer.set(KEY, token);
      expect(await reader.get(KEY)).toEqual(token);
      const pttl = Number(await onOwningMaster(writer.tokenKey(KEY), ['PTTL']));
      expect(pttl).toBeGreaterThan(25_000);
      expect(pttl).toBeLessThanOrEqual(30_000);
      await reader.delete(KEY);
      expect(await writer.get(KEY)).toBeUndefined();
    });

    it('keeps a token and its lock in one hash slot, and releases the lock in that slot', async () => {
      const store = new RedisTokenStore({ client: a.client, keyPrefix });
      const slot = await cluster.keySlot(store.tokenKey(KEY));
      expect(await cluster.keySlot(store.lockKey(KEY))).toBe(slot);
      await store.set(KEY, freshToken());
      const release = await store.lock(KEY, 5_000);
      expect(release).toBeTypeOf('function');
      // Both keys are on the one master serving the slot (a raw GET elsewhere answers MOVED).
      expect(await onOwningMaster(store.lockKey(KEY), ['GET'])).toMatch(/^[0-9a-f]{32}$/);
      expect(await onOwningMaster(store.tokenKey(KEY), ['GET'])).toContain('accessToken');
      await release?.();
      expect(await onOwningMaster(store.lockKey(KEY), ['EXISTS'])).toBe('0');
      await store.delete(KEY);
    });

    it('gives the lock to exactly one of many concurrent contenders', async () => {
      const stores = [a, b].map((c) => new RedisTokenStore({ client: c.client, keyPrefix }));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => stores[i % 2]?.lock(KEY, 5_000)),
      );
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      await winners[0]?.();
      expect(await onOwningMaster(stores[0]?.lockKey(KEY) ?? '', ['EXISTS'])).toBe('0');
    });

    it('lets an expired lock be taken by another owner, whose lock the first owner cannot release', async () => {
      const first = new RedisTokenStore({ client: a.client, keyPrefix });
      const second = new RedisTokenStore({ client: b.client, keyPrefix });
      const lockTtlMs = 200;
      const releaseFirst = await first.lock(KEY, lockTtlMs);
      expect(releaseFirst).toBeTypeOf('function');
      expect(await second.lock(KEY, 5_000)).toBeUndefined();
      await waitFor('the first lock to expire', async () => {
        return (await onOwningMaster(first.lockKey(KEY), ['EXISTS'])) === '0';
      });
      const releaseSecond = await second.lock(KEY, 5_000);
      expect(releaseSecond).toBeTypeOf('function');
      await releaseFirst?.(); // too late: the lock is the second owner's now
      expect(await onOwningMaster(first.lockKey(KEY), ['EXISTS'])).toBe('1');
      await releaseSecond?.();
      expect(await onOwningMaster(first.lockKey(KEY), ['EXISTS'])).toBe('0');
    });

    it('encrypts tokens on a cluster too', async () => {
      const encryptionKey = new Uint8Array(32).fill(7);
      const writer = new RedisTokenStore({ client: a.client, keyPrefix, encryptionKey });
      const reader = new RedisTokenStore({ client: b.client, keyPrefix, encryptionKey });
      const token = freshToken();
      await writer.set(KEY, token);
      expect(await reader.get(KEY)).toEqual(token);
      const raw = await onOwningMaster(writer.tokenKey(KEY), ['GET']);
      expect(raw).toMatch(/^ldenc1\./);
      expect(raw).not.toContain(TOKEN);
      await writer.delete(KEY);
    });
  },
);

describe('RedisTokenStore key names on a Redis Cluster', () => {
  it('put a token and its lock in one slot for any keyPrefix the store accepts and any key', async () => {
    // The slot a real cluster computes (CLUSTER KEYSLOT), for prefixes and keys full of braces.
    const { client } = await connect('ioredis 6');
    const keySlot = async (key: string) =>
      Number(
        await (client as unknown as { cluster: (...a: string[]) => Promise<unknown> }).cluster(
          'KEYSLOT',
          key,
        ),
      );
    const braces = fc.constantFrom('{', '}', ':', 'a', 'b', '{}', '}{');
    const text = fc
      .array(fc.oneof(braces, fc.string({ maxLength: 3 })), { maxLength: 6 })
      .map((parts) => parts.join(''));
    const managerKey = fc.oneof(
      fc.stringMatching(/^[0-9a-f]{1,64}$/).map((hash) => `livedata:token:${hash}`),
      text.map((rest) => `livedata:token:${rest}`),
      text,
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(text, managerKey, async (keyPrefix, key) => {
        let store: RedisTokenStore;
        try {
          store = new RedisTokenStore({ client, keyPrefix });
        } catch {
          fc.pre(false); // a prefix with an empty tag `{}` is refused (a unit test checks which)
          return;
        }
        let tokenKey: string;
        try {
          tokenKey = store.tokenKey(key);
        } catch {
          fc.pre(key === '' || key.startsWith('}')); // the only keys refused
          return;
        }
        expect(tokenKey.startsWith(keyPrefix)).toBe(true);
        expect(await keySlot(store.lockKey(key))).toBe(await keySlot(tokenKey));
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});

describe('a fleet of TokenManagers sharing RedisTokenStore on a Redis Cluster', () => {
  let api: MockServer | undefined;
  const managers: TokenManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.map((m) => m.close()));
    managers.length = 0;
    await api?.close();
    api = undefined;
  });

  interface Recorded {
    warnings: string[];
    infos: string[];
    events: { at: number; event: TokenEvent }[];
  }

  function manager(
    client: ClusterTestClient,
    keyPrefix: string,
    options: { storeTimeoutMs?: number } = {},
  ): { tokens: TokenManager; recorded: Recorded } {
    if (!api) throw new Error('start the mock server first');
    const recorded: Recorded = { warnings: [], infos: [], events: [] };
    const tokens = createTokenManager({
      baseUrl: api.url,
      credentials: DEMO_CLIENT,
      store: new RedisTokenStore({
        client: client.client,
        keyPrefix,
        ...(options.storeTimeoutMs ? { lockTimeoutMs: options.storeTimeoutMs } : {}),
      }),
      ...(options.storeTimeoutMs ? { storeTimeoutMs: options.storeTimeoutMs } : {}),
      onEvent: (event) => recorded.events.push({ at: Date.now(), event }),
      logger: {
        debug() {},
        info: (message) => recorded.infos.push(String(message)),
        warn: (message) => recorded.warnings.push(String(message)),
        error: (message) => recorded.warnings.push(`error: ${String(message)}`),
      },
    });
    managers.push(tokens);
    return { tokens, recorded };
  }

  it('8 managers on the four cluster clients starting at once make one identity call', async () => {
    api = await startMockServer();
    const clients = await Promise.all(
      clusterClientFactories.flatMap((f) => [connect(f.name), connect(f.name)]),
    );
    const fleet = clients.map((client) => manager(client, 'herd8:'));
    const tokens = await Promise.all(fleet.map((m) => m.tokens.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(api.count('identity')).toBe(1);
    expect(fleet.flatMap((m) => m.recorded.warnings)).toEqual([]);
    // The token is stored once, its lock was released by its owner.
    expect(await keysOnMasters('herd8:*')).toEqual([
      expect.stringMatching(/^herd8:livedata:token:\{[0-9a-f]{64}\}$/),
    ]);
  });

  it('a master killed with SIGKILL while the fleet calls the API: no failed call, and the fleet shares again after the failover', async () => {
    // Short tokens, so the fleet refreshes through the store before, during and after the
    // failover. A refresh while the slot has no master spends up to 3 × storeTimeoutMs on
    // the store; 300 ms keeps that well inside the soft window (L/2 = 3 s).
    const lifetimeS = 6;
    const storeTimeoutMs = 300;
    api = await startMockServer({ tokenTtlSeconds: lifetimeS });
    const clients = await Promise.all(clusterClientFactories.map((f) => connect(f.name)));
    const keyPrefix = 'failover:';
    const fleet = clients.map((client) => manager(client, keyPrefix, { storeTimeoutMs }));
    const failures: string[] = [];
    let calls = 0;
    let running = true;
    const callApi = async (tokens: TokenManager) => {
      calls++;
      try {
        const res = await tokens.fetch('/people/v1/o_3daf8872/search/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ filters: [], size: 1 }),
        });
        await res.arrayBuffer();
        if (!res.ok) failures.push(`${Date.now()} API answered ${res.status}`);
      } catch (error) {
        failures.push(
          `${Date.now()} ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
      }
    };
    const loops = fleet.map(async ({ tokens }) => {
      while (running) {
        await callApi(tokens);
        await sleep(100);
      }
    });

    try {
      await waitFor('the fleet to share a token', () =>
        fleet.every((m) => m.recorded.events.some((e) => e.event.type === 'refresh.succeeded')),
      );
      const [tokenKey] = await keysOnMasters(`${keyPrefix}*`);
      if (tokenKey === undefined) throw new Error('no token stored');
      const slot = await cluster.keySlot(tokenKey);
      const masterPort = await cluster.masterOf(slot);
      const master = cluster.nodes.find((n) => n.port === masterPort);
      await master?.kill();
      const killedAt = Date.now();

      // Managers starting while the slot has no master: their store calls fail, they call
      // the identity endpoint themselves.
      const newcomers = clients.map((client) => manager(client, keyPrefix, { storeTimeoutMs }));
      await Promise.all(newcomers.map((m) => callApi(m.tokens)));
      expect(newcomers.flatMap((m) => m.recorded.warnings)).toEqual(
        Array(newcomers.length).fill(expect.stringMatching(/token store failed/i)),
      );

      await cluster.waitUntilHealthy(30_000);
      const newMaster = await cluster.masterOf(slot);
      expect(newMaster).not.toBe(masterPort);
      const failedOverAt = Date.now();

      // node-redis 6 and ioredis find the promoted replica and use the slot again.
      // node-redis 5 refreshes its slot map only on a MOVED or ASK reply, so it keeps
      // sending the slot's commands to the dead node (they fail or time out: the
      // managers carry on without the store) until the node is back and answers MOVED.
      const lockAndRelease = (client: ClusterTestClient, i: number) => async () => {
        const probe = new RedisTokenStore({ client: client.client, keyPrefix: `probe${i}:` });
        // Same hash tag as the fleet's token: the same slot.
        const release = await probe.lock(
          `livedata:token:${tokenKey.slice(tokenKey.indexOf('{') + 1, -1)}`,
          2_000,
        );
        if (!release) return false;
        await release();
        return true;
      };
      const names = clusterClientFactories.map((f) => f.name);
      for (const [i, client] of clients.entries()) {
        if (names[i] === 'node-redis 5') continue;
        await waitFor(
          `${names[i]} to lock and release in the failed-over slot`,
          lockAndRelease(client, i),
        );
      }
      const recoveredAt = Date.now();

      // And the fleet shares one token through the new master: a manager adopts a token
      // that another one got from the identity endpoint after the failover.
      const everyone = [...fleet, ...newcomers];
      const sharedAfterRecovery = () => {
        const after = everyone.flatMap((m, who) =>
          m.recorded.events.flatMap(({ at, event }) =>
            at > recoveredAt && event.type === 'refresh.succeeded' ? [{ who, event }] : [],
          ),
        );
        return after.some(
          (adopted) =>
            adopted.event.source === 'store' &&
            after.some(
              (minted) =>
                minted.event.source === 'identity' &&
                minted.who !== adopted.who &&
                minted.event.expiresAt === adopted.event.expiresAt,
            ),
        );
      };
      await waitFor(
        'a token minted after the failover to be adopted by another manager',
        sharedAfterRecovery,
        4 * lifetimeS * 1000,
      );

      // node-redis 5 uses the slot again once the old master is back (as a replica).
      await master?.restart();
      await cluster.waitUntilHealthy(30_000);
      for (const [i, client] of clients.entries()) {
        await waitFor(
          `${names[i]} to lock and release once the old master is back as a replica`,
          lockAndRelease(client, i),
        );
      }
      running = false;
      await Promise.all(loops);
      const timeline = JSON.stringify({ killedAt, failedOverAt, recoveredAt, failures }, null, 1);
      expect(failures, timeline).toEqual([]);
      expect(calls).toBeGreaterThan(4 * 10);
      expect(Number(await cluster.cli(newMaster, ['EXISTS', tokenKey]))).toBe(1);
    } finally {
      running = false;
      await Promise.all(loops);
    }
  });
});
