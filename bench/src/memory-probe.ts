/**
 * Run by the reliability suite as `node --expose-gc dist/memory-probe.js [calls]`: makes
 * one TokenManager against a loopback mock server, then `calls` (default 1,000,000)
 * cached `getAccessToken()` calls, and prints the heap after a full GC at each quarter as
 * JSON. A leak shows as growth from quarter to quarter; a bounded heap stays flat.
 */
import { createTokenManager } from '@livedata/core';
import { credentials, startBenchServer } from './mock.js';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  const calls = Number(process.argv[2] ?? 1_000_000);
  const server = await startBenchServer({ tokenTtlSeconds: 3600 });
  const tokens = createTokenManager({ baseUrl: server.url, credentials });
  try {
    const first = await tokens.getAccessToken();
    // Warm the code path so compiled code and inline caches are not counted as growth.
    for (let i = 0; i < 10_000; i += 1) await tokens.getAccessToken();
    const quarters: number[] = [heapAfterGc()];
    let mismatches = 0;
    for (let q = 0; q < 4; q += 1) {
      for (let i = 0; i < calls / 4; i += 1) {
        if ((await tokens.getAccessToken()) !== first) mismatches += 1;
      }
      quarters.push(heapAfterGc());
    }
    process.stdout.write(
      `${JSON.stringify({ calls, identityCalls: server.count('identity'), mismatches, heapUsed: quarters })}\n`,
    );
  } finally {
    await tokens.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
