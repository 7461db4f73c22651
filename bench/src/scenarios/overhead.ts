/**
 * Scenario 3, interceptor overhead: requests per second through each auth layer divided
 * by requests per second with a static header on the same HTTP stack, same server, same
 * run. Each round runs a library and its baseline back to back (alternating which goes
 * first) and takes their ratio; the median of the rounds' ratios is the figure, so load
 * from elsewhere on the machine cancels out instead of landing on one contender. The
 * limit is 1.00× (the layer costs nothing).
 *
 * It runs against two servers: a minimal `node:http` server in its own process (`light`:
 * the client is the bottleneck, and the CPU time measured is the client's alone), and
 * `@livedata/mock-server` in this process (`mock`: a realistic API, whose own cost hides
 * part of the client's).
 */
import {
  type BenchClient,
  baselineFor,
  type ClientContext,
  type Contender,
  overheadContenders,
} from '../contenders.js';
import { startLightServer } from '../light-server.js';
import { closedLoop, collectGarbage } from '../load.js';
import { clientContext, credentials, startBenchServer } from '../mock.js';
import { loginWithFetch } from '../peers/live-data-login.js';
import type { BenchSettings } from '../settings.js';
import { median } from '../stats.js';
import { fmtCount, fmtNumber, fmtRatio, type Table } from '../table.js';

/** Which server a figure comes from. */
export type OverheadServer = 'light' | 'mock';

/** One contender's throughput against one server. */
export interface OverheadRow {
  contender: Contender;
  server: OverheadServer;
  /** Median requests/s over the rounds. */
  requestsPerSecond: number;
  /**
   * Median CPU µs per request of this process: the client alone against the `light` server
   * (it runs in another process), client and server together against the `mock` server.
   */
  cpuMicrosPerRequest: number;
  /** Median of per-round throughput ratios against the same-stack baseline. */
  ratio: number;
  failed: number;
}

/** Runs every library and both baselines against each server with a long-lived token. */
export async function runOverhead(settings: BenchSettings['overhead']): Promise<OverheadRow[]> {
  const light = await startLightServer();
  try {
    const session = await loginWithFetch(light.url, credentials);
    const ctx = { baseUrl: light.url, credentials, staticToken: session.accessToken };
    const lightRows = await measure('light', ctx, settings);
    const server = await startBenchServer();
    try {
      const mockRows = await measure('mock', await clientContext(server, 3600), settings);
      return [...lightRows, ...mockRows];
    } finally {
      await server.close();
    }
  } finally {
    await light.close();
  }
}

async function measure(
  serverKind: OverheadServer,
  ctx: ClientContext,
  settings: BenchSettings['overhead'],
): Promise<OverheadRow[]> {
  const contenders = overheadContenders;
  const measured = contenders.filter((c) => c.role !== 'baseline');
  const clients = new Map<string, BenchClient>();
  for (const c of contenders) {
    const client = c.create(ctx);
    // Warm: token fetched, sockets open, code paths compiled.
    await closedLoop(client, settings.concurrency, Math.min(300, settings.durationMs));
    clients.set(c.id, client);
  }
  const rps = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const ratios = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const failed = new Map<string, number>(contenders.map((c) => [c.id, 0]));
  const run = async (c: Contender) => {
    const result = await closedLoop(
      clients.get(c.id) as BenchClient,
      settings.concurrency,
      settings.durationMs,
    );
    rps.get(c.id)?.push(result.requestsPerSecond);
    cpu.get(c.id)?.push(result.cpuMicrosPerRequest);
    failed.set(c.id, (failed.get(c.id) ?? 0) + result.failed);
    return result.requestsPerSecond;
  };
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const c of measured) {
      collectGarbage();
      const baseline = baselineFor(c);
      let own: number;
      let base: number;
      if (round % 2 === 0) {
        base = await run(baseline);
        own = await run(c);
      } else {
        own = await run(c);
        base = await run(baseline);
      }
      ratios.get(c.id)?.push(own / base);
    }
  }
  for (const client of clients.values()) await client.close();
  return contenders.map((c) => ({
    contender: c,
    server: serverKind,
    requestsPerSecond: median(rps.get(c.id) ?? []),
    cpuMicrosPerRequest: median(cpu.get(c.id) ?? []),
    ratio: c.role === 'baseline' ? 1 : median(ratios.get(c.id) ?? []),
    failed: failed.get(c.id) ?? 0,
  }));
}

/** The scenario's table. */
export function overheadTable(rows: OverheadRow[], settings: BenchSettings['overhead']): Table {
  return {
    title: `3. Interceptor overhead: ${settings.concurrency} concurrent workers, ${settings.rounds} paired rounds of ${settings.durationMs} ms`,
    caption:
      'Throughput through the auth layer ÷ static-header throughput on the same stack (median of paired rounds). Limit: 1.00×.',
    header: [
      'server',
      'library',
      'stack',
      'requests/s',
      'CPU µs/request',
      'vs static header',
      'failed',
    ],
    rows: rows.map((r) => [
      r.server === 'light' ? 'light node:http (other process)' : '@livedata/mock-server',
      r.contender.label,
      r.contender.transport,
      fmtCount(r.requestsPerSecond),
      fmtNumber(r.cpuMicrosPerRequest, 0),
      r.contender.role === 'baseline' ? '1.00× (baseline)' : fmtRatio(r.ratio),
      fmtCount(r.failed),
    ]),
    notes: [
      'Against the light server (a minimal node:http server in another process) the client is the bottleneck, and CPU µs/request is the client alone: the differences between rows are the auth layer. This is the figure the summary uses.',
      'Against @livedata/mock-server (in this process) CPU µs/request is client and server together, and the server’s own cost hides part of the client’s.',
    ],
  };
}
