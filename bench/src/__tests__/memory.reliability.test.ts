/**
 * Memory: 1,000,000 cached `getAccessToken()` calls must not grow the heap. Runs in a
 * child process with `--expose-gc` (dist/memory-probe.js, built by `test:reliability`),
 * so a full GC can be forced and nothing from the test runner is counted.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('../../dist/memory-probe.js', import.meta.url));

describe('memory over 1,000,000 cached calls', () => {
  it('keeps the heap flat (bounded growth, measured after forced GC)', async () => {
    expect(existsSync(probe), 'run `pnpm run build` first (test:reliability does)').toBe(true);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', probe, '1000000'],
      { timeout: 110_000 },
    );
    const result = JSON.parse(stdout.trim()) as {
      calls: number;
      identityCalls: number;
      mismatches: number;
      heapUsed: number[];
    };
    const [start, , , , end] = result.heapUsed as [number, number, number, number, number];
    const quarterGrowth = result.heapUsed.slice(1).map((h, i) => h - (result.heapUsed[i] ?? h));
    console.info(
      `[memory] ${result.calls} calls, heap ${(start / 1024).toFixed(0)} KiB → ${(end / 1024).toFixed(0)} KiB, per quarter ${quarterGrowth.map((g) => `${(g / 1024).toFixed(0)} KiB`).join(', ')}`,
    );
    expect(result.calls).toBe(1_000_000);
    expect(result.identityCalls).toBe(1);
    expect(result.mismatches).toBe(0);
    // A leak of even 8 bytes per call would be 8 MB; allow 1 MiB of noise in total.
    expect(end - start).toBeLessThan(1024 * 1024);
    for (const growth of quarterGrowth) expect(growth).toBeLessThan(512 * 1024);
  });
});
