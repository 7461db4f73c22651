import { describe, expect, it, vi } from 'vitest';
import type { BenchClient, ClientContext, Contender } from '../contenders.js';

// Every contender's baseline is one fake: what the scenario does with the order and the
// outcome of requests is what is under test, not any HTTP stack.
const calls: string[] = [];
const fakeClient = (name: string, status = 200): BenchClient => ({
  request: async () => {
    calls.push(name);
    return status;
  },
  close: async () => {},
});
const fakeBaseline: Contender = {
  id: 'fake-baseline',
  label: 'fake baseline',
  role: 'baseline',
  transport: 'fetch',
  create: () => fakeClient('baseline'),
};
vi.mock('../contenders.js', () => ({ baselineFor: () => fakeBaseline }));

const { runPairedRequests } = await import('../scenarios/paired-requests.js');

function contender(id: string, status = 200): Contender {
  return { id, label: id, role: 'ours', transport: 'fetch', create: () => fakeClient(id, status) };
}

describe('scenario 3a, paired requests', () => {
  it('takes each row’s pairs in blocks, the blocks of all rows in turn', async () => {
    calls.length = 0;
    const rows = await runPairedRequests([contender('a'), contender('b')], {} as ClientContext, {
      pairs: 4,
      warmupPairs: 1,
      blocks: 2,
    });
    expect(rows.map((r) => [r.contender.id, r.control, r.pairs, r.blockRatios.length])).toEqual([
      ['fake-baseline', true, 4, 2],
      ['a', false, 4, 2],
      ['b', false, 4, 2],
    ]);
    // Which row each request belonged to, in order: A/A control, a, b; then again.
    const own = calls.filter((name) => name !== 'baseline');
    const runsOf = (list: string[]) => list.filter((name, i) => name !== list[i - 1]);
    expect(runsOf(own)).toEqual(['a', 'b', 'a', 'b']);
    // Per block: one warm-up pair, then 2 timed pairs, alternating who goes first.
    expect(calls.slice(-6)).toEqual(['b', 'baseline', 'b', 'baseline', 'baseline', 'b']);
  });

  it('reports the median of the per-block ratios and counts every failed request', async () => {
    const [row] = await runPairedRequests([contender('failing', 500)], {} as ClientContext, {
      pairs: 6,
      warmupPairs: 0,
      blocks: 3,
    }).then((rows) => rows.filter((r) => !r.control));
    expect(row?.failed).toBe(6);
    const sorted = [...(row?.blockRatios ?? [])].sort((x, y) => x - y);
    expect(row?.ratio).toBe(sorted[1]);
  });
});
