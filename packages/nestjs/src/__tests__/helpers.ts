import type { LiveDataCredentials } from '@livedata/core';
import { DEMO_PERSON_EMAIL, demoCredentials, type MockServer } from '@livedata/mock-server';
import { DEMO_CLIENT } from '@livedata/test-utils';
import { closeAfterEach, useMockServer } from '@livedata/test-utils/vitest';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** Service-account credentials the mock server knows. */
export const serviceAccount: LiveDataCredentials = DEMO_CLIENT;

type TestingModuleArgs = Parameters<typeof Test.createTestingModule>;

/** What {@link useTestingModules} returns. */
export interface TestingModules {
  /** Compiles a testing module of `imports`; it is closed after the test. */
  compile(
    imports: NonNullable<TestingModuleArgs[0]['imports']>,
    options?: TestingModuleArgs[1],
  ): ReturnType<ReturnType<typeof Test.createTestingModule>['compile']>;
  /** Hands `context` (a module or an application) back; it is closed after the test. */
  closeAfter<T extends INestApplicationContext>(context: T): T;
}

/**
 * The usual start of a module test file: the mock server for the file ({@link useMockServer})
 * and {@link useTestingModules}.
 */
export function useLiveDataTestbed(): TestingModules & { api: MockServer } {
  return { api: useMockServer(), ...useTestingModules() };
}

/** Registers the hook that closes, after each test, every module or app the test made. */
export function useTestingModules(): TestingModules {
  const closeAfter = closeAfterEach<INestApplicationContext>();
  return {
    closeAfter,
    compile: async (imports, options) =>
      closeAfter(await Test.createTestingModule({ imports }, options).compile()),
  };
}

/** Module options pointing at a running mock server (few identity retries, to keep failures fast). */
export function mockOptions(api: MockServer, credentials: LiveDataCredentials = serviceAccount) {
  return {
    baseUrl: api.url,
    credentials,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  };
}

/** A people find body for the mock's seeded person. */
export function findBody(email: string = DEMO_PERSON_EMAIL) {
  return { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
}

/** Secrets of the seeded credentials: none may ever appear in an answer or a log. */
export const seededSecrets = [
  demoCredentials.clientSecret,
  demoCredentials.password,
  demoCredentials.apiKey,
];
