/**
 * Scenario 6, outage: the identity endpoint answers 503 for a window that starts after a
 * token was minted and ends before it expires. A library that keeps serving its valid
 * token and retries sensibly fails no API call. The limit is 0 failed calls.
 */
import { type Contender, libraries } from '../contenders.js';
import { stream } from '../load.js';
import { clientContext, startBenchServer, tally } from '../mock.js';
import type { BenchSettings } from '../settings.js';
import { fmtCount, type Table } from '../table.js';

/** One contender through the outage. */
export interface OutageRow {
  contender: Contender;
  requests: number;
  failed: number;
  identityCalls: number;
  unauthorized: number;
}

async function runOne(contender: Contender, settings: BenchSettings['outage']): Promise<OutageRow> {
  const server = await startBenchServer();
  try {
    const ctx = await clientContext(server, settings.tokenTtlSeconds);
    const client = contender.create(ctx);
    try {
      await client.request(); // the token is minted now
      server.resetRequests();
      const samples = await stream(client, {
        ratePerSecond: settings.ratePerSecond,
        durationMs: settings.tokenTtlSeconds * 1000 + settings.tailMs,
        graceMs: 5_000,
        events: [
          {
            atMs: settings.startMs,
            run: () => server.inject('identity', { kind: 'status', status: 503 }),
          },
          { atMs: settings.endMs, run: () => server.clearFaults() },
        ],
      });
      const seen = tally(server);
      return {
        contender,
        requests: samples.length,
        failed: samples.filter((s) => s.status !== 200).length,
        identityCalls: seen.identityCalls,
        unauthorized: seen.unauthorized,
      };
    } finally {
      await client.close();
    }
  } finally {
    await server.close();
  }
}

/** Runs every library at once, each against its own server. */
export async function runOutage(settings: BenchSettings['outage']): Promise<OutageRow[]> {
  return Promise.all(libraries.map((c) => runOne(c, settings)));
}

/** The scenario's table. */
export function outageTable(rows: OutageRow[], settings: BenchSettings['outage']): Table {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    title: `6. Outage: identity answers 503 from ${s(settings.startMs)} to ${s(settings.endMs)} of a ${settings.tokenTtlSeconds} s token`,
    caption: 'Limit: 0 failed API calls (the outage ends before the token expires).',
    header: ['library', 'API calls', 'failed', 'API 401s', 'identity calls (incl. 503s)'],
    rows: rows.map((r) => [
      r.contender.label,
      fmtCount(r.requests),
      fmtCount(r.failed),
      fmtCount(r.unauthorized),
      fmtCount(r.identityCalls),
    ]),
  };
}
