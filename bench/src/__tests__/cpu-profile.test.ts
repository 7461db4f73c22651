import { describe, expect, it } from 'vitest';
import { areaOf, type CpuProfile, summarizeCpuProfile } from '../cpu-profile.js';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
  children,
});

// root → request (bench) → fetch (tokens.fetch, ours) → { resolveUrl (ours), fetch (undici) → write (node) }
//      → (idle), (garbage collector)
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [2, 8, 9]),
    frame(2, 'request', 'file:///repo/bench/dist/contenders.js', [3]),
    frame(3, 'fetch', 'file:///repo/packages/core/dist/token-manager.js', [4, 5]),
    frame(4, 'resolveUrl', 'file:///repo/packages/core/dist/api-url.js'),
    frame(5, 'fetch', 'node:internal/deps/undici/undici', [6]),
    frame(6, 'write', 'node:net'),
    frame(8, '(idle)', ''),
    frame(9, '(garbage collector)', ''),
  ],
  // µs per sample: resolveUrl 30, the token-manager frame itself 10, undici 100, node 50,
  // idle 500, GC 20, the harness 5.
  samples: [4, 3, 5, 6, 8, 9, 2],
  timeDeltas: [30, 10, 100, 50, 500, 20, 5],
};

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(profile);

  it('counts our code inclusive of what it calls, but not the HTTP stack below it', () => {
    // resolveUrl + the frame's own time; undici and the socket write under `fetch` are not ours.
    expect(summary.oursUs).toBe(40);
    expect(summary.byOurFrame).toEqual([
      ['resolveUrl packages/core/dist/api-url.js:1', 30],
      ['fetch packages/core/dist/token-manager.js:1', 10],
    ]);
  });

  it('separates busy time from idle, and sums self time by area', () => {
    expect(summary.totalUs).toBe(715);
    expect(summary.busyUs).toBe(215);
    expect(Object.fromEntries(summary.byArea)).toEqual({
      idle: 500,
      'undici (fetch)': 100,
      'node internals': 50,
      '@livedata/core': 40,
      GC: 20,
      'bench harness': 5,
    });
  });

  it('tells Node’s bundled undici from the npm package', () => {
    expect(areaOf('node:internal/deps/undici/undici', 'fetch')).toBe('undici (fetch)');
    expect(areaOf('file:///repo/node_modules/undici/lib/fetch.js', 'fetch')).toBe('undici (npm)');
  });
});
