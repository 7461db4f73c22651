/**
 * Sizes of every scenario, full and `--quick`. Quick mode exists so CI exercises the whole
 * harness in well under two minutes; its numbers are not a verdict.
 */

/** Scenario sizes. */
export interface BenchSettings {
  quick: boolean;
  coldStart: { requests: number };
  rotation: {
    tokenTtlSeconds: number;
    identityLatencyMs: number;
    ratePerSecond: number;
    tailMs: number;
    /** Run contenders one after another (accurate latency) or all at once (quick). */
    sequential: boolean;
    /** How many times the whole scenario runs; see runRotation. */
    repetitions: number;
  };
  overhead: {
    concurrency: number;
    /** Paired rounds against the light server (the figures the targets use). */
    durationMs: number;
    rounds: number;
    /** Paired rounds against @livedata/mock-server (context: its own cost hides the client's). */
    mockDurationMs: number;
    mockRounds: number;
  };
  /** Scenario 3a: alternating request pairs, one at a time, against the light server. */
  /**
   * Scenario 3a: `pairs` per row in `blocks` blocks, taken in turn across every row; the
   * first block of a row starts after `warmupPairs` untimed pairs.
   */
  pairedRequests: { pairs: number; warmupPairs: number; blocks: number };
  /** Scenario 3b: each of ours and its baseline under `node --cpu-prof`. */
  requestProfile: { durationMs: number; concurrency: number; samplingIntervalUs: number };
  /** Scenario 4: `rounds` rounds, each running every getter `iterations` times in turn. */
  hotPath: { iterations: number; rounds: number };
  fleet: {
    sizes: number[];
    tokenTtlSeconds: number;
    lifetimes: number;
    ratePerSecond: number;
    /** Also run the peers' fleets (each process on its own, by construction). */
    includePeers: boolean;
  };
  outage: {
    tokenTtlSeconds: number;
    /** The identity endpoint answers 503 from `startMs` to `endMs` after the token was minted. */
    startMs: number;
    endMs: number;
    ratePerSecond: number;
    tailMs: number;
  };
}

/**
 * Full run. Token lifetimes of 30 s keep the vendor sample's fixed 25 s margin inside the
 * lifetime (with a shorter token it would sign in on every call, see docs/BENCHMARKS.md).
 */
export const fullSettings: BenchSettings = {
  quick: false,
  coldStart: { requests: 10_000 },
  rotation: {
    tokenTtlSeconds: 30,
    identityLatencyMs: 200,
    ratePerSecond: 50,
    tailMs: 3_000,
    sequential: true,
    repetitions: 2,
  },
  overhead: { concurrency: 16, durationMs: 600, rounds: 20, mockDurationMs: 300, mockRounds: 8 },
  pairedRequests: { pairs: 6_000, warmupPairs: 500, blocks: 6 },
  requestProfile: { durationMs: 5_000, concurrency: 16, samplingIntervalUs: 100 },
  hotPath: { iterations: 200_000, rounds: 25 },
  fleet: {
    sizes: [1, 4, 16],
    tokenTtlSeconds: 4,
    lifetimes: 4,
    ratePerSecond: 20,
    includePeers: true,
  },
  outage: { tokenTtlSeconds: 30, startMs: 2_000, endMs: 26_000, ratePerSecond: 20, tailMs: 3_000 },
};

/** `--quick`: small counts and short lifetimes, for CI. */
export const quickSettings: BenchSettings = {
  quick: true,
  coldStart: { requests: 1_000 },
  rotation: {
    tokenTtlSeconds: 8,
    identityLatencyMs: 200,
    ratePerSecond: 40,
    tailMs: 2_000,
    sequential: false,
    repetitions: 1,
  },
  overhead: { concurrency: 8, durationMs: 250, rounds: 2, mockDurationMs: 250, mockRounds: 2 },
  pairedRequests: { pairs: 300, warmupPairs: 50, blocks: 2 },
  requestProfile: { durationMs: 500, concurrency: 8, samplingIntervalUs: 100 },
  hotPath: { iterations: 50_000, rounds: 4 },
  fleet: {
    sizes: [1, 4],
    tokenTtlSeconds: 3,
    lifetimes: 1.5,
    ratePerSecond: 10,
    includePeers: false,
  },
  outage: { tokenTtlSeconds: 8, startMs: 1_000, endMs: 6_500, ratePerSecond: 20, tailMs: 2_000 },
};
