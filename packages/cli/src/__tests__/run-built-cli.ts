import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type NodeRun, runNode, serviceAccountEnv, startNode } from '@livedata/test-utils';
import { expect } from 'vitest';

/** The built binary: tests run what users run. `pnpm run build` first (turbo does). */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

if (!existsSync(cliPath)) {
  throw new Error(`${cliPath} is missing: run \`pnpm --filter @livedata/cli run build\` first.`);
}

/** How `livedata` ended. */
export type CliResult = NodeRun;

// A minimal environment (PATH only): nothing leaks in from the developer's shell.
const options = (env: Record<string, string>) => ({
  env: { NO_COLOR: '1', ...env },
  baseEnv: 'minimal' as const,
});

/** Runs `livedata ...args` to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runNode([cliPath, ...args], options(env));
}

/**
 * Runs `livedata ...args` as the mock server's demo service account at `api`, with
 * `overrides` on top of its `LIVEDATA_*` variables.
 */
export function runCliAsServiceAccount(
  args: string[],
  api: { readonly url: string },
  overrides: Record<string, string> = {},
): Promise<CliResult> {
  return runCli(args, serviceAccountEnv(api, overrides));
}

/** Starts `livedata ...args` and leaves it running; the caller must stop it. */
export function startCli(args: string[], env: Record<string, string>): ChildProcess {
  return startNode([cliPath, ...args], options(env)).child;
}

/**
 * Expects `result` to have exited with `code`, with each of `says` on stderr and, when
 * given, the `secret` nowhere in its output.
 */
export function expectExplained(
  result: CliResult,
  expected: { code: number; says: string[]; secret?: string },
): void {
  expect(result.code).toBe(expected.code);
  for (const text of expected.says) expect(result.stderr).toContain(text);
  if (expected.secret !== undefined) {
    expect(result.stdout + result.stderr).not.toContain(expected.secret);
  }
}
