/**
 * The symbol Node's `util.inspect` looks for. Using `Symbol.for` keeps the core free of
 * `node:` imports while still controlling what `console.log(manager)` prints.
 */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A copy of a thrown value that is safe to attach as `cause`: its name, message and
 * (network) error code, nothing else. Raw errors may carry the request (headers, body).
 */
export function sanitizeCause(error: unknown): Error {
  if (!(error instanceof Error))
    return new Error(typeof error === 'string' ? error : 'non-Error thrown');
  const copy = new Error(error.message);
  copy.name = error.name;
  const code = networkCode(error);
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}

function networkCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: unknown }).cause;
  if (cause && typeof cause === 'object') {
    const nested = (cause as { code?: unknown }).code;
    if (typeof nested === 'string') return nested;
  }
  return undefined;
}
