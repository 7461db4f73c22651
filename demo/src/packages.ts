// The demo imports the workspace packages it drives as ordinary dependencies, so every call
// is type-checked against their public types; at run time they resolve to the packages'
// built dist/. Apps run as child processes with their own directory as cwd, where their
// dependencies resolve.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `@livedata/core`, as the demo uses it. */
export type Core = typeof import('@livedata/core');
/** `@livedata/mock-server`, as the demo uses it. */
export type MockServerPackage = typeof import('@livedata/mock-server');

/** The repository root (this file runs from demo/dist/). */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Throws a clear message when `packages/<name>` has not been built. */
function assertBuilt(name: string): void {
  const entry = join(root, 'packages', name, 'dist', 'index.js');
  if (!existsSync(entry)) {
    throw new Error(
      `packages/${name} is not built (${entry} is missing). Run \`npm run demo\` (it builds first) or \`pnpm --filter @livedata/${name} run build\`.`,
    );
  }
}

/** Imports `@livedata/core`, with a clear message when it was not built. */
export async function importCore(): Promise<Core> {
  assertBuilt('core');
  return import('@livedata/core');
}

/**
 * Imports `@livedata/mock-server`, with a clear message when it was not built. Only loaded
 * against the mock: the real API does not need it.
 */
export async function importMockServer(): Promise<MockServerPackage> {
  assertBuilt('mock-server');
  return import('@livedata/mock-server');
}

/** Absolute path of a file in the repository. */
export function repoPath(...parts: string[]): string {
  return join(root, ...parts);
}
