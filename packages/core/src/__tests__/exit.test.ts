import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MockServer, startMockServer } from '@livedata/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './node-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'livedata-core-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dist = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;

describe('process exit', () => {
  it('a script that never calls close() exits while a background retry wait is pending', async () => {
    const script = join(dir, 'no-close.mjs');
    writeFileSync(
      script,
      `
      import { createServer } from 'node:http';
      import { TokenManager } from ${JSON.stringify(dist)};
      let calls = 0;
      const server = createServer((req, res) => {
        calls++;
        if (calls === 1) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ accessToken: 'tok-1', expires_in: 900 }));
        } else {
          res.writeHead(503, { 'retry-after': '30', connection: 'close' }).end();
        }
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      let skewMs = 0;
      const tokens = new TokenManager({
        baseUrl: 'http://127.0.0.1:' + server.address().port + '/api',
        credentials: { clientId: 'a', clientSecret: 'b' },
        retry: { maxAttempts: 5, maxDelayMs: 30_000 },
        requestTimeoutMs: 60_000,
        now: () => Date.now() + skewMs,
      });
      await tokens.getAccessToken();
      // 2 minutes before expiry: inside the soft window, so the caller gets the cached token
      // at once and a background refresh starts. It sleeps 30 s (Retry-After) on a timer
      // nobody waits for: that must not hold the process.
      skewMs = 13 * 60_000;
      console.log('served', (await tokens.getAccessToken()) === 'tok-1');
      await new Promise((r) => setTimeout(r, 200));
      server.closeAllConnections();
      server.close();
      console.log('done', calls);
      `,
    );
    const out = await runNode([script], {}, 15_000);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('served true');
    expect(out.stdout).toContain('done 2');
    expect(out.code).toBe(0);
    expect(out.ms).toBeLessThan(10_000);
  });

  describe('a script awaiting getAccessToken() gets its error instead of exiting mid-wait', () => {
    let api: MockServer;
    beforeAll(async () => {
      api = await startMockServer();
    });
    afterAll(async () => {
      await api.close();
    });

    it.each([
      ['a mock server answering 503 to every identity call', 'mock-503'],
      ['an unreachable identity endpoint (port 1)', 'port-1'],
    ])('against %s', async (_, mode) => {
      api.inject('identity', { kind: 'status', status: 503 });
      // The server runs in this (test) process: in the script, nothing but the caller's own
      // wait between retries is pending, which is what must keep it alive.
      const baseUrl = mode === 'mock-503' ? api.url : 'http://127.0.0.1:1/api';
      const script = join(dir, `await-${mode}.mjs`);
      writeFileSync(
        script,
        `
        import { TokenManager, LiveDataAuthError } from ${JSON.stringify(dist)};
        const tokens = new TokenManager({
          baseUrl: process.env.BASE_URL,
          credentials: { clientId: 'a', clientSecret: 'b' },
          retry: { maxAttempts: 4, baseDelayMs: 400, maxDelayMs: 400 },
        });
        try {
          await tokens.getAccessToken();
          console.log('token?!');
          process.exitCode = 3;
        } catch (error) {
          console.log('error', error instanceof LiveDataAuthError ? error.code : String(error));
          process.exitCode = 1;
        }
        `,
      );
      const before = api.count('identity');
      const out = await runNode([script], { BASE_URL: baseUrl }, 15_000);
      api.clearFaults();
      expect(out.stdout.trim()).toBe('error unavailable');
      expect(out.code).toBe(1); // not 13: a top-level await left unsettled when the loop ran dry
      if (mode === 'mock-503') expect(api.count('identity') - before).toBe(4); // every attempt
    });
  });
});
