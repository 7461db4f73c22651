import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { HotPathRow } from './scenarios/hot-path.js';
import type { BenchSettings } from './settings.js';

/** Runs scenario 4 in a fresh Node process (see `hot-path-process.ts`) and returns its rows. */
export function runHotPathInChild(settings: BenchSettings['hotPath']): Promise<HotPathRow[]> {
  const script = join(import.meta.dirname, 'hot-path-process.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', script, String(settings.iterations), String(settings.rounds)],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`hot path process failed: ${stderr || error.message}`));
          return;
        }
        // NaN (a library with no getter) goes through JSON as null.
        const rows = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as HotPathRow[];
        resolve(
          rows.map((row) => ({
            ...row,
            nsPerCall: row.nsPerCall ?? Number.NaN,
            ratio: row.ratio ?? Number.NaN,
          })),
        );
      },
    );
  });
}
