// Shared by the tarball apps' checks (e2e/<app>/check.mjs, run with `node --test`): each app
// is copied out of the repository into a temporary folder (no workspace, no parent
// node_modules), its `@livedata/*` dependencies pointed at the release-style tarballs
// made by pack.mjs, and installed with plain npm, the way a user installs from the registry.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const e2eDir = import.meta.dirname;
const manifestFile = join(e2eDir, '.tarballs', 'manifest.json');

/** `{ "@livedata/core": { version, tarball }, ... }` from the last `node e2e/pack.mjs`. */
export function tarballs() {
  if (!existsSync(manifestFile))
    throw new Error('No tarballs: run `node e2e/pack.mjs` first (e2e/run.mjs does).');
  return JSON.parse(readFileSync(manifestFile, 'utf8'));
}

/**
 * Copies e2e/<app> (without node_modules and check files) to a fresh temporary folder and
 * rewrites every `@livedata/*` dependency whose range is `"tarball"` to `file:<tarball>`.
 * Returns the folder; `remove()` deletes it unless E2E_KEEP=1.
 */
export function scaffold(app) {
  const source = join(e2eDir, app);
  const dir = mkdtempSync(join(tmpdir(), `livedata-e2e-${app}-`));
  cpSync(source, dir, {
    recursive: true,
    filter: (path) => !/[/\\](node_modules|\.next|dist)$/.test(path) && !/check\.mjs$/.test(path),
  });
  const packed = tarballs();
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (range !== 'tarball') continue;
      if (!packed[name])
        throw new Error(`${app}/package.json wants ${name}, which pack.mjs did not pack`);
      manifest[field][name] = `file:${packed[name].tarball}`;
    }
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    dir,
    remove() {
      if (process.env.E2E_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
      else console.log(`kept ${dir}`);
    },
  };
}

/**
 * Runs a command; resolves with its combined output, rejects with the output in the message.
 * Never inherits LIVEDATA_* variables from the caller's shell.
 */
export function exec(command, args, { cwd, env = {}, timeoutMs = 15 * 60_000 } = {}) {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('LIVEDATA_')),
  );
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: {
          ...cleanEnv,
          npm_config_update_notifier: 'false',
          npm_config_fund: 'false',
          npm_config_audit: 'false',
          ...env,
        },
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error)
          reject(
            new Error(
              `${command} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${output}`,
            ),
          );
        else resolve(output);
      },
    );
  });
}

/** Lines of npm output about peer dependencies (what a user would see as a warning). */
export function peerWarnings(output) {
  return output.split('\n').filter((line) => /\bpeer\b|ERESOLVE/i.test(line));
}

/** `npm install` in dir; rejects if npm printed any peer-dependency warning. */
export async function npmInstall(dir, args = []) {
  const output = await exec('npm', ['install', '--no-audit', '--no-fund', ...args], { cwd: dir });
  const warnings = peerWarnings(output);
  if (warnings.length > 0)
    throw new Error(`npm printed peer-dependency warnings:\n${warnings.join('\n')}`);
  return output;
}

/** Imports a package the way the app resolves it (from the app's own node_modules). */
export async function importFrom(dir, specifier) {
  const require = createRequire(join(dir, 'package.json'));
  return import(pathToFileURL(require.resolve(specifier)).href);
}

/** The mock server from the app's installed `@livedata/mock-server` tarball, on 127.0.0.1:0. */
export async function startMock(dir, options = {}) {
  const { startMockServer } = await importFrom(dir, '@livedata/mock-server');
  return startMockServer({ host: '127.0.0.1', port: 0, ...options });
}
