import { createLiveDataAxios } from '@livedata/axios';
import {
  createTokenManager,
  LIVEDATA_ENV,
  type TokenManager,
  tokenManagerFromEnv,
} from '@livedata/core';
import { DEMO_ORG_ID, demoCredentials, startMockServer } from '@livedata/mock-server';
import type { AxiosInstance } from 'axios';

/** A mistake in how the CLI was called or configured (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Everything a command needs: an authenticated Axios instance and the organization. */
export interface ExampleContext {
  /** From `createLiveDataAxios`: authenticates requests under `baseUrl` only. */
  api: AxiosInstance;
  tokens: TokenManager;
  /** Organization id the commands use. */
  orgId: string;
  baseUrl: string;
  /** `'mock'`: the bundled mock server with its demo credentials; `'env'`: `LIVEDATA_*`. */
  source: 'mock' | 'env';
  /** Closes the token manager and, in mock mode, the mock server. */
  close(): Promise<void>;
}

const CREDENTIAL_VARIABLES = [
  LIVEDATA_ENV.clientId,
  LIVEDATA_ENV.clientSecret,
  LIVEDATA_ENV.username,
  LIVEDATA_ENV.password,
  LIVEDATA_ENV.apiKey,
];
const ORG_ID = /^o_[0-9a-f]{8}$/;

/** Whether any `LIVEDATA_*` credential variable is set (then the mock server is not used). */
export function hasCredentialsInEnv(env: Record<string, string | undefined>): boolean {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

function checkOrgId(orgId: string): string {
  if (!ORG_ID.test(orgId)) {
    throw new UsageError(
      `Organization id ${JSON.stringify(orgId)} must look like o_3daf8872 (o_ + 8 hex).`,
    );
  }
  return orgId;
}

/**
 * Builds the context from the environment. With any `LIVEDATA_*` credential set it uses
 * `tokenManagerFromEnv(env)` (and `LIVEDATA_BASE_URL`), and needs `LIVEDATA_ORG_ID` or
 * `orgId`. Otherwise it starts the bundled mock server on a free loopback port and signs in
 * with its demo service account; the organization defaults to the mock's demo org.
 *
 * @throws UsageError for a missing or malformed organization id; `LiveDataAuthError` code
 *   `config` for incomplete credential variables.
 */
export async function createExampleContext(
  env: Record<string, string | undefined> = process.env,
  overrides: { orgId?: string | undefined } = {},
): Promise<ExampleContext> {
  const requestedOrg = overrides.orgId ?? (env.LIVEDATA_ORG_ID?.trim() || undefined);
  if (hasCredentialsInEnv(env)) {
    // Credential variables first: their error names every variable to fix.
    const tokens = tokenManagerFromEnv(env);
    let orgId: string;
    try {
      if (requestedOrg === undefined) {
        throw new UsageError(
          'Set LIVEDATA_ORG_ID (or pass --org) to the organization to query, e.g. o_3daf8872.',
        );
      }
      orgId = checkOrgId(requestedOrg);
    } catch (error) {
      await tokens.close();
      throw error;
    }
    return withApi({
      tokens,
      orgId,
      baseUrl: tokens.baseUrl,
      source: 'env',
      close: () => tokens.close(),
    });
  }

  const orgId = checkOrgId(requestedOrg ?? DEMO_ORG_ID);
  const mock = await startMockServer();
  const tokens = createTokenManager({
    credentials: { clientId: demoCredentials.clientId, clientSecret: demoCredentials.clientSecret },
    baseUrl: mock.url,
  });
  return withApi({
    tokens,
    orgId,
    baseUrl: mock.url,
    source: 'mock',
    close: async () => {
      await tokens.close();
      await mock.close();
    },
  });
}

/** The context with its Axios instance: every command's calls go through `tokens`. */
function withApi(context: Omit<ExampleContext, 'api'>): ExampleContext {
  return { api: createLiveDataAxios(context.tokens, { timeout: 30_000 }), ...context };
}
