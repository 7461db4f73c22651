import { overheadContenders } from './contenders.js';
import { detectCpuPinning } from './cpu-pinning.js';
import { runJsonChild } from './json-child.js';
import type { OverheadRow } from './scenarios/overhead.js';
import type { BenchSettings } from './settings.js';

/** What scenario 3 measured, and where its processes ran. */
export interface OverheadResult {
  rows: OverheadRow[];
  /** e.g. "client pinned to CPU 0, server to CPU 1 (taskset)". */
  placement: string;
}

/**
 * Runs scenario 3 in a fresh Node process (`overhead-process.ts`), with the client and the
 * light server on cores of their own where the machine allows (`cpu-pinning.ts`).
 */
export async function runOverheadInChild(
  settings: BenchSettings['overhead'],
): Promise<OverheadResult> {
  const pinning = detectCpuPinning();
  const rows = await runJsonChild<Array<Omit<OverheadRow, 'contender'> & { contender: string }>>(
    'overhead-process.js',
    [JSON.stringify(settings), ...(pinning.server === undefined ? [] : [String(pinning.server)])],
    { cpu: pinning.client },
  );
  return {
    rows: rows.map((row) => {
      const contender = overheadContenders.find((c) => c.id === row.contender);
      if (!contender)
        throw new Error(`overhead process returned unknown contender ${row.contender}`);
      return { ...row, contender };
    }),
    placement: pinning.description,
  };
}
