/**
 * The light loopback server of the overhead scenario, run in its own process (started by
 * `light-server.ts`) so that the benchmark process's CPU time is the client's alone. It
 * does the least an API can: a client-credentials sign-in that answers a token living a
 * day, and `{}` with 200 to any other request that carries a Bearer token (401 otherwise).
 * It prints its port on stdout and exits when its parent does.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY_MS = 24 * 3600 * 1000;
const OK_BODY = '{}';

/** `2021-11-19T23:36:09.092720`: UTC without a zone suffix, as the real API writes it. */
function naiveUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000`;
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && req.url?.endsWith('/identity/v1/session')) {
      const body = JSON.stringify({
        accessToken: randomBytes(24).toString('base64url'),
        expiresAt: naiveUtc(Date.now() + DAY_MS),
      });
      res.writeHead(200, { 'content-type': 'application/json', date: new Date().toUTCString() });
      res.end(body);
      return;
    }
    const authorized = req.headers.authorization?.startsWith('Bearer ') === true;
    res.writeHead(authorized ? 200 : 401, {
      'content-type': 'application/json',
      'content-length': authorized ? OK_BODY.length : 2,
    });
    res.end(authorized ? OK_BODY : '{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('disconnect', () => process.exit(0));
