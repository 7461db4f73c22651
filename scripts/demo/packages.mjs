// The demo uses the workspace packages exactly as they were built (their dist/), through
// relative paths: the repository root's node_modules does not link workspace packages, so
// `import '@livedata/core'` would not resolve from scripts/. Apps run as child processes
// with their own directory as cwd, where their dependencies do resolve.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Imports `packages/<name>/dist/index.js`, with a clear message when it was not built. */
export async function importPackage(name) {
  const entry = join(root, 'packages', name, 'dist', 'index.js');
  if (!existsSync(entry)) {
    throw new Error(
      `packages/${name} is not built (${entry} is missing). Run \`npm run demo\` (it builds first) or \`pnpm --filter @livedata/${name} run build\`.`,
    );
  }
  return import(pathToFileURL(entry).href);
}

/** Absolute path of a file in the repository. */
export function repoPath(...parts) {
  return join(root, ...parts);
}
