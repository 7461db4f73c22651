/**
 * The demo (`npm run demo` → demo/dist/main.js) is the first thing a new user runs. Its
 * core steps need only the built core and mock-server packages, so they run here; the
 * example-app steps are exercised by running the whole demo (see demo/src/). turbo builds
 * the demo before this test runs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '@livedata/test-utils';
import { describe, expect, it } from 'vitest';

const demo = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'demo',
  'dist',
  'main.js',
);

/** Runs the demo with `PATH` alone: nothing leaks in from the developer's shell. */
async function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = await runNode([demo, ...args], { env: { NO_COLOR: '1' }, baseEnv: 'minimal' });
  return { code: run.code, output: run.stdout + run.stderr };
}

describe('the demo', () => {
  it('runs the core, concurrency, rotation and error steps against the mock and exits 0', async () => {
    const { code, output } = await runDemo(['--only', 'a,b,c,d']);

    expect(output).toContain('Against a local mock of the Live Data API');
    expect(output).toMatch(/200 API calls answered 200 .*the mock saw 1 identity call/);
    expect(output).toMatch(/\d+ requests, 0 failed, 0 sent with an expired or rejected token/);
    expect(output).toMatch(/0 callers waited for one after the cold start/);
    expect(output).toContain("code 'quota_exceeded'");
    expect(output).toContain("code 'forbidden'");
    expect(output).toContain("code 'rate_limited', retryAfterMs 3000");
    expect(output).toContain("code 'invalid_credentials'");
    expect(output).not.toContain('demo-client-secret');
    expect(code, output).toBe(0);
  }, 60_000);

  it('explains --help without starting anything', async () => {
    const { code, output } = await runDemo(['--help']);

    expect(code).toBe(0);
    expect(output).toContain('Usage: npm run demo');
  });
});
