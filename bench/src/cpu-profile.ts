/**
 * Reads a `.cpuprofile` (from `node --cpu-prof`): self time per function and per area (our
 * packages, axios, undici, Node internals, GC, idle), and the time spent in our code
 * inclusive of what it calls, except the HTTP stack. That split is what tells whether a
 * request's client cost is the auth layer's or the runtime's.
 */

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

type ProfileNode = CpuProfile['nodes'][number];

/** Where a profile's sampled time went, in µs. */
export interface CpuProfileSummary {
  /** Every sample, idle included. */
  totalUs: number;
  /** Every sample but `(idle)`: the time the process was on a CPU. */
  busyUs: number;
  /**
   * Our code (`packages/core`, `packages/axios`), inclusive of what it calls, except the HTTP
   * stack below it (`fetch`, the wrapped Axios adapter): that time is the runtime's.
   */
  oursUs: number;
  /** Self time per area, largest first. */
  byArea: Array<[area: string, us: number]>;
  /** {@link oursUs} per innermost frame of ours, largest first. */
  byOurFrame: Array<[frame: string, us: number]>;
  /** {@link oursUs} per leaf function that burnt it, largest first. */
  byLeafUnderOurs: Array<[frame: string, us: number]>;
  /** Self time per function, largest first. */
  byFunction: Array<[frame: string, us: number]>;
}

/** Which part of the stack a frame belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (url.includes('/packages/core/')) return '@livedata/core';
  if (url.includes('/packages/axios/')) return '@livedata/axios';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('node_modules/axios') || url.includes('/axios/')) return 'axios';
  if (url.includes('follow-redirects')) return 'follow-redirects';
  if (url.includes('undici')) return url.startsWith('node:') ? 'undici (fetch)' : 'undici (npm)';
  if (url.startsWith('node:')) return 'node internals';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'program';
  if (url === '') return 'native';
  return 'other';
}

const isOurs = (n: ProfileNode) => /\/packages\/(core|axios)\//.test(n.callFrame.url);
const isHttpStack = (n: ProfileNode) =>
  (n.callFrame.functionName === 'fetch' && n.callFrame.url.includes('undici')) ||
  n.callFrame.functionName === 'httpAdapter' ||
  n.callFrame.functionName === 'dispatchHttpRequest';

function frameName(n: ProfileNode): string {
  const short = n.callFrame.url.replace(/^.*\/(packages|node_modules|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}`;
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

const largestFirst = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);

/** Sums `profile`'s samples by area, by function, and for our code. */
export function summarizeCpuProfile(profile: CpuProfile): CpuProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byOurFrame = new Map<string, number>();
  const byLeaf = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let oursUs = 0;
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    totalUs += us;
    const area = areaOf(leaf.callFrame.url, leaf.callFrame.functionName);
    if (area === 'idle') idleUs += us;
    add(byArea, area, us);
    add(byFunction, frameName(leaf), us);
    // A sample counts as ours for the innermost @livedata frame on its stack, unless the
    // HTTP stack was called below that frame.
    for (let node: ProfileNode | undefined = leaf; node; ) {
      if (isHttpStack(node)) break;
      if (isOurs(node)) {
        add(byOurFrame, frameName(node), us);
        add(byLeaf, frameName(leaf), us);
        oursUs += us;
        break;
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  }
  return {
    totalUs,
    busyUs: totalUs - idleUs,
    oursUs,
    byArea: largestFirst(byArea),
    byOurFrame: largestFirst(byOurFrame),
    byLeafUnderOurs: largestFirst(byLeaf),
    byFunction: largestFirst(byFunction),
  };
}
