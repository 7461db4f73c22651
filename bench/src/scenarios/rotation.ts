/**
 * Scenario 2, rotation: a steady request stream runs across the token's expiry while the
 * identity endpoint takes 200 ms to answer. Latency is compared with the static-header
 * baseline on the same stack, run at the same time on its own server; the API's 401s are
 * counted by the server. Limits: no added wait, no 401.
 */
import { baselineFor, type Contender, libraries, staticAxios, staticFetch } from '../contenders.js';
import { collectGarbage, type Sample, stream, TIMED_OUT } from '../load.js';
import { clientContext, startBenchServer, tally } from '../mock.js';
import type { BenchSettings } from '../settings.js';
import { type LatencySummary, summarize } from '../stats.js';
import { fmtCount, fmtDeltaMs, fmtMs, type Table } from '../table.js';

/** One contender's stream across a rotation. */
export interface RotationRun {
  contender: Contender;
  samples: Sample[];
  latency: LatencySummary;
  identityCalls: number;
  unauthorized: number;
  failed: number;
  /** Requests still unanswered 5 s after the stream ended (counted in `failed` too). */
  timedOut: number;
  /** Requests slower than half the identity latency above the baseline's worst. */
  stalled: number;
  /** Stalled requests that were in flight during a sign-in: the wait the library caused. */
  waitedForSignIn: number;
  /** Stalled requests outside any sign-in: the machine, not the auth layer. */
  otherStalls: number;
  /** Sign-in windows, ms since the stream started: [arrived, answered]. */
  signIns: (readonly [number, number])[];
}

/** Result of the scenario: every library and both baselines. */
export interface RotationResult {
  runs: RotationRun[];
  tokenTtlSeconds: number;
  identityLatencyMs: number;
  sequential: boolean;
  repetitions: number;
}

async function runOne(contender: Contender, settings: BenchSettings['rotation']) {
  const server = await startBenchServer();
  try {
    const ctx = await clientContext(server, settings.tokenTtlSeconds);
    server.inject('identity', { kind: 'latency', ms: settings.identityLatencyMs });
    const client = contender.create(ctx);
    try {
      // Warm up: the first token is minted now, so the stream below crosses its expiry.
      await client.request();
      server.resetRequests();
      collectGarbage();
      const startedAt = Date.now();
      const samples = await stream(client, {
        ratePerSecond: settings.ratePerSecond,
        durationMs: settings.tokenTtlSeconds * 1000 + settings.tailMs,
        graceMs: 5_000,
      });
      const seen = tally(server);
      // Sign-in windows on the same clock as the samples (the mock's clock is not offset here).
      const signIns = server.requests
        .filter((r) => r.route === 'identity')
        .map((r) => [r.at - startedAt, r.at - startedAt + settings.identityLatencyMs] as const);
      return {
        contender,
        samples,
        signIns,
        latency: summarize(samples.map((s) => s.latencyMs)),
        identityCalls: seen.identityCalls,
        unauthorized: seen.unauthorized,
        failed: samples.filter((s) => s.status !== 200).length,
        timedOut: samples.filter((s) => s.status === TIMED_OUT).length,
        stalled: 0,
        waitedForSignIn: 0,
        otherStalls: 0,
      } satisfies RotationRun;
    } finally {
      await client.close();
    }
  } finally {
    await server.close();
  }
}

function markStalls(runs: RotationRun[], identityLatencyMs: number): void {
  for (const run of runs) {
    const baseline = runs.find((r) => r.contender.id === baselineFor(run.contender).id);
    const threshold = (baseline?.latency.max ?? 0) + identityLatencyMs / 2;
    const stalled = run.samples.filter((s) => s.latencyMs > threshold);
    run.stalled = stalled.length;
    run.otherStalls = 0;
    // Slack of 20 ms either side for the two clocks (performance.now and Date.now).
    run.waitedForSignIn = stalled.filter((s) =>
      run.signIns.some(([from, to]) => s.at <= to + 20 && s.at + s.latencyMs >= from - 20),
    ).length;
    run.otherStalls = run.stalled - run.waitedForSignIn;
  }
}

/**
 * Runs every library and both baselines, each against its own server: one after another
 * (full run) or all at once (quick), `repetitions` times. Per contender, the latency of
 * the repetition with the lowest p99 is kept (a burst of load elsewhere on the machine
 * only ever adds latency), while 401s, waits for a sign-in and failures are the worst of
 * the repetitions, so a repetition cannot hide a behaviour.
 */
export async function runRotation(settings: BenchSettings['rotation']): Promise<RotationResult> {
  const contenders = [staticFetch, staticAxios, ...libraries];
  const repetitions: RotationRun[][] = [];
  for (let rep = 0; rep < settings.repetitions; rep += 1) {
    const runs: RotationRun[] = [];
    if (settings.sequential) {
      for (const c of contenders) runs.push(await runOne(c, settings));
    } else {
      runs.push(...(await Promise.all(contenders.map((c) => runOne(c, settings)))));
    }
    markStalls(runs, settings.identityLatencyMs);
    repetitions.push(runs);
  }
  const runs = contenders.map((c) => {
    const all = repetitions.map((runs) => runs.find((r) => r.contender.id === c.id) as RotationRun);
    const best = [...all].sort((a, b) => a.latency.p99 - b.latency.p99)[0] as RotationRun;
    return {
      ...best,
      unauthorized: Math.max(...all.map((r) => r.unauthorized)),
      waitedForSignIn: Math.max(...all.map((r) => r.waitedForSignIn)),
      failed: Math.max(...all.map((r) => r.failed)),
      timedOut: Math.max(...all.map((r) => r.timedOut)),
    };
  });
  return {
    runs,
    tokenTtlSeconds: settings.tokenTtlSeconds,
    identityLatencyMs: settings.identityLatencyMs,
    sequential: settings.sequential,
    repetitions: settings.repetitions,
  };
}

/** The scenario's table. */
export function rotationTable(result: RotationResult): Table {
  const rows: string[][] = [];
  for (const run of result.runs) {
    if (run.contender.role === 'baseline') continue;
    const baseline = result.runs.find((r) => r.contender.id === baselineFor(run.contender).id);
    const delta = (pick: keyof LatencySummary) =>
      fmtDeltaMs(run.latency[pick] - (baseline?.latency[pick] ?? Number.NaN));
    rows.push([
      run.contender.label,
      delta('p50'),
      delta('p99'),
      delta('max'),
      fmtCount(run.waitedForSignIn),
      fmtCount(run.otherStalls),
      fmtCount(run.unauthorized),
      fmtCount(run.failed),
      fmtCount(run.identityCalls),
    ]);
  }
  const baselines = result.runs
    .filter((r) => r.contender.role === 'baseline')
    .map(
      (r) =>
        `${r.contender.label}: p50 ${fmtMs(r.latency.p50)}, p99 ${fmtMs(r.latency.p99)}, max ${fmtMs(r.latency.max)}`,
    );
  return {
    title: `2. Rotation: ${result.runs[0]?.samples.length ?? 0} requests across expiry (token ${result.tokenTtlSeconds} s, identity latency ${result.identityLatencyMs} ms, ${result.sequential ? 'one contender at a time' : 'all contenders at once'}${result.repetitions > 1 ? `, best of ${result.repetitions}` : ''})`,
    caption:
      'Limit: no request waits for a sign-in, 0 API 401s. Added = library − static-header baseline on the same stack, same run. Latency from the repetition with the lowest p99; 401s, waits and failures are the worst repetition.',
    header: [
      'library',
      'added p50',
      'added p99',
      'added max',
      'waited for sign-in',
      'other stalls',
      'API 401s',
      'failed',
      'identity calls',
    ],
    rows,
    notes: [
      `Baselines: ${baselines.join('; ')}.`,
      `A request "waited for sign-in" when it was slower than its baseline's max + ${result.identityLatencyMs / 2} ms and in flight during an identity call; "other stalls" are equally slow requests outside any identity call (the machine, not the auth layer).`,
    ],
  };
}
