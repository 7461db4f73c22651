/**
 * Scenario 4, hot path: the cost of one cached `getAccessToken()` call, in ns per call,
 * divided by the cost of awaiting `Promise.resolve(constant)` measured the same way in the
 * same run. The getters take turns, round by round, and a getter's figure is the median of
 * its per-round ratios to the baseline of the same round: on a shared VM a slow stretch
 * then moves a round's baseline and getter together instead of whichever getter it fell on
 * (best-of-5 measured one after the other gave 0.98x to 1.61x for the same code in five
 * runs). Each getter has a loop compiled for it alone, so that no getter runs through a
 * call site another one has made polymorphic (the baseline, measured first, used to have
 * the only monomorphic one).
 */
import { performance } from 'node:perf_hooks';
import { type Contender, libraries } from '../contenders.js';
import { collectGarbage } from '../load.js';
import { clientContext, startBenchServer } from '../mock.js';
import type { BenchSettings } from '../settings.js';
import { median, ratio } from '../stats.js';
import { fmtNumber, fmtRatio, type Table } from '../table.js';

/** The row every other is divided by. */
export const BASELINE_LABEL = 'baseline: await Promise.resolve(constant)';
/** The baseline plus one `Date.now()`: the least a getter that checks expiry can cost. */
export const CLOCK_FLOOR_LABEL = 'floor: one Date.now() + await Promise.resolve(constant)';

/** One getter's cost. */
export interface HotPathRow {
  label: string;
  /** Median over the rounds. */
  nsPerCall: number;
  /** Median of the per-round ratios to the same round's baseline. */
  ratio: number;
  /** Lowest and highest per-round ratio. */
  range?: [number, number];
  /** Median of the per-round ratios to the same round's clock floor. */
  vsClockFloor?: number;
}

type Getter = () => Promise<unknown>;
type TimedLoop = (getter: Getter, iterations: number) => Promise<number>;

/**
 * A loop of its own for one getter: a distinct source text, so V8 gives it its own
 * feedback and optimized code. Returns the ns per call.
 */
function compileLoop(index: number): TimedLoop {
  const build = new Function(
    'now',
    `return async function hotPathLoop${index}(getter, iterations) {
      const start = now();
      for (let i = 0; i < iterations; i += 1) await getter();
      return ((now() - start) * 1e6) / iterations;
    };`,
  ) as (now: () => number) => TimedLoop;
  return build(() => performance.now());
}

interface Measured {
  label: string;
  getter: Getter;
  loop: TimedLoop;
  ns: number[];
}

/** Runs every getter's loop once per round, the order rotated each round. */
async function measureInTurns(
  entries: readonly Measured[],
  settings: BenchSettings['hotPath'],
): Promise<void> {
  // Warm first: the first loop measured would otherwise pay for compiling itself.
  for (const entry of entries)
    await entry.loop(entry.getter, Math.min(settings.iterations, 50_000));
  for (let round = 0; round < settings.rounds; round += 1) {
    for (let k = 0; k < entries.length; k += 1) {
      const entry = entries[(round + k) % entries.length] as Measured;
      collectGarbage();
      entry.ns.push(await entry.loop(entry.getter, settings.iterations));
    }
  }
}

function rowOf(entry: Measured, baseline: Measured, clockFloor: Measured): HotPathRow {
  const to = (other: Measured) => entry.ns.map((ns, round) => ratio(ns, other.ns[round] as number));
  const ratios = to(baseline);
  return {
    label: entry.label,
    nsPerCall: median(entry.ns),
    ratio: entry === baseline ? 1 : median(ratios),
    range: [Math.min(...ratios), Math.max(...ratios)],
    vsClockFloor: entry === clockFloor ? 1 : median(to(clockFloor)),
  };
}

/** Runs every library that has a token getter, plus the baseline and the clock floor. */
export async function runHotPath(settings: BenchSettings['hotPath']): Promise<HotPathRow[]> {
  const server = await startBenchServer();
  const closers: Array<() => Promise<void>> = [];
  try {
    const ctx = await clientContext(server, 3600);
    const constant = ctx.staticToken;
    const entries: Measured[] = [];
    const add = (label: string, getter: Getter): Measured => {
      const entry = { label, getter, loop: compileLoop(entries.length), ns: [] };
      entries.push(entry);
      return entry;
    };
    add(BASELINE_LABEL, () => Promise.resolve(constant));
    // What a getter that must read the clock once per call cannot go below: a cached token
    // is only served while fresh, which takes one read of the clock.
    add(CLOCK_FLOOR_LABEL, () => {
      Date.now();
      return Promise.resolve(constant);
    });
    // Every row in the table's order: a getter measured, or a library without one.
    const slots: Array<Measured | HotPathRow> = [...entries];
    // @livedata/axios uses the same TokenManager as @livedata/core: measured once.
    for (const contender of libraries.filter((c: Contender) => c.id !== 'livedata-axios')) {
      const client = contender.create(ctx);
      closers.push(() => client.close());
      const getter = client.getAccessToken;
      if (!getter) {
        slots.push({
          label: `${contender.label} (no token getter)`,
          nsPerCall: Number.NaN,
          ratio: Number.NaN,
        });
        continue;
      }
      await getter();
      slots.push(add(contender.label, getter));
    }
    await measureInTurns(entries, settings);
    const [baseline, clockFloor] = entries as [Measured, Measured];
    return slots.map((slot) => ('loop' in slot ? rowOf(slot, baseline, clockFloor) : slot));
  } finally {
    for (const close of closers) await close();
    await server.close();
  }
}

/** The scenario's table. */
export function hotPathTable(rows: HotPathRow[], settings: BenchSettings['hotPath']): Table {
  return {
    title: `4. Hot path: cached getAccessToken(), ${settings.rounds} rounds of ${settings.iterations.toLocaleString('en-US')} calls per getter, the getters in turn`,
    caption:
      'Cost per call ÷ the cost of awaiting a resolved promise in the same round: the median of the per-round ratios, with their range; the last column divides by the clock floor (the baseline plus one Date.now()) instead, the least a getter that checks expiry can cost. Each getter has its own compiled loop; all run in a fresh Node process of their own (a tight loop measured after the other scenarios depends on the JIT state they leave).',
    header: ['getter', 'ns/call (median)', 'vs baseline', 'per-round range', 'vs clock floor'],
    rows: rows.map((r) => [
      r.label,
      fmtNumber(r.nsPerCall, 1),
      fmtRatio(r.ratio),
      r.range ? `${fmtRatio(r.range[0])}–${fmtRatio(r.range[1])}` : 'n/a',
      r.vsClockFloor === undefined ? 'n/a' : fmtRatio(r.vsClockFloor),
    ]),
  };
}
