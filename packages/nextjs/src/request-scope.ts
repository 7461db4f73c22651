import { connection } from 'next/server.js';

/**
 * Next.js 16 says "`connection` was called outside a request scope" when no Next request
 * is being handled at all (a script, a test, a Pages Router API route, instrumentation).
 * There is no build-time render to protect then, so the call may proceed.
 */
const OUTSIDE_NEXT = /outside a request scope/i;

/**
 * Tells Next.js that what follows needs a real request, with its public `connection()`:
 *
 * - while `next build` prerenders a page, this stops the prerender (the page becomes
 *   dynamic), so no token is ever requested at build time;
 * - inside `'use cache'` or `unstable_cache` it throws Next's own error, so an answer made
 *   with a token is never kept in a cache;
 * - during a request, it resolves at once.
 *
 * Outside any Next.js request (Next 15 resolves there, Next 16 throws a "request scope"
 * error) it resolves too, so the helpers also work in scripts and tests.
 */
export async function requireRequestScope(): Promise<void> {
  try {
    await connection();
  } catch (error) {
    if (error instanceof Error && OUTSIDE_NEXT.test(error.message)) return;
    throw error;
  }
}
