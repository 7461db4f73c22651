import type { Contender } from '../contenders.js';
import type { BenchReport } from '../report.js';
import type { OverheadRow, OverheadServer } from '../scenarios/overhead.js';
import type { PairedRow } from '../scenarios/paired-requests.js';
import { quickSettings } from '../settings.js';

/** A report of a run in which nothing ran but what `overrides` adds. */
export function benchReport(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    settings: quickSettings,
    machine: { os: 'TestOS', cpu: 'Test CPU', cores: 2, memoryGiB: 4, node: 'v20.19.0' },
    versions: { axios: '1.0.0' },
    startedAt: '2026-01-01T00:00:00.000Z',
    errors: [],
    ...overrides,
  };
}

/** An overhead row whose throughput and CPU ratios are both `ratio`. */
export function overheadRow(
  contender: Contender,
  ratio: number,
  server: OverheadServer = 'light',
): OverheadRow {
  return {
    contender,
    server,
    requestsPerSecond: 1000 * ratio,
    cpuMicrosPerRequest: 100 / ratio,
    ratio,
    cpuRatio: ratio,
    failed: 0,
  };
}

/** A paired-requests row (scenario 3a) with `ratio`, or an A/A control of a baseline. */
export function pairedRow(contender: Contender, ratio: number, control = false): PairedRow {
  return {
    contender,
    control,
    pairs: 1000,
    medianMicros: 500 / ratio,
    baselineMedianMicros: 500,
    ratio,
    blockRatios: [ratio, ratio],
    failed: 0,
  };
}
