import { overheadContenders } from './contenders.js';
import { detectCpuPinning } from './cpu-pinning.js';
import { runJsonChild } from './json-child.js';
import type { OverheadRow } from './scenarios/overhead.js';
import type { PairedRow } from './scenarios/paired-requests.js';
import type { BenchSettings } from './settings.js';

/** What scenarios 3 and 3a measured, and where their processes ran. */
export interface OverheadResult {
  rows: OverheadRow[];
  paired: PairedRow[];
  /** e.g. "client pinned to CPU 0, server to CPU 1 (taskset)". */
  placement: string;
}

/**
 * Runs scenarios 3 and 3a in a fresh Node process (`overhead-process.ts`), with the client and the
 * light server on cores of their own where the machine allows (`cpu-pinning.ts`).
 */
export async function runOverheadInChild(
  settings: BenchSettings['overhead'],
  pairedSettings: BenchSettings['pairedRequests'],
): Promise<OverheadResult> {
  const pinning = detectCpuPinning();
  type ById<R> = Omit<R, 'contender'> & { contender: string };
  const result = await runJsonChild<{ throughput: ById<OverheadRow>[]; paired: ById<PairedRow>[] }>(
    'overhead-process.js',
    [
      JSON.stringify(settings),
      JSON.stringify(pairedSettings),
      ...(pinning.server === undefined ? [] : [String(pinning.server)]),
    ],
    { cpu: pinning.client },
  );
  const contender = (id: string) => {
    const found = overheadContenders.find((c) => c.id === id);
    if (!found) throw new Error(`overhead process returned unknown contender ${id}`);
    return found;
  };
  return {
    rows: result.throughput.map((row) => ({ ...row, contender: contender(row.contender) })),
    paired: result.paired.map((row) => ({ ...row, contender: contender(row.contender) })),
    placement: pinning.description,
  };
}
