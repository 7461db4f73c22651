/**
 * Load shapes the scenarios use: a burst of concurrent requests, an open-loop stream at a
 * fixed rate (latency is measured from the moment a request was due, so a stalled client
 * cannot hide its stall by sending less), and a closed loop for throughput.
 */
import { performance } from 'node:perf_hooks';
import type { BenchClient } from './contenders.js';

/**
 * A full garbage collection, when the process runs with `--expose-gc` (the bench scripts
 * do), so one contender's garbage is not collected during another's measurement.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One request of a stream. */
export interface Sample {
  /** When it was sent, ms since the stream started. */
  at: number;
  latencyMs: number;
  status: number;
}

/** Fires `count` requests at once and waits for all of them. */
export async function burst(
  client: BenchClient,
  count: number,
): Promise<{ statuses: number[]; wallMs: number }> {
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: count }, () => client.request()));
  return { statuses, wallMs: performance.now() - started };
}

/** Status recorded for a request still unanswered when a stream's grace period ends. */
export const TIMED_OUT = -1;

/**
 * Sends one request every `1000 / ratePerSecond` ms for `durationMs`, then waits up to
 * `graceMs` (default 10 s) for the stragglers; any still pending are recorded with status
 * {@link TIMED_OUT} and the latency they had reached, so a client that queues without
 * bound cannot stretch the run. Optional `events` run at their offset (e.g. an outage).
 */
export async function stream(
  client: BenchClient,
  options: {
    ratePerSecond: number;
    durationMs: number;
    events?: { atMs: number; run: () => void }[];
    graceMs?: number;
  },
): Promise<Sample[]> {
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor(options.durationMs / interval);
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const events = [...(options.events ?? [])].sort((a, b) => a.atMs - b.atMs);
  for (let i = 0; i < total; i += 1) {
    const due = i * interval;
    const wait = due - (performance.now() - start);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (events.length > 0 && (events[0]?.atMs ?? Number.POSITIVE_INFINITY) <= due) {
      events.shift()?.run();
    }
    pending.push(
      client.request().then((status) => {
        samples.push({ at: due, latencyMs: performance.now() - start - due, status });
      }),
    );
  }
  for (const event of events) event.run();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.graceMs ?? 10_000);
  });
  await Promise.race([Promise.all(pending), grace]);
  clearTimeout(timer);
  const answered = new Set(samples.map((s) => s.at));
  const end = performance.now() - start;
  const result = [...samples];
  for (let i = 0; i < total; i += 1) {
    const due = i * interval;
    if (!answered.has(due)) result.push({ at: due, latencyMs: end - due, status: TIMED_OUT });
  }
  return result.sort((a, b) => a.at - b.at);
}

/**
 * `concurrency` workers send back-to-back requests for `durationMs`. Returns requests/s
 * and the process CPU time per request (client and loopback server together, since both
 * run here), which a busy neighbour on the machine disturbs less than wall time.
 */
export async function closedLoop(
  client: BenchClient,
  concurrency: number,
  durationMs: number,
): Promise<{
  completed: number;
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
  failed: number;
}> {
  let completed = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const status = await client.request();
      completed += 1;
      if (status !== 200) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    completed,
    requestsPerSecond: (completed / elapsed) * 1000,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, completed),
    failed,
  };
}
