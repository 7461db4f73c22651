import { describe, expect, it } from 'vitest';
import {
  type Contender,
  liveDataAxios,
  liveDataCore,
  liveDataHeaderFetch,
  staticAxios,
  staticFetch,
} from '../contenders.js';
import { type BenchReport, gapNotes, renderBenchmarksMarkdown, targetsTable } from '../report.js';
import { CLOCK_FLOOR_LABEL } from '../scenarios/hot-path.js';
import type { OverheadRow, OverheadServer } from '../scenarios/overhead.js';
import type { RotationRun } from '../scenarios/rotation.js';
import { quickSettings } from '../settings.js';
import { summarize } from '../stats.js';

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    settings: quickSettings,
    machine: { os: 'TestOS', cpu: 'Test CPU', cores: 2, memoryGiB: 4, node: 'v20.19.0' },
    versions: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    errors: [],
    ...overrides,
  };
}

function row(contender: Contender, ratio: number, server: OverheadServer = 'light'): OverheadRow {
  return {
    contender,
    server,
    requestsPerSecond: 1000 * ratio,
    cpuMicrosPerRequest: 100,
    ratio,
    failed: 0,
  };
}

function rotationRun(contender: Contender, p99: number): RotationRun {
  return {
    contender,
    samples: [],
    latency: { ...summarize([1, 2, 3]), p99 },
    identityCalls: 1,
    unauthorized: 0,
    failed: 0,
    timedOut: 0,
    stalled: 0,
    waitedForSignIn: 0,
    otherStalls: 0,
    signIns: [],
  };
}

const cell = (table: ReturnType<typeof targetsTable>, figure: RegExp, column: number) =>
  table.rows.find((r) => figure.test(r[0] ?? ''))?.[column];

describe('the issue #16 targets table', () => {
  it('says for each target whether this run met it, from the run’s own figures', () => {
    const table = targetsTable(
      report({
        overhead: [
          row(staticFetch, 1),
          row(staticAxios, 1),
          row(liveDataCore, 0.975),
          row(liveDataHeaderFetch, 0.985),
          row(liveDataAxios, 0.99),
          // The mock server's rows never stand in for the light server's.
          row(liveDataCore, 0.5, 'mock'),
        ],
        hotPath: [
          { label: 'baseline: await Promise.resolve(constant)', nsPerCall: 50, ratio: 1 },
          { label: CLOCK_FLOOR_LABEL, nsPerCall: 65, ratio: 1.3 },
          { label: liveDataCore.label, nsPerCall: 70, ratio: 1.4 },
        ],
        rotation: {
          runs: [
            rotationRun(staticFetch, 5),
            rotationRun(staticAxios, 6),
            rotationRun(liveDataCore, 6),
            rotationRun(liveDataAxios, 6.5),
          ],
          tokenTtlSeconds: 10,
          identityLatencyMs: 200,
          sequential: true,
          repetitions: 1,
        },
      }),
    );
    expect(cell(table, /^`tokens.fetch`/, 2)).toBe('0.97×');
    expect(cell(table, /^`tokens.fetch`/, 3)).toBe('yes');
    expect(cell(table, /getAuthorizationHeader/, 3)).toBe('no');
    expect(cell(table, /@livedata\/axios/, 3)).toBe('yes');
    expect(cell(table, /getAccessToken/, 2)).toBe('1.40×');
    expect(cell(table, /getAccessToken/, 3)).toBe('no');
    expect(cell(table, /getAccessToken/, 4)).toBe(
      'hot path (one Date.now() + the baseline alone: 1.30×)',
    );
    // Worst of ours: core +1 ms over fetch, axios +0.5 ms over axios.
    expect(cell(table, /rotation/, 2)).toBe('+1.0 ms');
    expect(cell(table, /rotation/, 3)).toBe('yes');
    expect(cell(table, /rotation/, 4)).toMatch(/10 s tokens/);
    expect(cell(table, /^`tokens.fetch`/, 4)).toMatch(/light node:http/);
  });

  it('says not run, never met, for a scenario that did not run', () => {
    const table = targetsTable(report());
    expect(table.rows.map((r) => r[3])).toEqual(Array(5).fill('not run'));
  });

  it('is part of docs/BENCHMARKS.md', () => {
    expect(renderBenchmarksMarkdown(report(), [])).toContain('Targets (issue #16');
  });
});

describe('the hot-path gap note', () => {
  it('never takes the clock floor for a peer', () => {
    const notes = gapNotes(
      report({
        hotPath: [
          { label: 'baseline: await Promise.resolve(constant)', nsPerCall: 50, ratio: 1 },
          { label: CLOCK_FLOOR_LABEL, nsPerCall: 60, ratio: 1.2 },
          { label: liveDataCore.label, nsPerCall: 62, ratio: 1.24 },
        ],
      }),
    );
    expect(notes).toEqual([]);
  });
});
