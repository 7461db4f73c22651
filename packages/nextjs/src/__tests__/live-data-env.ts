import type { TokenManager } from '@livedata/core';
import type { MockServer } from '@livedata/mock-server';
import { clearLiveDataEnv } from '@livedata/test-utils';
import { useMockServer } from '@livedata/test-utils/vitest';
import { afterEach } from 'vitest';

const KEY = Symbol.for('@livedata/nextjs.tokenManager');
const OVERRIDES_KEY = Symbol.for('@livedata/nextjs.tokenManagerOverrides');

type Slot = { manager: TokenManager } | undefined;

/** The singleton slot as the package keeps it on `globalThis`. */
export function singletonSlot(): Slot {
  return (globalThis as Record<symbol, Slot>)[KEY];
}

/** The `configureTokenManager` slot as the package keeps it on `globalThis`. */
export function overridesSlot(): unknown {
  return (globalThis as Record<symbol, unknown>)[OVERRIDES_KEY];
}

/**
 * Closes and forgets the process-wide manager and its `configureTokenManager` options, and
 * clears every `LIVEDATA_*` variable.
 */
export async function resetLiveDataEnv(): Promise<void> {
  const slot = singletonSlot();
  delete (globalThis as Record<symbol, Slot>)[KEY];
  delete (globalThis as Record<symbol, unknown>)[OVERRIDES_KEY];
  await slot?.manager.close();
  clearLiveDataEnv();
}

/** Points the environment at a mock server with a service account. */
export function useServiceAccount(
  baseUrl: string,
  credentials: { clientId: string; clientSecret: string },
): void {
  process.env.LIVEDATA_BASE_URL = baseUrl;
  process.env.LIVEDATA_CLIENT_ID = credentials.clientId;
  process.env.LIVEDATA_CLIENT_SECRET = credentials.clientSecret;
}

/**
 * The mock server for the test file ({@link useMockServer}), and the hook that resets the
 * process-wide manager and the environment after each test ({@link resetLiveDataEnv}).
 * Vitest runs `afterEach` hooks last-registered first: a file's hooks registered after this
 * run before the reset, those registered before it run after.
 */
export function useMockServerEnv(): MockServer {
  const api = useMockServer();
  afterEach(resetLiveDataEnv);
  return api;
}
