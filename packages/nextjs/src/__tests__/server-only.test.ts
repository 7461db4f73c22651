import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

// In a fresh Node process, as an app would: `import` (ESM), or `require` without
// require(esm), so the CommonJS case can only pass on the CommonJS build.
const loaders = {
  import: [
    '--input-type=module',
    '-e',
    "const m = await import('@livedata/nextjs'); console.log(Object.keys(m).sort().join(','));",
  ],
  require: [
    '--no-experimental-require-module',
    '-e',
    "const m = require('@livedata/nextjs'); console.log(require.resolve('@livedata/nextjs')); console.log(Object.keys(m).sort().join(','));",
  ],
};

/** Loads the built package by name with `loader` under the given export conditions. */
async function loadBuilt(loader: keyof typeof loaders, conditions: string[] = []) {
  const args = [...conditions.map((condition) => `--conditions=${condition}`), ...loaders[loader]];
  return run(process.execPath, args, { cwd: packageDir, env: { PATH: process.env.PATH } }).then(
    ({ stdout }) => ({ ok: true as const, stdout, stderr: '' }),
    (error: { stdout: string; stderr: string }) => ({ ok: false as const, ...error }),
  );
}

describe('server-only guard of the built package', () => {
  it('refuses to load outside the server (react-server) environment', async () => {
    const result = await loadBuilt('import');
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain('cannot be imported from a Client Component');
  });

  it('loads in React server environments (react-server condition) without requesting anything', async () => {
    const result = await loadBuilt('import', ['react-server']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split(',')).toEqual(
      expect.arrayContaining([
        'getLiveDataToken',
        'getTokenManager',
        'liveDataFetch',
        'withLiveData',
      ]),
    );
  });
});

describe('server-only guard of the CommonJS build', () => {
  it('refuses to be required outside the server (react-server) environment', async () => {
    const result = await loadBuilt('require');
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain('cannot be imported from a Client Component');
  });

  it('is required from dist/cjs in React server environments', async () => {
    const result = await loadBuilt('require', ['react-server']);
    expect(result.stderr).toBe('');
    const [resolved, names] = result.stdout.trim().split('\n');
    expect(resolved).toMatch(/[\\/]dist[\\/]cjs[\\/]index\.js$/);
    expect(names?.split(',')).toEqual(
      expect.arrayContaining([
        'getLiveDataToken',
        'getTokenManager',
        'liveDataFetch',
        'withLiveData',
      ]),
    );
  });
});
