import { normalizeBaseUrl } from './base-url.js';
import { LiveDataAuthError } from './errors.js';
import { TokenManager } from './token-manager.js';
import type { LiveDataCredentials, TokenManagerOptions } from './types.js';

/** Environment variables read by {@link tokenManagerFromEnv}. */
export const LIVEDATA_ENV = {
  /** Service account client id; set with `clientSecret`. */
  clientId: 'LIVEDATA_CLIENT_ID',
  /** Service account client secret; set with `clientId`. */
  clientSecret: 'LIVEDATA_CLIENT_SECRET',
  /** User login; set with `password`. */
  username: 'LIVEDATA_USERNAME',
  /** User password; set with `username`. */
  password: 'LIVEDATA_PASSWORD',
  /** API key (people and company endpoints only). */
  apiKey: 'LIVEDATA_API_KEY',
  /** Optional base URL of the API, default `'https://gotlivedata.io/api'`. */
  baseUrl: 'LIVEDATA_BASE_URL',
} as const;

/** An environment: `process.env` or any string map. */
export type LiveDataEnv = Record<string, string | undefined>;

function processEnv(): LiveDataEnv {
  // Guarded: edge and worker runtimes may have no `process`.
  const proc = (globalThis as { process?: { env?: LiveDataEnv } }).process;
  return proc?.env ?? {};
}

const ALL_KINDS =
  'LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET, LIVEDATA_USERNAME + LIVEDATA_PASSWORD, or LIVEDATA_API_KEY';

/**
 * Token manager options from environment variables: exactly one complete credential kind
 * (`LIVEDATA_CLIENT_ID` + `LIVEDATA_CLIENT_SECRET`, `LIVEDATA_USERNAME` + `LIVEDATA_PASSWORD`,
 * or `LIVEDATA_API_KEY`) and optionally `LIVEDATA_BASE_URL`. Empty values count as unset.
 * `overrides` win over the environment (`overrides.credentials` skips the credential variables).
 *
 * @throws LiveDataAuthError code `config` naming the variables to set or unset.
 */
export function tokenManagerOptionsFromEnv(
  env: LiveDataEnv = processEnv(),
  overrides: Partial<TokenManagerOptions> = {},
): TokenManagerOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const options: TokenManagerOptions = { ...overrides } as TokenManagerOptions;
  if (overrides.baseUrl === undefined) {
    const baseUrl = read(LIVEDATA_ENV.baseUrl);
    if (baseUrl !== undefined) options.baseUrl = normalizeBaseUrl(baseUrl, LIVEDATA_ENV.baseUrl);
  }
  if (overrides.credentials !== undefined) return options;

  const clientId = read(LIVEDATA_ENV.clientId);
  const clientSecret = read(LIVEDATA_ENV.clientSecret);
  const username = read(LIVEDATA_ENV.username);
  const password = read(LIVEDATA_ENV.password);
  const apiKey = read(LIVEDATA_ENV.apiKey);

  const pairs: [string | undefined, string | undefined, string, string][] = [
    [clientId, clientSecret, LIVEDATA_ENV.clientId, LIVEDATA_ENV.clientSecret],
    [username, password, LIVEDATA_ENV.username, LIVEDATA_ENV.password],
  ];
  for (const [a, b, nameA, nameB] of pairs) {
    if ((a === undefined) !== (b === undefined)) {
      const [set, missing] = a === undefined ? [nameB, nameA] : [nameA, nameB];
      throw new LiveDataAuthError('config', `${set} is set but ${missing} is not; set both.`, {
        setting: missing,
      });
    }
  }
  const kinds: { names: string; credentials: LiveDataCredentials }[] = [];
  if (clientId && clientSecret) {
    kinds.push({
      names: `${LIVEDATA_ENV.clientId}/${LIVEDATA_ENV.clientSecret}`,
      credentials: { clientId, clientSecret },
    });
  }
  if (username && password) {
    kinds.push({
      names: `${LIVEDATA_ENV.username}/${LIVEDATA_ENV.password}`,
      credentials: { username, password },
    });
  }
  if (apiKey) kinds.push({ names: LIVEDATA_ENV.apiKey, credentials: { apiKey } });

  if (kinds.length === 0) {
    throw new LiveDataAuthError(
      'config',
      `No Live Data credentials in the environment; set ${ALL_KINDS}.`,
      {
        setting: LIVEDATA_ENV.clientId,
      },
    );
  }
  if (kinds.length > 1) {
    const names = kinds.map((k) => k.names).join(' and ');
    throw new LiveDataAuthError(
      'config',
      `Several Live Data credential kinds are set (${names}); set exactly one of ${ALL_KINDS}.`,
      { setting: kinds.map((k) => k.names).join(',') },
    );
  }
  options.credentials = (kinds[0] as (typeof kinds)[number]).credentials;
  return options;
}

/**
 * A {@link TokenManager} configured from environment variables (see
 * {@link tokenManagerOptionsFromEnv}). `env` defaults to `process.env` where it exists.
 *
 * @throws LiveDataAuthError code `config` naming the variables to fix.
 */
export function tokenManagerFromEnv(
  env: LiveDataEnv = processEnv(),
  overrides: Partial<TokenManagerOptions> = {},
): TokenManager {
  const options = tokenManagerOptionsFromEnv(env, overrides);
  try {
    return new TokenManager(options);
  } catch (error) {
    // A credential refused by the constructor (e.g. an API key with a space in it) came from
    // a variable: name the variable, not the option the user never wrote.
    const field = error instanceof LiveDataAuthError ? error.setting?.split('.')[1] : undefined;
    const variable =
      overrides.credentials === undefined && field !== undefined && field in LIVEDATA_ENV
        ? LIVEDATA_ENV[field as keyof typeof LIVEDATA_ENV]
        : undefined;
    if (variable === undefined || !(error instanceof LiveDataAuthError)) throw error;
    throw new LiveDataAuthError('config', error.message.replace(`credentials.${field}`, variable), {
      setting: variable,
      retryable: false,
    });
  }
}
