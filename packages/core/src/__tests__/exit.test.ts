import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from './node-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'livedata-core-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dist = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;

describe('process exit', () => {
  it('a script that never calls close() exits on its own, even mid-retry', async () => {
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
      const tokens = new TokenManager({
        baseUrl: 'http://127.0.0.1:' + server.address().port + '/api',
        credentials: { clientId: 'a', clientSecret: 'b' },
        retry: { maxAttempts: 5, maxDelayMs: 30_000 },
        requestTimeoutMs: 60_000,
      });
      await tokens.getAccessToken();
      // A forced refresh now sleeps 30 s (Retry-After) on a timer: it must not hold the process.
      tokens.getAccessToken({ forceRefresh: true }).catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      server.closeAllConnections();
      server.close();
      console.log('done', calls);
      `,
    );
    const out = await runNode([script], {}, 15_000);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('done 2');
    expect(out.code).toBe(0);
    expect(out.ms).toBeLessThan(10_000);
  });
});
