/**
 * The symbol Node's `util.inspect` looks for. Using `Symbol.for` keeps the core free of
 * `node:` imports while still controlling what `console.log(manager)` prints.
 */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom');

// What may survive of an underlying error: a name shaped like an error class name and a code
// shaped like a Node or undici error code (`TypeError`, `AbortError`, `DOMException`;
// `ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`). Anything else, which could be a value from the
// request, is dropped.
const SAFE_NAME = /^[A-Z][A-Za-z0-9]{0,48}(?:Error|Exception)$/;
const SAFE_CODE = /^[A-Z][A-Z0-9_]{1,48}$/;

/** How deep {@link sanitizeCause} looks for a network error code in a `cause` chain. */
const MAX_CAUSE_DEPTH = 4;

/**
 * A stand-in for a thrown value, safe to attach as `cause`: the core's one rule for causes.
 * It keeps the underlying error's name and (network) error code, and nothing else: not its
 * message, stack, properties or own `cause`, because any of them may quote the request (a
 * `fetch` that puts the JSON body with the client secret in its message, an error that keeps
 * the headers). Its message says what it stands for in our own words, e.g.
 * `TypeError (ECONNREFUSED); the original message is withheld`.
 */
export function sanitizeCause(error: unknown): Error {
  // Duck-typed, not `instanceof Error`: an error from another realm (a vm, an iframe) counts.
  const isObject = error !== null && typeof error === 'object';
  let rawName: unknown;
  try {
    rawName = isObject ? (error as { name?: unknown }).name : undefined;
  } catch {
    rawName = undefined; // a throwing getter on a hostile error object
  }
  const name = typeof rawName === 'string' && SAFE_NAME.test(rawName) ? rawName : 'Error';
  const code = isObject ? networkCode(error) : undefined;
  const what = isObject ? name : `a thrown ${typeof error}`;
  const copy = new Error(
    `${what}${code === undefined ? '' : ` (${code})`}; the original message is withheld, it may quote the request`,
  );
  copy.name = name;
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}

/** The first error-code-shaped string `code` along the `cause` chain (undici nests it). */
function networkCode(error: object): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
    if (current === null || typeof current !== 'object') return undefined;
    let code: unknown;
    let next: unknown;
    try {
      code = (current as { code?: unknown }).code;
      next = (current as { cause?: unknown }).cause;
    } catch {
      return undefined; // a throwing getter: give up rather than fail the caller
    }
    if (typeof code === 'string' && SAFE_CODE.test(code)) return code;
    current = next;
  }
  return undefined;
}
