import { LiveDataAuthError, type LiveDataEnv, tokenManagerOptionsFromEnv } from '@livedata/core';
import { DEMO_ORG_ID } from '@livedata/mock-server';
import type { LiveDataModuleOptions } from '@livedata/nestjs';
import type { ConfigService } from '@nestjs/config';
import { liveDataTelemetry } from './telemetry.js';

/** Credential variables of the default account, as `@livedata/core` names them. */
const CREDENTIAL_ENV = [
  'LIVEDATA_CLIENT_ID',
  'LIVEDATA_CLIENT_SECRET',
  'LIVEDATA_USERNAME',
  'LIVEDATA_PASSWORD',
  'LIVEDATA_API_KEY',
] as const;

/** Name of the service's second Live Data registration (`LiveDataModule.forRootAsync({ name })`). */
export const ENRICHMENT_ACCOUNT = 'enrichment';

/**
 * Credential variables of the enrichment account: the default ones with `ENRICHMENT_` after
 * `LIVEDATA_`, e.g. `LIVEDATA_ENRICHMENT_CLIENT_ID`. Same rules (exactly one kind).
 */
export const ENRICHMENT_CREDENTIAL_ENV: readonly string[] = CREDENTIAL_ENV.map(enrichmentName);

/** Variables this service reads (all through `ConfigService`). */
export const EXAMPLE_ENV: readonly string[] = [
  ...CREDENTIAL_ENV,
  ...ENRICHMENT_CREDENTIAL_ENV,
  'LIVEDATA_BASE_URL',
  'LIVEDATA_ORG_ID',
];

/** Injection token of {@link ExampleSettings}. */
export const EXAMPLE_SETTINGS = Symbol('EXAMPLE_SETTINGS');

/** What the controllers need besides the Live Data module. */
export interface ExampleSettings {
  /** Organization whose people `GET /people` searches: `LIVEDATA_ORG_ID`, default the mock's demo org. */
  orgId: string;
}

/** `LIVEDATA_*` variables as an env map, read through `ConfigService`. */
function liveDataEnv(config: ConfigService): LiveDataEnv {
  return Object.fromEntries(EXAMPLE_ENV.map((name) => [name, config.get<string>(name)]));
}

/** Token manager options from configuration (exactly one credential kind, optional base URL). */
export function liveDataOptionsFromConfig(config: ConfigService): LiveDataModuleOptions {
  return { ...tokenManagerOptionsFromEnv(liveDataEnv(config)), onEvent: liveDataTelemetry };
}

/**
 * Options of the enrichment account: its own `LIVEDATA_ENRICHMENT_*` credentials and the
 * shared `LIVEDATA_BASE_URL`. With none of those variables set, the same credentials as the
 * default account (still its own token manager), so a one-account setup keeps working.
 */
export function enrichmentOptionsFromConfig(config: ConfigService): LiveDataModuleOptions {
  const env = liveDataEnv(config);
  if (!ENRICHMENT_CREDENTIAL_ENV.some((name) => env[name]?.trim()))
    return tokenManagerOptionsFromEnv(env);
  const own: LiveDataEnv = { LIVEDATA_BASE_URL: env.LIVEDATA_BASE_URL };
  for (const name of CREDENTIAL_ENV) own[name] = env[enrichmentName(name)];
  try {
    return tokenManagerOptionsFromEnv(own);
  } catch (error) {
    // Core names the variables it read; the user set the ENRICHMENT_ ones.
    if (!(error instanceof LiveDataAuthError)) throw error;
    throw new LiveDataAuthError(error.code, renameCredentialEnv(error.message), {
      ...(error.setting === undefined ? {} : { setting: renameCredentialEnv(error.setting) }),
    });
  }
}

function enrichmentName(name: string): string {
  return name.replace('LIVEDATA_', 'LIVEDATA_ENRICHMENT_');
}

function renameCredentialEnv(text: string): string {
  return text.replace(/\bLIVEDATA_(CLIENT_ID|CLIENT_SECRET|USERNAME|PASSWORD|API_KEY)\b/g, (name) =>
    enrichmentName(name),
  );
}

/** The service's own settings from configuration. */
export function exampleSettingsFromConfig(config: ConfigService): ExampleSettings {
  return { orgId: config.get<string>('LIVEDATA_ORG_ID')?.trim() || DEMO_ORG_ID };
}

/**
 * Whether any Live Data credential variable (of either account) is set; `main.ts` starts the
 * mock when none is.
 * A half-set pair counts as set, so the service fails with a config error naming the
 * missing variable instead of quietly running against the mock.
 */
export function hasLiveDataCredentials(env: LiveDataEnv): boolean {
  return [...CREDENTIAL_ENV, ...ENRICHMENT_CREDENTIAL_ENV].some((name) =>
    Boolean(env[name]?.trim()),
  );
}
