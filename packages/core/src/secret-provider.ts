import { LiveDataAuthError } from './errors.js';
import { unrefTimer } from './timers.js';
import type { SecretProvider } from './types.js';

/** The credential fields that hold a secret (a string or a {@link SecretProvider}). */
export type SecretField = 'clientSecret' | 'password' | 'apiKey';

/** A secret as configured: the value itself, or a function that returns it when asked. */
export type SecretSource = string | SecretProvider;

// C0 controls (line breaks, tabs, NUL), DEL and C1 controls: never part of a real secret, and
// the usual sign of a value read from a file or an environment variable without trimming.
const CONTROL_CHARACTER = /\p{Cc}/u;
// A lone surrogate would be replaced (URLSearchParams) or escaped (JSON) on the way out, so
// identity would see another secret than the one configured.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// An API key goes into the Authorization header as is: visible ASCII, no whitespace.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'undefined' ? 'undefined' : `a ${type}`;
}

/**
 * Why `value` cannot be used as the secret `field`, or `undefined` when it can. The answer
 * describes the value's shape only, never its content. One rule for configured values and
 * for what providers return.
 */
export function secretProblem(value: unknown, field: SecretField): string | undefined {
  if (typeof value !== 'string') return `is ${describeType(value)}, not a string`;
  if (value.length === 0) return 'is empty';
  if (field === 'apiKey') {
    return HEADER_SAFE.test(value)
      ? undefined
      : 'contains whitespace, a control character or a non-ASCII character (an API key is sent in a header as is)';
  }
  if (value.trim().length === 0) return 'is blank (only whitespace)';
  if (CONTROL_CHARACTER.test(value)) return 'contains a line break or another control character';
  if (LONE_SURROGATE.test(value)) return 'is not well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

/** Where a problem with a secret usually comes from, to end the error message with. */
const TRIM_HINT = 'trim what you read from a file or an environment variable';

/**
 * Checks a secret given as a plain string at construction.
 *
 * @throws LiveDataAuthError code `config` naming the field; never the value.
 */
export function checkStaticSecret(value: string, field: SecretField): void {
  const problem = secretProblem(value, field);
  if (problem === undefined) return;
  throw new LiveDataAuthError('config', `credentials.${field} ${problem}; ${TRIM_HINT}.`, {
    setting: `credentials.${field}`,
    retryable: false,
  });
}

function providerError(field: SecretField, what: string): LiveDataAuthError {
  // No `cause`: the provider's own error may quote the secret, a path or a vault response.
  return new LiveDataAuthError('config', `credentials.${field}: the secret provider ${what}.`, {
    setting: `credentials.${field}`,
    retryable: false,
  });
}

/**
 * The secret now: `source` itself when it is a string (checked at construction), else what
 * the provider returns, checked by the same rule. A provider is given `timeoutMs` to settle.
 *
 * @throws LiveDataAuthError code `config`, retryable false, when the provider throws, rejects,
 * does not settle in time, or returns an unusable value. The message names the field and
 * the problem, never the value nor the provider's error text.
 */
export async function resolveSecret(
  source: SecretSource,
  field: SecretField,
  timeoutMs: number,
): Promise<string> {
  if (typeof source === 'string') return source;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = Symbol('timeout');
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs);
    unrefTimer(timer);
  });
  let value: unknown;
  try {
    // Called unbound and inside the promise chain, so a provider that throws synchronously
    // rejects like one that rejects.
    value = await Promise.race([Promise.resolve().then(() => source()), deadline]);
  } catch {
    throw providerError(
      field,
      'threw; check where it reads the secret from (its error is not shown, as it may contain the secret)',
    );
  } finally {
    clearTimeout(timer);
  }
  if (value === timedOut) {
    throw providerError(field, `did not return within ${timeoutMs} ms (requestTimeoutMs)`);
  }
  const problem = secretProblem(value, field);
  if (problem !== undefined) {
    throw providerError(field, `returned a value that ${problem}; ${TRIM_HINT}`);
  }
  return value as string;
}
