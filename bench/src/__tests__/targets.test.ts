import { describe, expect, it } from 'vitest';
import {
  type Contender,
  headerPerRequestFloor,
  liveDataAxios,
  liveDataCore,
  liveDataHeaderFetch,
  oauth2Fetch,
  staticAxios,
  staticFetch,
} from '../contenders.js';
import { gapNotes, renderBenchmarksMarkdown, targetsTable } from '../report.js';
import { CLOCK_FLOOR_LABEL } from '../scenarios/hot-path.js';
import type { RequestProfileRow } from '../scenarios/request-profile.js';
import type { RotationRun } from '../scenarios/rotation.js';
import { summarize } from '../stats.js';
import {
  pairedRow as paired,
  benchReport as report,
  overheadRow as row,
} from './report-fixtures.js';

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
        paired: [
          paired(staticFetch, 1.004, true),
          paired(staticAxios, 0.998, true),
          paired(liveDataCore, 0.975),
          paired(liveDataHeaderFetch, 0.985),
          paired(headerPerRequestFloor, 0.99),
          paired(liveDataAxios, 0.99),
        ],
        // The throughput rounds' rows never stand in for the paired requests'.
        overhead: [row(staticFetch, 1), row(liveDataCore, 0.5), row(liveDataCore, 0.5, 'mock')],
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
    expect(cell(table, /^`tokens.fetch`/, 2)).toBe('0.975×');
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
    expect(cell(table, /^`tokens.fetch`/, 4)).toBe(
      '3a, paired requests, light server (A/A control 1.004×)',
    );
    expect(cell(table, /getAuthorizationHeader/, 4)).toBe(
      '3a, paired requests, light server (A/A control 1.004×; the caller pattern with a constant token: 0.990×)',
    );
    expect(cell(table, /@livedata\/axios/, 4)).toBe(
      '3a, paired requests, light server (A/A control 0.998×)',
    );
  });

  it('names what the CPU profile attributes to our code when a throughput target is missed', () => {
    const profiled = (contender: Contender, busy: number, ours: number): RequestProfileRow => ({
      contender,
      requests: 1000,
      busyMicrosPerRequest: busy,
      oursMicrosPerRequest: ours,
      areas: [['undici (fetch)', busy - ours]],
    });
    const table = targetsTable(
      report({
        paired: [paired(liveDataCore, 0.9), paired(liveDataAxios, 0.9)],
        requestProfile: [profiled(staticFetch, 790, 0), profiled(liveDataCore, 800, 2)],
      }),
    );
    expect(cell(table, /^`tokens.fetch`/, 3)).toBe(
      'no (profile: our code 2.0 of 800 client CPU µs a request (0.3 %))',
    );
    // No profile row for axios in this run: a plain "no", nothing borrowed from another row.
    expect(cell(table, /@livedata\/axios/, 3)).toBe('no');
    const notes = gapNotes(
      report({
        paired: [paired(liveDataCore, 0.9), paired(oauth2Fetch, 0.95)],
        requestProfile: [profiled(staticFetch, 790, 0), profiled(liveDataCore, 800, 2)],
      }),
    );
    expect(notes.join('\n')).toMatch(
      /attributes 2\.0 µs of a request's 800 client CPU µs to our code \(0\.3 %\); the static header's request costs 790 µs/,
    );
  });

  it('never prints a missed throughput target as if it were met', () => {
    const table = targetsTable(
      report({
        paired: [
          paired(liveDataCore, 0.9696),
          paired(liveDataHeaderFetch, 0.98962),
          paired(liveDataAxios, 0.98),
        ],
      }),
    );
    expect(cell(table, /^`tokens.fetch`/, 2)).toBe('0.9696×');
    expect(cell(table, /getAuthorizationHeader/, 2)).toBe('0.9896×');
    expect(cell(table, /getAuthorizationHeader/, 3)).toBe('no');
    // Met exactly: three digits, as any other.
    expect(cell(table, /@livedata\/axios/, 2)).toBe('0.980×');
    expect(cell(table, /@livedata\/axios/, 3)).toBe('yes');
  });

  it('says not run, never met, for a scenario that did not run', () => {
    const table = targetsTable(report());
    expect(table.rows.map((r) => r[3])).toEqual(Array(5).fill('not run'));
  });

  it('is part of docs/BENCHMARKS.md', () => {
    expect(renderBenchmarksMarkdown(report(), [])).toContain('Targets (issue #16');
  });
});
