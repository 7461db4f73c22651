import { runJsonChild } from './json-child.js';
import type { HotPathRow } from './scenarios/hot-path.js';
import type { BenchSettings } from './settings.js';

/** Runs scenario 4 in a fresh Node process (see `hot-path-process.ts`) and returns its rows. */
export async function runHotPathInChild(settings: BenchSettings['hotPath']): Promise<HotPathRow[]> {
  const rows = await runJsonChild<HotPathRow[]>('hot-path-process.js', [
    String(settings.iterations),
    String(settings.rounds),
  ]);
  // NaN (a library with no getter) goes through JSON as null.
  return rows.map((row) => ({
    ...row,
    nsPerCall: row.nsPerCall ?? Number.NaN,
    ratio: row.ratio ?? Number.NaN,
  }));
}
