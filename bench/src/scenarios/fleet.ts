/**
 * Scenario 5, fleet: K processes start together and stream requests for a few token
 * lifetimes, each with its own in-memory cache or all sharing `@livedata/redis`. The
 * figure is identity calls per rotation: the fleet's identity calls divided by those of
 * one process with the same library and store over the same window, measured in the same
 * run. The limit with Redis is 1.0 (the fleet signs in as often as a single process would).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Contender, libraries, liveDataCore } from '../contenders.js';
import { startBenchServer, tally } from '../mock.js';
import type { RedisProcess } from '../redis-server.js';
import type { BenchSettings } from '../settings.js';
import { ratio } from '../stats.js';
import { fmtCount, fmtNumber, type Table } from '../table.js';
import type { FleetMessage, FleetWorkerConfig } from './fleet-worker.js';

/** One fleet size and store. */
export interface FleetRow {
  /** Contender id and label. */
  contender: string;
  label: string;
  processes: number;
  store: 'memory' | 'redis';
  identityCalls: number;
  requests: number;
  failed: number;
  perRotation: number;
}

const workerPath = fileURLToPath(new URL('./fleet-worker.js', import.meta.url));

async function runFleet(
  contender: Contender,
  processes: number,
  store: 'memory' | 'redis',
  settings: BenchSettings['fleet'],
  redis: RedisProcess | undefined,
  runId: number,
): Promise<Omit<FleetRow, 'perRotation'>> {
  const server = await startBenchServer({ tokenTtlSeconds: settings.tokenTtlSeconds });
  let children: ChildProcess[] = [];
  try {
    const config: FleetWorkerConfig = {
      baseUrl: server.url,
      contender: contender.id,
      durationMs: settings.tokenTtlSeconds * 1000 * settings.lifetimes,
      ratePerSecond: settings.ratePerSecond,
      ...(store === 'redis' && redis
        ? { redisUrl: redis.url, keyPrefix: `bench-fleet-${process.pid}-${runId}:` }
        : {}),
    };
    children = Array.from({ length: processes }, () =>
      fork(workerPath, [JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
    );
    const workers = children.map((child) => watchWorker(child));
    // Synchronized start: every process is built and idle before any sends a request.
    await Promise.all(workers.map((w) => w.ready));
    server.resetRequests();
    for (const child of children) child.send({ type: 'go' } satisfies FleetMessage);
    const results = await Promise.all(workers.map((w) => w.done));
    return {
      contender: contender.id,
      label: contender.label,
      processes,
      store,
      identityCalls: tally(server).identityCalls,
      requests: results.reduce((n, r) => n + r.requests, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
    };
  } finally {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
    await server.close();
  }
}

/** A forked worker's two milestones; both reject if it fails or exits early. */
function watchWorker(child: ChildProcess): {
  ready: Promise<void>;
  done: Promise<{ requests: number; failed: number }>;
} {
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  const done = new Promise<{ requests: number; failed: number }>((resolve, reject) => {
    const fail = (error: Error) => {
      failReady(error);
      reject(error);
    };
    child.on('message', (message: FleetMessage) => {
      if (message.type === 'ready') markReady();
      if (message.type === 'done') resolve({ requests: message.requests, failed: message.failed });
      if (message.type === 'error') fail(new Error(`fleet worker: ${message.message}`));
    });
    child.once('exit', (code) => {
      if (code !== 0) fail(new Error(`fleet worker exited with code ${code}`));
    });
  });
  // A failure before "ready" is reported through both promises; avoid an unhandled one.
  done.catch(() => {});
  return { ready, done };
}

/**
 * Runs every fleet size for `@livedata/core` without and with Redis (when a redis-server
 * is available) and, when `includePeers`, for every peer (which have no shared store).
 */
export async function runFleetScenario(
  settings: BenchSettings['fleet'],
  redis: RedisProcess | undefined,
): Promise<FleetRow[]> {
  const raw: Omit<FleetRow, 'perRotation'>[] = [];
  let runId = 0;
  for (const k of settings.sizes) {
    raw.push(await runFleet(liveDataCore, k, 'memory', settings, redis, runId++));
    if (redis) raw.push(await runFleet(liveDataCore, k, 'redis', settings, redis, runId++));
  }
  if (settings.includePeers) {
    // One process and the largest fleet are enough to show a peer's scaling.
    const sizes = [...new Set([1, Math.max(...settings.sizes)])];
    for (const peer of libraries.filter((c) => c.role === 'peer')) {
      for (const k of sizes) {
        raw.push(await runFleet(peer, k, 'memory', settings, redis, runId++));
      }
    }
  }
  return raw.map((r) => {
    const single = raw.find(
      (s) => s.contender === r.contender && s.processes === 1 && s.store === r.store,
    );
    return { ...r, perRotation: ratio(r.identityCalls, single?.identityCalls ?? Number.NaN) };
  });
}

/** The scenario's table. */
export function fleetTable(
  rows: FleetRow[],
  settings: BenchSettings['fleet'],
  redisAvailable: boolean,
): Table {
  return {
    title: `5. Fleet: K processes, token ${settings.tokenTtlSeconds} s, ${settings.lifetimes} lifetimes, synchronized start`,
    caption:
      'Identity calls per rotation = fleet identity calls ÷ the same library and store in one process (same run). Limit with Redis: 1.0.',
    header: [
      'library',
      'processes',
      'token store',
      'identity calls',
      'per rotation',
      'API calls',
      'failed',
    ],
    rows: rows.map((r) => [
      r.label,
      String(r.processes),
      r.store === 'redis' ? '@livedata/redis' : 'in-memory',
      fmtCount(r.identityCalls),
      fmtNumber(r.perRotation, 2),
      fmtCount(r.requests),
      fmtCount(r.failed),
    ]),
    notes: [
      ...(redisAvailable ? [] : ['redis-server was not found: the Redis rows were not run.']),
      ...(rows.some((r) => r.contender !== 'livedata-core')
        ? ['Peers have no shared token store: each process signs in for itself.']
        : [
            'Peers have no shared token store, so a fleet of K processes signs in K times per rotation by construction (not run in --quick).',
          ]),
      'The vendor sample signs in on every call with these short tokens (its 25 s margin exceeds the lifetime).',
    ],
  };
}
