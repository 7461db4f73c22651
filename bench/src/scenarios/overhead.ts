/**
 * Scenario 3, interceptor overhead: requests per second through each auth layer divided
 * by requests per second with a static header on the same HTTP stack, same server, same
 * run. Each round runs a library and its baseline back to back (alternating which goes
 * first) and takes their ratio; the median of the rounds' ratios is the figure, so load
 * from elsewhere on the machine cancels out instead of landing on one contender. The
 * limit is 1.00× (the layer costs nothing).
 */
import {
  type BenchClient,
  baselineFor,
  type Contender,
  libraries,
  staticAxios,
  staticFetch,
} from '../contenders.js';
import { closedLoop, collectGarbage } from '../load.js';
import { clientContext, startBenchServer } from '../mock.js';
import type { BenchSettings } from '../settings.js';
import { median } from '../stats.js';
import { fmtCount, fmtNumber, fmtRatio, type Table } from '../table.js';

/** One contender's throughput. */
export interface OverheadRow {
  contender: Contender;
  /** Median requests/s over the rounds. */
  requestsPerSecond: number;
  /** Median CPU µs per request (client + loopback server). */
  cpuMicrosPerRequest: number;
  /** Median of per-round throughput ratios against the same-stack baseline. */
  ratio: number;
  failed: number;
}

/** Runs every library and both baselines against one server with a long-lived token. */
export async function runOverhead(settings: BenchSettings['overhead']): Promise<OverheadRow[]> {
  const server = await startBenchServer();
  try {
    const ctx = await clientContext(server, 3600);
    const contenders = [staticFetch, staticAxios, ...libraries];
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
      for (const c of libraries) {
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
      requestsPerSecond: median(rps.get(c.id) ?? []),
      cpuMicrosPerRequest: median(cpu.get(c.id) ?? []),
      ratio: c.role === 'baseline' ? 1 : median(ratios.get(c.id) ?? []),
      failed: failed.get(c.id) ?? 0,
    }));
  } finally {
    await server.close();
  }
}

/** The scenario's table. */
export function overheadTable(rows: OverheadRow[], settings: BenchSettings['overhead']): Table {
  return {
    title: `3. Interceptor overhead: ${settings.concurrency} concurrent workers, ${settings.rounds} paired rounds of ${settings.durationMs} ms`,
    caption:
      'Throughput through the auth layer ÷ static-header throughput on the same stack (median of paired rounds). Limit: 1.00×.',
    header: ['library', 'stack', 'requests/s', 'CPU µs/request', 'vs static header', 'failed'],
    rows: rows.map((r) => [
      r.contender.label,
      r.contender.transport,
      fmtCount(r.requestsPerSecond),
      fmtNumber(r.cpuMicrosPerRequest, 0),
      r.contender.role === 'baseline' ? '1.00× (baseline)' : fmtRatio(r.ratio),
      fmtCount(r.failed),
    ]),
    notes: [
      'CPU µs/request is the whole process (client and the loopback mock server), so differences between rows are the auth layer.',
    ],
  };
}
