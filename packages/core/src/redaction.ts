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
 */
export function concealProperty(holder: object | null | undefined, key: PropertyKey): void {
  if (!holder) return;
  const descriptor = Object.getOwnPropertyDescriptor(holder, key);
  if (!descriptor?.configurable || !('value' in descriptor)) return;
  let value: unknown = descriptor.value;
  Object.defineProperty(holder, key, {
    configurable: true,
    enumerable: false,
    get: () => value,
    set: (next: unknown) => {
      value = next;
    },
  });
}
