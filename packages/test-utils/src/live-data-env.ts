import { LIVEDATA_ENV } from '@livedata/core';
import { demoCredentials } from '@livedata/mock-server';

/** Every variable core reads (`LIVEDATA_ENV`), from core's own list. */
export const LIVEDATA_ENV_NAMES: readonly string[] = Object.values(LIVEDATA_ENV);

/**
 * Whether `name` configures Live Data: one of core's variables, or another `LIVEDATA_*`
 * name an app adds on top of them (`LIVEDATA_ORG_ID`, `LIVEDATA_OTEL_CONSOLE`…).
 */
export function isLiveDataVariable(name: string): boolean {
  return LIVEDATA_ENV_NAMES.includes(name) || name.startsWith('LIVEDATA_');
}

/** Deletes every Live Data variable from `env` (default `process.env`), in place. */
export function clearLiveDataEnv(env: Record<string, string | undefined> = process.env): void {
  for (const name of Object.keys(env)) if (isLiveDataVariable(name)) delete env[name];
}

/** A copy of `env` (default `process.env`) without its Live Data variables. */
export function withoutLiveDataEnv(
  env: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !isLiveDataVariable(name)) copy[name] = value;
  }
  return copy;
}

/** A base URL, or anything with one, such as a running mock server. */
type BaseUrl = string | { readonly url: string };

/** `LIVEDATA_BASE_URL` for `baseUrl`, then `credentials`, then `overrides`. */
function demoEnv(
  baseUrl: BaseUrl,
  credentials: Record<string, string>,
  overrides: Record<string, string>,
): Record<string, string> {
  const url = typeof baseUrl === 'string' ? baseUrl : baseUrl.url;
  return { [LIVEDATA_ENV.baseUrl]: url, ...credentials, ...overrides };
}

/**
 * The `LIVEDATA_*` variables of the mock server's demo service account at `baseUrl`
 * (a URL, or anything with one, such as a running mock server), plus `overrides`.
 */
export function serviceAccountEnv(
  baseUrl: BaseUrl,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { clientId, clientSecret } = demoCredentials;
  const credentials = {
    [LIVEDATA_ENV.clientId]: clientId,
    [LIVEDATA_ENV.clientSecret]: clientSecret,
  };
  return demoEnv(baseUrl, credentials, overrides);
}

/** The `LIVEDATA_*` variables of the mock server's demo user at `baseUrl`, plus `overrides`. */
export function userEnv(
  baseUrl: BaseUrl,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { username, password } = demoCredentials;
  return demoEnv(
    baseUrl,
    { [LIVEDATA_ENV.username]: username, [LIVEDATA_ENV.password]: password },
    overrides,
  );
}

/** The `LIVEDATA_*` variables of the mock server's demo API key at `baseUrl`, plus `overrides`. */
export function apiKeyEnv(
  baseUrl: BaseUrl,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return demoEnv(baseUrl, { [LIVEDATA_ENV.apiKey]: demoCredentials.apiKey }, overrides);
}
