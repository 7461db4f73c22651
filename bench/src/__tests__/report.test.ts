import { describe, expect, it } from 'vitest';
import {
  headerPerRequestFloor,
  liveDataAxios,
  liveDataCore,
  liveDataHeaderFetch,
  oauth2Fetch,
  staticFetch,
  vendorSample,
} from '../contenders.js';
import { gapNotes, renderBenchmarksMarkdown, summaryTable } from '../report.js';
import { BASELINE_LABEL, CLOCK_FLOOR_LABEL } from '../scenarios/hot-path.js';
import type { RequestProfileRow } from '../scenarios/request-profile.js';
import { overheadRow, pairedRow, benchReport as report } from './report-fixtures.js';

describe('summaryTable', () => {
  it('has one column per library and n/a where a scenario did not run', () => {
    const table = summaryTable(
      report({
        outage: [
          { contender: liveDataCore, requests: 10, failed: 0, identityCalls: 2, unauthorized: 0 },
          { contender: vendorSample, requests: 10, failed: 7, identityCalls: 9, unauthorized: 0 },
        ],
      }),
    );
    expect(table.header).toHaveLength(2 + 5);
    const outage = table.rows.find((r) => r[0]?.startsWith('6.'));
    expect(outage).toEqual(['6. outage: failed API calls', '0', '0', 'n/a', 'n/a', 'n/a', '7']);
    const cold = table.rows.find((r) => r[0]?.startsWith('1. cold start: identity'));
    expect(cold?.slice(2)).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
  });
});

describe('gapNotes', () => {
  it('explains where we are behind the best peer, and says so when nowhere', () => {
    const behind = gapNotes(
      report({
        hotPath: [
          { label: 'baseline: await Promise.resolve(constant)', nsPerCall: 100, ratio: 1 },
          { label: liveDataCore.label, nsPerCall: 400, ratio: 4 },
          { label: vendorSample.label, nsPerCall: 200, ratio: 2 },
        ],
      }),
    );
    expect(behind).toHaveLength(1);
    expect(behind[0]).toMatch(/^Hot path: .*4\.0×.*2\.0×.*200 ns per call/);

    const ahead = gapNotes(
      report({
        paired: [pairedRow(liveDataCore, 0.99), pairedRow(oauth2Fetch, 0.8)],
        // Behind in the noisy throughput rounds: the gap notes read the paired requests.
        overhead: [overheadRow(staticFetch, 1), overheadRow(liveDataCore, 0.7)],
      }),
    );
    expect(ahead).toEqual([]);
  });

  it('never takes the hot path’s clock floor for a peer', () => {
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

  it('says what a missed hot-path target costs against the clock floor, and nothing when met', () => {
    const hotPath = (ours: number) => [
      { label: BASELINE_LABEL, nsPerCall: 100, ratio: 1 },
      { label: CLOCK_FLOOR_LABEL, nsPerCall: 160, ratio: 1.6, vsClockFloor: 1 },
      { label: liveDataCore.label, nsPerCall: 100 * ours, ratio: ours, vsClockFloor: ours / 1.6 },
    ];
    const missed = gapNotes(report({ hotPath: hotPath(1.52) }));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatch(
      /^Hot path: .* 1\.52× an awaited resolved promise, and 0\.95× one `Date.now\(\)`.*152\.0 ns against 160\.0 ns.*costs 0\.60× the baseline itself/,
    );
    expect(gapNotes(report({ hotPath: hotPath(1.25) }))).toEqual([]);
  });

  it('puts a missed getAuthorizationHeader() target next to its caller-pattern floor', () => {
    const profiled = (
      contender: typeof staticFetch,
      busy: number,
      ours: number,
    ): RequestProfileRow => ({
      contender,
      requests: 1000,
      busyMicrosPerRequest: busy,
      oursMicrosPerRequest: ours,
      areas: [],
    });
    const notes = gapNotes(
      report({
        paired: [pairedRow(liveDataHeaderFetch, 0.985), pairedRow(headerPerRequestFloor, 0.983)],
        requestProfile: [
          profiled(staticFetch, 1000, 0),
          profiled(liveDataHeaderFetch, 1020, 1.5),
          profiled(headerPerRequestFloor, 1018, 0),
        ],
      }),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^`getAuthorizationHeader\(\)` \+ fetch: 0\.985× .* no library, 0\.983× .*attributes 1\.5 µs of a request's 1020 client CPU µs to our code.*floor's request costs 1018 µs/,
    );
    // Met: no note.
    expect(
      gapNotes(
        report({
          paired: [pairedRow(liveDataHeaderFetch, 0.99), pairedRow(headerPerRequestFloor, 0.98)],
        }),
      ),
    ).toEqual([]);
  });

  it('flags our misses against the limits', () => {
    const notes = gapNotes(
      report({
        outage: [
          { contender: liveDataAxios, requests: 10, failed: 3, identityCalls: 1, unauthorized: 0 },
        ],
      }),
    );
    expect(notes).toEqual(['Outage: @livedata/axios failed 3 API calls (limit 0).']);
  });
});

describe('renderBenchmarksMarkdown', () => {
  it('states the machine, the versions and any scenario that broke', () => {
    const md = renderBenchmarksMarkdown(
      report({ errors: [{ scenario: 'fleet', message: 'redis went away\n  at stack' }] }),
      [],
    );
    expect(md).toContain('- CPU: Test CPU, 2 cores, 4 GiB RAM');
    expect(md).toContain('- `axios`: 1.0.0');
    expect(md).toContain('- fleet: redis went away');
    expect(md).not.toContain('at stack');
  });
});
