/**
 * A development aid: sums the self time of a `.cpuprofile` (from `node --cpu-prof`) per
 * function and per area (our packages, axios, undici, Node internals, GC, idle), so a
 * profile of `profile-overhead.ts` says where a request's client time goes.
 *
 *   node dist/cpu-profile-summary.js PROFILE.cpuprofile [top=30] [requests]
 *
 * With `requests` (how many requests the profiled run completed), times are also given
 * in µs per request.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which part of the stack a frame belongs to. */
function areaOf(url: string, functionName: string): string {
  if (url.includes('/packages/core/')) return '@livedata/core';
  if (url.includes('/packages/axios/')) return '@livedata/axios';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('node_modules/axios') || url.includes('/axios/')) return 'axios';
  if (url.includes('follow-redirects')) return 'follow-redirects';
  if (url.includes('undici')) return 'undici (npm)';
  if (url.startsWith('node:internal/deps/undici')) return 'undici (fetch)';
  if (url.startsWith('node:')) return 'node internals';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'program';
  if (url === '') return 'native';
  return 'other';
}

function main(): void {
  const [file, topArg = '30', requestsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary PROFILE.cpuprofile [top] [requests]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const requests = requestsArg ? Number(requestsArg) : undefined;
  const perFunction = new Map<string, number>();
  const perArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*\/(packages|node_modules|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + us);
    const area = areaOf(url, functionName);
    perArea.set(area, (perArea.get(area) ?? 0) + us);
  }
  // Inclusive time of our code: a sample counts for the innermost @livedata frame on its
  // stack, unless the HTTP stack (fetch, or the wrapped axios adapter) was called below it:
  // that time is the runtime's. Keyed by our frame and by the leaf that burnt the time.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isOurs = (n: ProfileNode) => /\/packages\/(core|axios)\//.test(n.callFrame.url);
  const isHttpStack = (n: ProfileNode) =>
    (n.callFrame.functionName === 'fetch' && n.callFrame.url.includes('undici')) ||
    n.callFrame.functionName === 'httpAdapter' ||
    n.callFrame.functionName === 'dispatchHttpRequest';
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(packages|node_modules|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const ours = new Map<string, number>();
  const oursByLeaf = new Map<string, number>();
  let oursTotal = 0;
  for (const [id, us] of selfUs) {
    let node = byId.get(id);
    const leaf = node;
    while (node) {
      if (isHttpStack(node)) break;
      if (isOurs(node)) {
        const key = name(node);
        ours.set(key, (ours.get(key) ?? 0) + us);
        const leafKey = leaf ? name(leaf) : '?';
        oursByLeaf.set(leafKey, (oursByLeaf.get(leafKey) ?? 0) + us);
        oursTotal += us;
        break;
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  }
  const line = (name: string, us: number) =>
    `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms${requests ? `  ${(us / requests).toFixed(2).padStart(6)} µs/req` : ''}  ${name}`;
  console.log(`total sampled ${(total / 1000).toFixed(0)} ms\n\nby area:`);
  for (const [name, us] of [...perArea].sort((a, b) => b[1] - a[1])) console.log(line(name, us));
  console.log(
    `\nour code, inclusive of what it calls except the HTTP stack:\n${line('total', oursTotal)}`,
  );
  console.log('by our frame:');
  for (const [key, us] of [...ours].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(line(key, us));
  console.log('by leaf function under our frames:');
  for (const [key, us] of [...oursByLeaf].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(line(key, us));
  console.log('\nby function (self time):');
  for (const [name, us] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
    console.log(line(name, us));
  }
}

main();
