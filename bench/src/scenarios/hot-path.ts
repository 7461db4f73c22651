/**
 * Scenario 4, hot path: the cost of one cached `getAccessToken()` call, in ns per call,
 * divided by the cost of awaiting `Promise.resolve(constant)` measured the same way in the
 * same run. Best of several rounds, which is the least noisy estimate of a tight loop.
 */
import { performance } from 'node:perf_hooks';
import { type Contender, libraries } from '../contenders.js';
import { collectGarbage } from '../load.js';
import { clientContext, startBenchServer } from '../mock.js';
import type { BenchSettings } from '../settings.js';
import { ratio } from '../stats.js';
import { fmtNumber, fmtRatio, type Table } from '../table.js';

/** One getter's cost. */
export interface HotPathRow {
  label: string;
  nsPerCall: number;
  ratio: number;
}

async function nsPerCall(
  getter: () => Promise<string>,
  iterations: number,
  rounds: number,
): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    collectGarbage();
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) await getter();
    best = Math.min(best, ((performance.now() - start) * 1e6) / iterations);
  }
  return best;
}

/** Runs every library that has a token getter, plus the baseline. */
export async function runHotPath(settings: BenchSettings['hotPath']): Promise<HotPathRow[]> {
  const server = await startBenchServer();
  try {
    const ctx = await clientContext(server, 3600);
    const constant = ctx.staticToken;
    const baselineNs = await nsPerCall(
      () => Promise.resolve(constant),
      settings.iterations,
      settings.rounds,
    );
    const rows: HotPathRow[] = [
      { label: 'baseline: await Promise.resolve(constant)', nsPerCall: baselineNs, ratio: 1 },
    ];
    // @livedata/axios uses the same TokenManager as @livedata/core: measured once.
    const measured = libraries.filter((c: Contender) => c.id !== 'livedata-axios');
    for (const contender of measured) {
      const client = contender.create(ctx);
      try {
        const getter = client.getAccessToken;
        if (!getter) {
          rows.push({
            label: `${contender.label} (no token getter)`,
            nsPerCall: Number.NaN,
            ratio: Number.NaN,
          });
          continue;
        }
        await getter();
        const ns = await nsPerCall(getter, settings.iterations, settings.rounds);
        rows.push({ label: contender.label, nsPerCall: ns, ratio: ratio(ns, baselineNs) });
      } finally {
        await client.close();
      }
    }
    return rows;
  } finally {
    await server.close();
  }
}

/** The scenario's table. */
export function hotPathTable(rows: HotPathRow[], settings: BenchSettings['hotPath']): Table {
  return {
    title: `4. Hot path: cached getAccessToken(), ${settings.iterations.toLocaleString('en-US')} calls, best of ${settings.rounds}`,
    caption: 'Cost per call ÷ the cost of awaiting a resolved promise, same loop, same run.',
    header: ['getter', 'ns/call', 'vs baseline'],
    rows: rows.map((r) => [r.label, fmtNumber(r.nsPerCall, 1), fmtRatio(r.ratio)]),
  };
}
