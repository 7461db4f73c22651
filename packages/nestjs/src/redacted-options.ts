import type { FactoryProvider, Provider, ValueProvider } from '@nestjs/common';
import { LIVE_DATA_MODULE_OPTIONS } from './live-data.constants.js';
import type { LiveDataModuleOptions } from './live-data.options.js';

// What Node's `util.inspect` looks for; `Symbol.for` needs no `node:util` import.
const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');

// The fields of every credential kind. Only the identities may be printed: they name the
// credential in store keys and events; everything else is, or may be, a secret.
const CREDENTIAL_FIELDS = ['clientId', 'clientSecret', 'username', 'password', 'apiKey'] as const;
const PRINTABLE_FIELDS: ReadonlySet<string> = new Set(['clientId', 'username']);

/** Printed in place of a secret. */
export const REDACTED = '[redacted]';

/**
 * The options provider of a registration, with its value passed through
 * {@link redactedModuleOptions}: the container, `util.inspect` of a provider and
 * `JSON.stringify` of the dynamic module then never show the credentials' secrets.
 * Every other provider is returned unchanged.
 * @internal
 */
export function redactOptionsProvider(provider: Provider): Provider {
  if (typeof provider !== 'object' || provider.provide !== LIVE_DATA_MODULE_OPTIONS)
    return provider;
  if ('useValue' in provider) {
    const value = provider as ValueProvider<LiveDataModuleOptions>;
    return { ...value, useValue: redactedModuleOptions(value.useValue) };
  }
  if ('useFactory' in provider) {
    const factory = provider as FactoryProvider<LiveDataModuleOptions>;
    const resolve = factory.useFactory;
    return {
      ...factory,
      // Stays synchronous for a synchronous factory, so Nest resolves the options the same way.
      useFactory: (...args: unknown[]) => {
        const result = resolve(...args);
        return isPromiseLike(result)
          ? Promise.resolve(result).then(redactedModuleOptions)
          : redactedModuleOptions(result);
      },
    };
  }
  return provider;
}

/**
 * A shallow copy of `options` whose `credentials` keep every field (the token manager reads
 * them as usual) but print as `{ clientId: '…', clientSecret: '[redacted]' }` under
 * `util.inspect` (any options, `showHidden` included), `util.format('%o')` and
 * `JSON.stringify`. Anything that is not an options object is returned as is, for the
 * token manager to refuse with its own `config` error.
 * @internal
 */
export function redactedModuleOptions(options: LiveDataModuleOptions): LiveDataModuleOptions {
  if (options === null || typeof options !== 'object') return options;
  const credentials: unknown = options.credentials;
  if (credentials === null || typeof credentials !== 'object') return options;
  return {
    ...options,
    credentials: redactedCredentials(
      credentials as Record<string, unknown>,
    ) as unknown as LiveDataModuleOptions['credentials'],
  };
}

function redactedCredentials(credentials: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  // The known fields are read even when they are getters on a prototype, which a spread would drop.
  const keys = new Set([
    ...Object.keys(credentials),
    ...CREDENTIAL_FIELDS.filter((field) => credentials[field] !== undefined),
  ]);
  for (const key of keys) copy[key] = credentials[key];
  const printable = (): Record<string, unknown> =>
    Object.fromEntries(
      Object.keys(copy).map((key) => [
        key,
        PRINTABLE_FIELDS.has(key) && typeof copy[key] === 'string' ? copy[key] : REDACTED,
      ]),
    );
  // Non-enumerable: a spread or Object.keys of the credentials sees only the fields.
  Object.defineProperties(copy, {
    toJSON: { value: printable },
    [inspectCustom]: { value: printable },
  });
  return copy;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
