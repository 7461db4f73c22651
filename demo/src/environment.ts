// Decides where the demo points: at the local mock server (default, no account needed), or
// at the real Live Data API when LIVEDATA_* credentials are set in the environment.
import type { TokenManager, TokenManagerOptions } from '@livedata/core';
import type { MockServer } from '@livedata/mock-server';
import { type Core, importMockServer, type MockServerPackage } from './packages.js';

const CREDENTIAL_VARIABLES = [
  'LIVEDATA_CLIENT_ID',
  'LIVEDATA_CLIENT_SECRET',
  'LIVEDATA_USERNAME',
  'LIVEDATA_PASSWORD',
  'LIVEDATA_API_KEY',
];

/** The LIVEDATA_* variables the demo and every example app it starts are given. */
export type TargetEnv = Record<string, string>;

/** The mock server's seeded fixtures the steps use (organizations, the demo person). */
export type MockFixtures = Pick<
  MockServerPackage,
  'DEMO_PERSON_EMAIL' | 'QUOTA_SPENT_ORG_ID' | 'FORBIDDEN_ORG_ID'
>;

/** The in-process mock server (the default). */
export interface MockTarget {
  mode: 'mock';
  baseUrl: string;
  orgId: string;
  env: TargetEnv;
  mock: MockServer;
  fixtures: MockFixtures;
  close(): Promise<void>;
}

/** The real Live Data API, with the user's LIVEDATA_* credentials. */
export interface RealTarget {
  mode: 'real';
  baseUrl: string;
  orgId: string | undefined;
  env: TargetEnv;
  mock: undefined;
  close(): Promise<void>;
}

/**
 * The demo's target. `env` holds the LIVEDATA_* variables every example app is started
 * with; `mock` is the in-process mock server (absent against the real API).
 */
export type Target = MockTarget | RealTarget;

/** `true` when the user set any LIVEDATA_* credential: the demo then uses the real API. */
export function wantsRealApi(env: NodeJS.ProcessEnv = process.env): boolean {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/** Opens the demo's target: the real API when asked for, otherwise a fresh mock server. */
export async function openTarget(core: Core): Promise<Target> {
  if (wantsRealApi()) {
    const env: TargetEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (key.startsWith('LIVEDATA_') && value !== undefined) env[key] = value;
    }
    const orgId = env.LIVEDATA_ORG_ID?.trim() || undefined;
    // Validates the variables now (throws LiveDataAuthError `config` naming what to fix).
    const probe = core.tokenManagerFromEnv(env);
    const target: RealTarget = {
      mode: 'real',
      baseUrl: probe.baseUrl,
      orgId,
      env,
      mock: undefined,
      close: async () => {},
    };
    await probe.close();
    return target;
  }

  // Against the real API the mock server is not needed (nor loaded).
  const mockServer = await importMockServer();
  const mock = await mockServer.startMockServer({ port: 0 });
  const { demoCredentials, DEMO_ORG_ID, DEMO_PERSON_EMAIL, QUOTA_SPENT_ORG_ID, FORBIDDEN_ORG_ID } =
    mockServer;
  return {
    mode: 'mock',
    baseUrl: mock.url,
    orgId: DEMO_ORG_ID,
    env: {
      LIVEDATA_BASE_URL: mock.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
      LIVEDATA_ORG_ID: DEMO_ORG_ID,
    },
    mock,
    fixtures: { DEMO_PERSON_EMAIL, QUOTA_SPENT_ORG_ID, FORBIDDEN_ORG_ID },
    close: () => mock.close(),
  };
}

/** A fresh token manager for the target, with extra options (events, store, ...). */
export function newTokenManager(
  core: Core,
  target: Target,
  options: Partial<TokenManagerOptions> = {},
): TokenManager {
  return core.tokenManagerFromEnv(target.env, options);
}

/** The environment for a child process: the machine's, minus any LIVEDATA_*, plus the target's. */
export function childEnv(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('LIVEDATA_') && value !== undefined) env[key] = value;
  }
  return { ...env, ...target.env, NO_COLOR: '1', ...extra };
}
