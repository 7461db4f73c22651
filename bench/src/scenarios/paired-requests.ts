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
  /** Median latency of this side over all its pairs, µs. */
  medianMicros: number;
  /** Median latency of the baseline in the same pairs, µs. */
  baselineMedianMicros: number;
  /**
   * Baseline median ÷ this median, the median over the blocks: 1.00× costs nothing, below 1
   * costs more.
   */
  ratio: number;
  /** The same ratio within each block, in the order the blocks ran. */
  blockRatios: number[];
  /** Requests that did not answer 200, either side. */
  failed: number;
}

async function timed(client: BenchClient): Promise<{ micros: number; ok: boolean }> {
  const start = performance.now();
  const status = await client.request();
  return { micros: (performance.now() - start) * 1000, ok: status === 200 };
}

/** One row's two clients and what their pairs measured so far. */
interface PairedSides {
  contender: Contender;
  control: boolean;
  own: BenchClient;
  baseline: BenchClient;
  ownMicros: number[];
  baseMicros: number[];
  /** Baseline median ÷ own median, per block. */
  blockRatios: number[];
  failed: number;
}

/** Untimed pairs before a later block: the row's clients were idle while the others ran. */
const REWARM_PAIRS = 50;

async function measureBlock(sides: PairedSides, pairs: number, warmupPairs: number) {
  const { own, baseline } = sides;
  for (let i = 0; i < warmupPairs; i += 1) {
    await own.request();
    await baseline.request();
  }
  const ownMicros: number[] = [];
  const baseMicros: number[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const ownFirst = i % 2 === 0;
    const first = await timed(ownFirst ? own : baseline);
    const second = await timed(ownFirst ? baseline : own);
    ownMicros.push(ownFirst ? first.micros : second.micros);
    baseMicros.push(ownFirst ? second.micros : first.micros);
    if (!first.ok) sides.failed += 1;
    if (!second.ok) sides.failed += 1;
  }
  sides.ownMicros.push(...ownMicros);
  sides.baseMicros.push(...baseMicros);
  sides.blockRatios.push(median(baseMicros) / median(ownMicros));
}

/**
 * Pairs each of `contenders` with its baseline, and each baseline with a second copy of
 * itself (the A/A control that shows this run's resolution). The pairs of every row are
 * taken in blocks, in turn across all rows, so that a slow stretch of the machine (which
 * on a shared VM can double every latency for a while) falls on every row alike instead of
 * flattening one row's ratio towards 1.00×. A row's figure is the median of its per-block
 * ratios, so one block in such a stretch does not move it.
 */
export async function runPairedRequests(
  contenders: readonly Contender[],
  ctx: ClientContext,
  settings: BenchSettings['pairedRequests'],
): Promise<PairedRow[]> {
  const baselines = [...new Set(contenders.map(baselineFor))];
  const rows = [
    ...baselines.map((contender) => ({ contender, control: true })),
    ...contenders.map((contender) => ({ contender, control: false })),
  ];
  const all: PairedSides[] = [];
  try {
    for (const row of rows) {
      all.push({
        ...row,
        own: row.contender.create(ctx),
        baseline: baselineFor(row.contender).create(ctx),
        ownMicros: [],
        baseMicros: [],
        blockRatios: [],
        failed: 0,
      });
    }
    const blocks = Math.max(1, settings.blocks);
    const perBlock = Math.ceil(settings.pairs / blocks);
    for (let block = 0; block < blocks; block += 1) {
      for (const sides of all) {
        const warmup =
          block === 0 ? settings.warmupPairs : Math.min(REWARM_PAIRS, settings.warmupPairs);
        await measureBlock(sides, perBlock, warmup);
      }
    }
  } finally {
    for (const sides of all) {
      await sides.own.close();
      await sides.baseline.close();
    }
  }
  return all.map((sides) => {
    const medianMicros = median(sides.ownMicros);
    const baselineMedianMicros = median(sides.baseMicros);
    return {
      contender: sides.contender,
      control: sides.control,
      pairs: sides.ownMicros.length,
      medianMicros,
      baselineMedianMicros,
      ratio: median(sides.blockRatios),
      blockRatios: sides.blockRatios,
      failed: sides.failed,
    };
  });
}

/** The A/A control of `contender`'s stack in `rows`, if it ran. */
export function controlFor(
  rows: readonly PairedRow[],
  contender: Contender,
): PairedRow | undefined {
  const baseline = baselineFor(contender);
  return rows.find((r) => r.control && r.contender.id === baseline.id);
}

/** `0.981×–0.994×`: the lowest and highest per-block ratio. */
function blockRange(ratios: readonly number[]): string {
  if (ratios.length === 0) return '–';
  return `${fmtRatio(Math.min(...ratios), 3)}–${fmtRatio(Math.max(...ratios), 3)}`;
}

/** The scenario's table. */
export function pairedRequestsTable(
  rows: PairedRow[],
  settings: BenchSettings['pairedRequests'],
): Table {
  return {
    title: `3a. Cost per request: ${fmtNumber(settings.pairs, 0)} alternating pairs, one request at a time, light server`,
    caption: `Median latency of the static header on the same stack ÷ the library’s, in the same pairs. Limit: 1.00×. The A/A rows pair the baseline with a second copy of itself: how far from 1.00× this run can tell. Each row's pairs are taken in ${settings.blocks} blocks, in turn across all rows, so a slow stretch of the machine falls on every row alike; the ratio is the median of the per-block ratios, whose range is the last column.`,
    header: [
      'library',
      'stack',
      'median µs',
      'baseline median µs',
      'vs static header',
      'failed',
      'per block',
    ],
    rows: rows.map((r) => [
      r.control ? `A/A control: ${r.contender.label} vs itself` : r.contender.label,
      r.contender.transport,
      fmtNumber(r.medianMicros, 0),
      fmtNumber(r.baselineMedianMicros, 0),
      fmtRatio(r.ratio, 3),
      String(r.failed),
      blockRange(r.blockRatios),
    ]),
    notes: [
      'Runs in the same fresh, pinned process as scenario 3, against the same light server. The targets of issue #16 read their throughput ratios from here: at one request at a time, throughput is 1 ÷ latency.',
    ],
  };
}
