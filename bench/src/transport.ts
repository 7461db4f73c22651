/**
 * One connection policy for both HTTP stacks, set once per process before any contender
 * runs: keep-alive, at most {@link MAX_SOCKETS_PER_ORIGIN} sockets per origin. Without a
 * cap, 10,000 concurrent requests open 10,000 sockets on each side of loopback, which
 * exceeds this machine's file-descriptor limit and measures the kernel, not the libraries.
 * It is a property of the process, not of any library, so every contender gets the same.
 */
import http from 'node:http';
import { Agent, setGlobalDispatcher } from 'undici';

/** Sockets per origin, for fetch (undici) and for Axios (node:http). */
export const MAX_SOCKETS_PER_ORIGIN = 256;

let configured = false;

/** Applies the connection policy to global fetch and to `http.globalAgent`. Idempotent. */
export function configureTransport(): void {
  if (configured) return;
  configured = true;
  setGlobalDispatcher(new Agent({ connections: MAX_SOCKETS_PER_ORIGIN, keepAliveTimeout: 10_000 }));
  http.globalAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN });
}
