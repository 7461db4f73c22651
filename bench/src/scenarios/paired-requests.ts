/**
 * Scenario 3a, cost per request: each library and the static-header baseline of its stack
 * send requests one at a time, alternating (A B, B A, A B, …), against the light server;
 * the figure is the baseline's median latency ÷ the library's (1.00× = costs nothing; at
 * one request at a time that is also the throughput ratio). Alternating request by request
 * puts both sides of every pair in the same moment of the machine, and the median ignores
 * the stalls (a collection, a preempted vCPU) that land on either side at random.
 *
 * Why not the throughput rounds of scenario 3: on a two-core VM, an A/A control (the
 * baseline against a second copy of itself) measured per-round ratios from 0.65× to 2.13×
 * in 600 ms rounds of 16 workers, and medians of 20 rounds 1.03× to 1.05×: no resolution
 * for a 1–3 % target. The same control here stays within half a percent of 1.00×, and the
 * table shows it for each stack in the run itself.
 */
import { performance } from 'node:perf_hooks';
import {
  type BenchClient,
  baselineFor,
  type ClientContext,
  type Contender,
} from '../contenders.js';
import type { BenchSettings } from '../settings.js';
import { median } from '../stats.js';
import { fmtNumber, fmtRatio, type Table } from '../table.js';

/** One library (or an A/A control) against its baseline. */
export interface PairedRow {
  contender: Contender;
  /** `true` for the baseline measured against a second copy of itself. */
  control: boolean;
  pairs: number;
  /** Median latency of this side, µs. */
  medianMicros: number;
  /** Median latency of the baseline in the same pairs, µs. */
  baselineMedianMicros: number;
  /** Baseline median ÷ this median: 1.00× costs nothing, below 1 costs more. */
  ratio: number;
  /** Requests that did not answer 200, either side. */
  failed: number;
}

async function timed(client: BenchClient): Promise<{ micros: number; ok: boolean }> {
  const start = performance.now();
  const status = await client.request();
  return { micros: (performance.now() - start) * 1000, ok: status === 200 };
}

async function pairUp(
  own: BenchClient,
  baseline: BenchClient,
  settings: BenchSettings['pairedRequests'],
): Promise<Omit<PairedRow, 'contender' | 'control'>> {
  for (let i = 0; i < settings.warmupPairs; i += 1) {
    await own.request();
    await baseline.request();
  }
  const ownMicros: number[] = [];
  const baseMicros: number[] = [];
  let failed = 0;
  for (let i = 0; i < settings.pairs; i += 1) {
    const ownFirst = i % 2 === 0;
    const first = await timed(ownFirst ? own : baseline);
    const second = await timed(ownFirst ? baseline : own);
    ownMicros.push(ownFirst ? first.micros : second.micros);
    baseMicros.push(ownFirst ? second.micros : first.micros);
    if (!first.ok) failed += 1;
    if (!second.ok) failed += 1;
  }
  const medianMicros = median(ownMicros);
  const baselineMedianMicros = median(baseMicros);
  return {
    pairs: settings.pairs,
    medianMicros,
    baselineMedianMicros,
    ratio: baselineMedianMicros / medianMicros,
    failed,
  };
}

/**
 * Pairs each of `contenders` with its baseline, and each baseline with a second copy of
 * itself (the A/A control that shows this run's resolution).
 */
export async function runPairedRequests(
  contenders: readonly Contender[],
  ctx: ClientContext,
  settings: BenchSettings['pairedRequests'],
): Promise<PairedRow[]> {
  const rows: PairedRow[] = [];
  const baselines = [...new Set(contenders.map(baselineFor))];
  const measure = async (contender: Contender, control: boolean) => {
    const own = contender.create(ctx);
    const baseline = baselineFor(contender).create(ctx);
    try {
      rows.push({ contender, control, ...(await pairUp(own, baseline, settings)) });
    } finally {
      await own.close();
      await baseline.close();
    }
  };
  for (const baseline of baselines) await measure(baseline, true);
  for (const contender of contenders) await measure(contender, false);
  return rows;
}

/** The A/A control of `contender`'s stack in `rows`, if it ran. */
export function controlFor(
  rows: readonly PairedRow[],
  contender: Contender,
): PairedRow | undefined {
  const baseline = baselineFor(contender);
  return rows.find((r) => r.control && r.contender.id === baseline.id);
}

/** The scenario's table. */
export function pairedRequestsTable(
  rows: PairedRow[],
  settings: BenchSettings['pairedRequests'],
): Table {
  return {
    title: `3a. Cost per request: ${fmtNumber(settings.pairs, 0)} alternating pairs, one request at a time, light server`,
    caption:
      'Median latency of the static header on the same stack ÷ the library’s, in the same pairs. Limit: 1.00×. The A/A rows pair the baseline with a second copy of itself: how far from 1.00× this run can tell.',
    header: ['library', 'stack', 'median µs', 'baseline median µs', 'vs static header', 'failed'],
    rows: rows.map((r) => [
      r.control ? `A/A control: ${r.contender.label} vs itself` : r.contender.label,
      r.contender.transport,
      fmtNumber(r.medianMicros, 0),
      fmtNumber(r.baselineMedianMicros, 0),
      fmtRatio(r.ratio, 3),
      String(r.failed),
    ]),
    notes: [
      'Runs in the same fresh, pinned process as scenario 3, against the same light server. The targets of issue #16 read their throughput ratios from here: at one request at a time, throughput is 1 ÷ latency.',
    ],
  };
}
