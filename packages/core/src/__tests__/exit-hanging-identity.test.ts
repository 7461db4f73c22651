// A background refresh whose identity call hangs, in a script that has finished. Node's
// fetch keeps its socket referenced while a request is pending, and no web-standard API can
// release it, so that one attempt holds the process until `requestTimeoutMs` (see the
// README's caveats). What the manager guarantees: nothing after that attempt (retries,
// backoff) holds the process, and `close()` releases it at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runNode } from './node-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'livedata-core-exit-hang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dist = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** Answers the first identity call with a token, then accepts every later one and never answers. */
async function hangingIdentity(): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((req, res) => {
    calls++;
    req.resume();
    if (calls === 1) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ accessToken: 'tok-1', expires_in: 900 }));
    }
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, calls: () => calls };
}

function script(name: string, requestTimeoutMs: number, closeAtEnd: boolean): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `
    import { TokenManager } from ${JSON.stringify(dist)};
    let skewMs = 0;
    const tokens = new TokenManager({
      baseUrl: process.env.BASE_URL,
      credentials: { clientId: 'a', clientSecret: 'b' },
      requestTimeoutMs: ${requestTimeoutMs},
      retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 1_000 },
      now: () => Date.now() + skewMs,
    });
    await tokens.getAccessToken();
    // Into the soft window: the cached token is served and a background refresh starts; its
    // identity call never gets an answer.
    skewMs = 13 * 60_000;
    console.log('served', await tokens.getAccessToken());
    await new Promise((r) => setTimeout(r, 100)); // the refresh's request is on the wire
    ${closeAtEnd ? 'await tokens.close();' : ''}
    console.log('end of script');
    `,
  );
  return path;
}

/**
 * Runs the script (with or without `close()` at its end) against a hanging identity
 * endpoint, killed after `killAfterMs`; expects it to reach its end and exit 0, silently.
 */
async function runToTheEnd(requestTimeoutMs: number, closeAtEnd: boolean, killAfterMs: number) {
  const idp = await hangingIdentity();
  const name = closeAtEnd ? 'close.mjs' : 'no-close.mjs';
  const out = await runNode(
    [script(name, requestTimeoutMs, closeAtEnd)],
    { BASE_URL: idp.url },
    killAfterMs,
  );
  expect(out.stderr).toBe('');
  expect(out.stdout).toContain('end of script');
  expect(out.code).toBe(0);
  return { idp, out };
}

describe('a finished script with a background refresh whose identity call hangs', () => {
  it('is held by that one attempt only (until requestTimeoutMs), never by its retries', async () => {
    const requestTimeoutMs = 3_000;
    const { idp, out } = await runToTheEnd(requestTimeoutMs, false, 60_000);
    expect(out.stdout).toContain('served tok-1');
    // The attempt's request held the process (Node's fetch: a pending request's socket is
    // referenced), so it cannot have exited before that attempt's timeout...
    expect(out.ms).toBeGreaterThanOrEqual(requestTimeoutMs);
    // ...and it exited then, during the backoff: no second background attempt was made.
    expect(idp.calls()).toBe(2);
    // Generous: 4 attempts and their backoff would take 4 × 3 s + 3 × 1 s.
    expect(out.ms).toBeLessThan(4 * requestTimeoutMs + 3_000);
  });

  it('close() at the end of the script ends the hanging request and the process at once', async () => {
    const requestTimeoutMs = 60_000;
    const { idp, out } = await runToTheEnd(requestTimeoutMs, true, 90_000);
    expect(idp.calls()).toBe(2);
    expect(out.ms).toBeLessThan(requestTimeoutMs / 2); // generous: it does not wait the timeout
  }, 120_000);
});
