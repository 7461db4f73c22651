/**
 * Scenario 3b, where a request's client time goes: each of our entry points (`tokens.fetch`,
 * `getAuthorizationHeader()` + fetch, `@livedata/axios`), the static-header baseline of its
 * stack, and the caller pattern of `getAuthorizationHeader()` with a constant token (no
 * library), in a closed loop against the light server under V8's sampling profiler (a fresh
 * process each, pinned like scenario 3; only the measured loop is profiled, not the
 * start-up or the warm-up). The profile splits the
 * client's CPU between our code (inclusive of what it calls, except the HTTP stack) and the
 * runtime (fetch, axios, Node). Where a throughput ratio of scenario 3 misses its target,
 * this is the figure that says whether the cost is ours.
 */
import {
  type Contender,
  headerPerRequestFloor,
  liveDataAxios,
  liveDataCore,
  liveDataHeaderFetch,
  staticAxios,
  staticFetch,
} from '../contenders.js';
import { detectCpuPinning } from '../cpu-pinning.js';
import { runJsonChild } from '../json-child.js';
import type { ProfiledLoop } from '../profile-overhead.js';
import type { BenchSettings } from '../settings.js';
import { fmtNumber, type Table } from '../table.js';

/** One profiled contender. */
export interface RequestProfileRow {
  contender: Contender;
  /** Requests the profiled process made. */
  requests: number;
  /** Sampled CPU time (idle excluded) per request, under the profiler. */
  busyMicrosPerRequest: number;
  /** Our code's share of it, per request. */
  oursMicrosPerRequest: number;
  /** The largest areas of the stack, µs per request, idle excluded. */
  areas: Array<[area: string, microsPerRequest: number]>;
}

/**
 * The contenders profiled: ours, each next to the baseline of its stack, and the floor under
 * `getAuthorizationHeader()` + fetch (the same caller code with a constant token).
 */
export const profiledContenders: Contender[] = [
  staticFetch,
  liveDataCore,
  liveDataHeaderFetch,
  headerPerRequestFloor,
  staticAxios,
  liveDataAxios,
];

/** Profiles each of {@link profiledContenders} in a process of its own. */
export async function runRequestProfile(
  settings: BenchSettings['requestProfile'],
): Promise<RequestProfileRow[]> {
  const pinning = detectCpuPinning();
  const rows: RequestProfileRow[] = [];
  for (const contender of profiledContenders) {
    const loop = await runJsonChild<ProfiledLoop>(
      'profile-overhead.js',
      [
        contender.id,
        String(settings.durationMs),
        String(settings.concurrency),
        pinning.server === undefined ? '-' : String(pinning.server),
        String(settings.samplingIntervalUs),
      ],
      { cpu: pinning.client },
    );
    if (!loop.profile) throw new Error(`profile-overhead returned no profile for ${contender.id}`);
    const perRequest = (us: number) => us / Math.max(1, loop.requests);
    rows.push({
      contender,
      requests: loop.requests,
      busyMicrosPerRequest: perRequest(loop.profile.busyUs),
      oursMicrosPerRequest: perRequest(loop.profile.oursUs),
      areas: loop.profile.byArea
        .filter(([area]) => area !== 'idle')
        .slice(0, 4)
        .map(([area, us]) => [area, perRequest(us)]),
    });
  }
  return rows;
}

/** Our code's share of a row's sampled client CPU. */
export function oursShare(row: RequestProfileRow): number {
  return row.busyMicrosPerRequest > 0 ? row.oursMicrosPerRequest / row.busyMicrosPerRequest : 0;
}

/** The scenario's table. */
export function requestProfileTable(
  rows: RequestProfileRow[],
  settings: BenchSettings['requestProfile'],
): Table {
  return {
    title: `3b. Where a request's client time goes: CPU profile of ${settings.durationMs} ms closed loops (${settings.concurrency} workers, light server)`,
    caption:
      'Sampled client CPU per request under V8’s CPU profiler, and how much of it is our code (inclusive of what it calls, except the HTTP stack).',
    header: [
      'library',
      'stack',
      'client CPU µs/request',
      'our code µs/request',
      'our share',
      'largest areas (µs/request)',
    ],
    rows: rows.map((r) => [
      r.contender.label,
      r.contender.transport,
      fmtNumber(r.busyMicrosPerRequest, 0),
      r.contender.role === 'baseline'
        ? '0 (baseline)'
        : r.contender.role === 'floor'
          ? '0 (no library)'
          : fmtNumber(r.oursMicrosPerRequest, 1),
      r.contender.role === 'ours' ? `${fmtNumber(oursShare(r) * 100, 1)} %` : '–',
      r.areas.map(([area, us]) => `${area} ${fmtNumber(us, 0)}`).join(', '),
    ]),
    notes: [
      `Sampling every ${settings.samplingIntervalUs} µs; the profiler itself adds to every row alike. Each row is its own fresh process, pinned like scenario 3.`,
      '“Our code” counts a sample for the innermost `@livedata/core` or `@livedata/axios` frame on its stack, unless `fetch` or the wrapped Axios adapter was called below it: that time is the runtime’s, and it is the same work a static header costs.',
    ],
  };
}
