import * as nextServer from 'next/server.js';

type After = (task: Promise<unknown>) => void;

/** Next's `after()` (`unstable_after` on Next 15.0), read when needed: older builds lack it. */
function nextAfter(): After | undefined {
  const exports = nextServer as unknown as { after?: unknown; unstable_after?: unknown };
  const after = exports.after ?? exports.unstable_after;
  return typeof after === 'function' ? (after as After) : undefined;
}

/**
 * The core's `waitUntil` for Next.js: a background refresh a request starts is handed to
 * `after()`, so the platform keeps the function alive until it settles (on Vercel and in
 * any host that ends or freezes a function once it has answered). Outside a request scope
 * (`next build`, `instrumentation.ts`, scripts, tests) `after()` throws; there is no
 * request to keep alive then, and the refresh goes on by itself.
 */
export function handToAfter(promise: Promise<unknown>): void {
  try {
    nextAfter()?.(promise);
  } catch {
    // Outside a request scope: nothing to hand it to.
  }
}
