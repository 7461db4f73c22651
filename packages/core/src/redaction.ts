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

/** What a secret or token reads as once redacted, wherever it was. */
export const REDACTED = '[redacted]';

/**
 * The redaction rule for text that may quote a secret or token (a raw header block, a
 * header value, a message): every occurrence of each non-empty `secrets` entry becomes
 * {@link REDACTED}. Text without any of them is returned as is (the same string).
 *
 * @param text - the text to clean.
 * @param secrets - the values that must not appear; empty strings are ignored.
 * @returns `text` with every occurrence replaced.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== '' && result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * Keeps `holder[key]` readable by code but out of everything that prints or serializes
 * `holder`: the own property becomes a non-enumerable getter (with a setter, so code that
 * assigns it still works). `JSON.stringify` and `Object.keys` skip it, and `util.inspect`,
 * even with `showHidden: true`, shows `[Getter/Setter]` instead of the value. For values
 * that hold a secret the owner cannot remove (a sent request object, whose header text
 * holds the token). Does nothing when `holder` has no such own property, or it cannot be
 * redefined.
 *
 * @param holder - the object that carries the property.
 * @param key - the property to conceal.
 * @param beforeFirstRead - called once with the value, the first time code reads it through
 *   the getter (e.g. to scrub it only when someone looks); never called for a value that was
 *   assigned afterwards.
 */
export function concealProperty(
  holder: object | null | undefined,
  key: PropertyKey,
  beforeFirstRead?: (value: unknown) => void,
): void {
  if (!holder) return;
  const descriptor = Object.getOwnPropertyDescriptor(holder, key);
  if (!descriptor?.configurable || !('value' in descriptor)) return;
  let value: unknown = descriptor.value;
  let pending = beforeFirstRead;
  Object.defineProperty(holder, key, {
    configurable: true,
    enumerable: false,
    get: () => {
      if (pending !== undefined) {
        const run = pending;
        pending = undefined;
        run(value);
      }
      return value;
    },
    set: (next: unknown) => {
      pending = undefined;
      value = next;
    },
  });
}
