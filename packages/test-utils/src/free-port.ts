import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a child process that must be told its port
 * up front (redis-server, `next start`). Prefer port 0 whenever the server can report the
 * port it bound.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
