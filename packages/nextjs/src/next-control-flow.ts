/**
 * Next.js interrupts rendering by throwing: `redirect()`, `notFound()`, `forbidden()`,
 * `unauthorized()`, and the bailouts that turn a prerender dynamic. Those must reach Next
 * untouched. Next marks them with a `digest` (and React's postpone with `$$typeof`); the
 * markers below are the ones Next 15 and 16 check in their own `unstable_rethrow`, read
 * here without importing Next's client navigation module (which cannot load in React's
 * server environment outside a Next bundle).
 */
const DIGEST_PREFIXES = ['NEXT_REDIRECT', 'NEXT_HTTP_ERROR_FALLBACK;', 'NEXT_NOT_FOUND'];
const DIGESTS = new Set([
  'BAILOUT_TO_CLIENT_SIDE_RENDERING',
  'DYNAMIC_SERVER_USAGE',
  'HANGING_PROMISE_REJECTION',
  'NEXT_PRERENDER_INTERRUPTED',
  'NEXT_STATIC_GEN_BAILOUT',
]);
const REACT_POSTPONE = Symbol.for('react.postpone');

function isControlFlow(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as { $$typeof?: unknown }).$$typeof === REACT_POSTPONE) return true;
  const digest = (value as { digest?: unknown }).digest;
  if (typeof digest !== 'string') return false;
  return DIGESTS.has(digest) || DIGEST_PREFIXES.some((prefix) => digest.startsWith(prefix));
}

/**
 * The Next.js control-flow error that `error` is, or that caused it (following `cause`),
 * or `undefined`.
 */
export function findNextControlFlowError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 16 && current !== undefined && current !== null; depth++) {
    if (isControlFlow(current)) return current;
    if (!(current instanceof Error) || !('cause' in current)) return undefined;
    current = current.cause;
  }
  return undefined;
}
