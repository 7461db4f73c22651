/**
 * Scenario 3, interceptor overhead: requests per second through each auth layer divided
 * by requests per second with a static header on the same HTTP stack, same server, same
 * run. Each round runs a library and its baseline back to back (alternating which goes
 * first, with a full garbage collection before each) and takes their ratio; the median of
 * the rounds' ratios is the figure, so load from elsewhere on the machine cancels out
 * instead of landing on one contender. The limit is 1.00× (the layer costs nothing).
 *
 * It runs against two servers: a minimal `node:http` server in its own process (`light`:
 * the client is the bottleneck, and the CPU time measured is the client's alone), and
 * `@livedata/mock-server` in this process (`mock`: a realistic API, whose own cost hides
 * part of the client's). `run.ts` runs it in a fresh process of its own, with client and
 * light server on separate cores where the machine allows (`overhead-process.ts`).
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
import { type PairedRow, runPairedRequests } from './paired-requests.js';

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
  /**
   * Median of per-round CPU ratios, baseline CPU µs/request ÷ this row's: the same question
   * asked of the client's CPU instead of the clock (1.00× = costs nothing; below 1, costs more).
   */
  cpuRatio: number;
  failed: number;
}

/** What scenarios 3 and 3a measured. */
export interface OverheadMeasurements {
  throughput: OverheadRow[];
  paired: PairedRow[];
}

/**
 * Runs every library and both baselines against each server with a long-lived token, and
 * the paired requests of scenario 3a against the light server (on `serverCpu` when given).
 */
export async function runOverhead(
  settings: BenchSettings['overhead'],
  pairedSettings: BenchSettings['pairedRequests'],
  options: { serverCpu?: number } = {},
): Promise<OverheadMeasurements> {
  const light = await startLightServer({ cpu: options.serverCpu });
  try {
    const session = await loginWithFetch(light.url, credentials);
    const ctx = { baseUrl: light.url, credentials, staticToken: session.accessToken };
    const lightRows = await measure('light', ctx, settings.durationMs, settings);
    const measured = overheadContenders.filter((c) => c.role !== 'baseline');
    const paired = await runPairedRequests(measured, ctx, pairedSettings);
    const server = await startBenchServer();
    try {
      const mockRows = await measure(
        'mock',
        await clientContext(server, 3600),
        settings.mockDurationMs,
        {
          ...settings,
          rounds: settings.mockRounds,
        },
      );
      return { throughput: [...lightRows, ...mockRows], paired };
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
  durationMs: number,
  settings: { concurrency: number; rounds: number },
): Promise<OverheadRow[]> {
  const contenders = overheadContenders;
  const measured = contenders.filter((c) => c.role !== 'baseline');
  const clients = new Map<string, BenchClient>();
  for (const c of contenders) {
    const client = c.create(ctx);
    // Warm: token fetched, sockets open, code paths compiled.
    await closedLoop(client, settings.concurrency, Math.min(300, durationMs));
    clients.set(c.id, client);
  }
  const rps = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const ratios = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const cpuRatios = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  const failed = new Map<string, number>(contenders.map((c) => [c.id, 0]));
  const run = async (c: Contender) => {
    // Each run starts from a collected heap, so neither side of a pair inherits the other's
    // garbage.
    collectGarbage();
    const result = await closedLoop(
      clients.get(c.id) as BenchClient,
      settings.concurrency,
      durationMs,
    );
    rps.get(c.id)?.push(result.requestsPerSecond);
    cpu.get(c.id)?.push(result.cpuMicrosPerRequest);
    failed.set(c.id, (failed.get(c.id) ?? 0) + result.failed);
    return result;
  };
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const c of measured) {
      const baseline = baselineFor(c);
      let base: Awaited<ReturnType<typeof run>>;
      let own: Awaited<ReturnType<typeof run>>;
      if (round % 2 === 0) {
        base = await run(baseline);
        own = await run(c);
      } else {
        own = await run(c);
        base = await run(baseline);
      }
      ratios.get(c.id)?.push(own.requestsPerSecond / base.requestsPerSecond);
      cpuRatios.get(c.id)?.push(base.cpuMicrosPerRequest / own.cpuMicrosPerRequest);
    }
  }
  for (const client of clients.values()) await client.close();
  return contenders.map((c) => ({
    contender: c,
    server: serverKind,
    requestsPerSecond: median(rps.get(c.id) ?? []),
    cpuMicrosPerRequest: median(cpu.get(c.id) ?? []),
    ratio: c.role === 'baseline' ? 1 : median(ratios.get(c.id) ?? []),
    cpuRatio: c.role === 'baseline' ? 1 : median(cpuRatios.get(c.id) ?? []),
    failed: failed.get(c.id) ?? 0,
  }));
}

/**
 * The scenario's table; `placement` says where client and light server ran (see
 * `cpu-pinning.ts`).
 */
export function overheadTable(
  rows: OverheadRow[],
  settings: BenchSettings['overhead'],
  placement: string,
): Table {
  return {
    title: `3. Interceptor overhead: ${settings.concurrency} concurrent workers; light server ${settings.rounds} paired rounds of ${settings.durationMs} ms, mock server ${settings.mockRounds} of ${settings.mockDurationMs} ms`,
    caption:
      'Throughput through the auth layer ÷ static-header throughput on the same stack (median of paired rounds), and the same ratio of client CPU per request. Limit: 1.00×.',
    header: [
      'server',
      'library',
      'stack',
      'requests/s',
      'CPU µs/request',
      'vs static header',
      'CPU vs static header',
      'failed',
    ],
    rows: rows.map((r) => [
      r.server === 'light' ? 'light node:http (other process)' : '@livedata/mock-server',
      r.contender.label,
      r.contender.transport,
      fmtCount(r.requestsPerSecond),
      fmtNumber(r.cpuMicrosPerRequest, 0),
      r.contender.role === 'baseline' ? '1.00× (baseline)' : fmtRatio(r.ratio),
      r.contender.role === 'baseline' ? '1.00× (baseline)' : fmtRatio(r.cpuRatio),
      fmtCount(r.failed),
    ]),
    notes: [
      `The scenario runs in a fresh process of its own; ${placement}.`,
      'Against the light server (a minimal node:http server in another process) the client is the bottleneck, and CPU µs/request is the client alone: the differences between rows are the auth layer. This is the figure the summary uses.',
      'Against @livedata/mock-server (in this process) CPU µs/request is client and server together, and the server’s own cost hides part of the client’s.',
    ],
  };
}
