import { type LiveDataEnv, tokenManagerOptionsFromEnv } from '@livedata/core';
import { DEMO_ORG_ID } from '@livedata/mock-server';
import type { LiveDataModuleOptions } from '@livedata/nestjs';
import type { ConfigService } from '@nestjs/config';
import { liveDataTelemetry } from './telemetry.js';

/** Variables this service reads (all through `ConfigService`). */
export const EXAMPLE_ENV = [
  'LIVEDATA_CLIENT_ID',
  'LIVEDATA_CLIENT_SECRET',
  'LIVEDATA_USERNAME',
  'LIVEDATA_PASSWORD',
  'LIVEDATA_API_KEY',
  'LIVEDATA_BASE_URL',
  'LIVEDATA_ORG_ID',
] as const;

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

/** The service's own settings from configuration. */
export function exampleSettingsFromConfig(config: ConfigService): ExampleSettings {
  return { orgId: config.get<string>('LIVEDATA_ORG_ID')?.trim() || DEMO_ORG_ID };
}

/**
 * Whether any Live Data credential variable is set; `main.ts` starts the mock when none is.
 * A half-set pair counts as set, so the service fails with a config error naming the
 * missing variable instead of quietly running against the mock.
 */
export function hasLiveDataCredentials(env: LiveDataEnv): boolean {
  return EXAMPLE_ENV.filter(
    (name) => name !== 'LIVEDATA_BASE_URL' && name !== 'LIVEDATA_ORG_ID',
  ).some((name) => Boolean(env[name]?.trim()));
}
