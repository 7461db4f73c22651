import { mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The unit-test settings every workspace package shares: its tests under `src/` and `test/`,
 * with a timeout that is a safety net against a hang, not a limit (two busy cores run the
 * whole workspace). A package's `vitest.config.ts` adds only what it does differently.
 */
const shared: ViteUserConfig = {
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
  },
};

/** A package's vitest config: the shared settings merged with `overrides`. */
export function packageTestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(shared, overrides);
}
