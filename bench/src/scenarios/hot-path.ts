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

/** The row every other is divided by. */
export const BASELINE_LABEL = 'baseline: await Promise.resolve(constant)';
/** The baseline plus one `Date.now()`: the least a getter that checks expiry can cost. */
export const CLOCK_FLOOR_LABEL = 'floor: one Date.now() + await Promise.resolve(constant)';

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
  // Warm first: the first getter measured would otherwise pay for compiling the loop, which
  // inflates the baseline and so flatters every ratio (most in --quick, with few rounds).
  for (let i = 0; i < Math.min(iterations, 50_000); i += 1) await getter();
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
    // What a getter that must read the clock once per call cannot go below: a cached token
    // is only served while fresh, which takes one read of the clock.
    const clockNs = await nsPerCall(
      () => {
        Date.now();
        return Promise.resolve(constant);
      },
      settings.iterations,
      settings.rounds,
    );
    const rows: HotPathRow[] = [
      { label: BASELINE_LABEL, nsPerCall: baselineNs, ratio: 1 },
      { label: CLOCK_FLOOR_LABEL, nsPerCall: clockNs, ratio: ratio(clockNs, baselineNs) },
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
    caption:
      'Cost per call ÷ the cost of awaiting a resolved promise, same loop, same run, in a fresh Node process of its own (a tight loop measured after the other scenarios depends on the JIT state they leave).',
    header: ['getter', 'ns/call', 'vs baseline'],
    rows: rows.map((r) => [r.label, fmtNumber(r.nsPerCall, 1), fmtRatio(r.ratio)]),
  };
}
