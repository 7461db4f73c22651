import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link RecordingServer} saw. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Names and values as they came, duplicates included. */
  rawHeaders: string[];
}

/** A plain loopback HTTP server that records every request's headers. */
export interface RecordingServer {
  readonly origin: string;
  readonly requests: SeenRequest[];
  /** Forgets the recorded requests. */
  resetRequests(): void;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 (a free port). `GET /…/redirect?to=URL` answers 302 to `URL`;
 * `/…/unauthorized` answers 401; every other path answers 200 `{"ok":true}`.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
    });
    req.resume();
    if (url.pathname.endsWith('/redirect')) {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    } else if (url.pathname.endsWith('/unauthorized')) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    resetRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
