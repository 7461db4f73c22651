/**
 * A development aid: prints where a `.cpuprofile`'s time went (see `cpu-profile.ts`), so a
 * profile of `profile-overhead.ts` says where a request's client time goes.
 *
 *   node dist/cpu-profile-summary.js PROFILE.cpuprofile [top=30] [requests]
 *
 * With `requests` (how many requests the profiled run completed), times are also given
 * in µs per request.
 */
import { readFileSync } from 'node:fs';
import { type CpuProfile, summarizeCpuProfile } from './cpu-profile.js';

const [file, topArg = '30', requestsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary PROFILE.cpuprofile [top] [requests]');
const summary = summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
const requests = requestsArg ? Number(requestsArg) : undefined;
const top = Number(topArg);
const line = (name: string, us: number) =>
  `${((us / summary.totalUs) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms${requests ? `  ${(us / requests).toFixed(2).padStart(6)} µs/req` : ''}  ${name}`;
const print = (title: string, rows: Array<[string, number]>, count: number) => {
  console.log(title);
  for (const [name, us] of rows.slice(0, count)) console.log(line(name, us));
};
console.log(`total sampled ${(summary.totalUs / 1000).toFixed(0)} ms\n`);
print('by area:', summary.byArea, Number.POSITIVE_INFINITY);
console.log(
  `\nour code, inclusive of what it calls except the HTTP stack:\n${line('total', summary.oursUs)}`,
);
print('by our frame:', summary.byOurFrame, 15);
print('by leaf function under our frames:', summary.byLeafUnderOurs, 25);
print('\nby function (self time):', summary.byFunction, top);
