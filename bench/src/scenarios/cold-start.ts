/**
 * Scenario 1, cold start: a fresh client receives N concurrent requests. The limit is one
 * identity call and no failed request. Wall time is shown as a ratio against the
 * static-header baseline on the same HTTP stack, measured in the same run.
 */
import { baselineFor, type Contender, libraries, staticAxios, staticFetch } from '../contenders.js';
import { burst, collectGarbage } from '../load.js';
import { clientContext, startBenchServer, tally } from '../mock.js';
import { ratio } from '../stats.js';
import { fmtCount, fmtMs, fmtRatio, type Table } from '../table.js';

/** One contender's cold start. */
export interface ColdStartRow {
  contender: Contender;
  identityCalls: number;
  failed: number;
  unauthorized: number;
  wallMs: number;
  wallRatio: number;
}

async function measure(contender: Contender, requests: number) {
  const server = await startBenchServer();
  try {
    const ctx = await clientContext(server, 900);
    const client = contender.create(ctx);
    try {
      collectGarbage();
      const { statuses, wallMs } = await burst(client, requests);
      const seen = tally(server);
      return {
        identityCalls: seen.identityCalls,
        unauthorized: seen.unauthorized,
        failed: statuses.filter((s) => s !== 200).length,
        wallMs,
      };
    } finally {
      await client.close();
    }
  } finally {
    await server.close();
  }
}

/**
 * Runs the scenario for every library. Both stacks are warmed up first (JIT, sockets'
 * code paths), and each library's baseline burst runs right before it, so slow drift in
 * the machine's load affects a library and its baseline alike.
 */
export async function runColdStart(requests: number): Promise<ColdStartRow[]> {
  await measure(staticFetch, Math.min(requests, 1_000));
  await measure(staticAxios, Math.min(requests, 1_000));
  const rows: ColdStartRow[] = [];
  for (const contender of libraries) {
    const baseline = await measure(baselineFor(contender), requests);
    const result = await measure(contender, requests);
    rows.push({ contender, ...result, wallRatio: ratio(result.wallMs, baseline.wallMs) });
  }
  return rows;
}

/** The scenario's table. */
export function coldStartTable(rows: ColdStartRow[], requests: number): Table {
  return {
    title: `1. Cold start: ${fmtCount(requests)} concurrent requests on a fresh client`,
    caption:
      'Limit: 1 identity call, 0 failed requests. Wall time ÷ static-header baseline (same stack).',
    header: [
      'library',
      'identity calls',
      'failed requests',
      'API 401s',
      'wall time',
      'vs baseline',
    ],
    rows: rows.map((r) => [
      r.contender.label,
      fmtCount(r.identityCalls),
      fmtCount(r.failed),
      fmtCount(r.unauthorized),
      fmtMs(r.wallMs),
      fmtRatio(r.wallRatio),
    ]),
  };
}
