// Shared by the tarball apps' checks (e2e/<app>/check.mjs, run with `node --test`): each app
// is copied out of the repository into a temporary folder (no workspace, no parent
// node_modules), its `@livedata/*` dependencies pointed at the release-style tarballs
// made by pack.mjs, and installed with plain npm, the way a user installs from the registry.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';

// The repository's one free-port helper and redis-server launcher (built with the packages by
// pack.mjs).
export { freePort, startRedisServer } from '../packages/test-utils/dist/index.js';

const e2eDir = import.meta.dirname;
const manifestFile = join(e2eDir, '.tarballs', 'manifest.json');

/** `{ "@livedata/core": { version, tarball }, ... }` from the last `node e2e/pack.mjs`. */
export function tarballs() {
  if (!existsSync(manifestFile))
    throw new Error('No tarballs: run `node e2e/pack.mjs` first (e2e/run.mjs does).');
  return JSON.parse(readFileSync(manifestFile, 'utf8'));
}

/** Relative import specifiers of a TypeScript module, with `suffix` appended (`./a` → `./a.js`). */
export function withImportSuffix(source, suffix) {
  return source.replace(/(from\s+'|import\(')(\.\.?\/[^']+?)(?<!\.js)'/g, `$1$2${suffix}'`);
}

/**
 * The one ```ts block that `pick` accepts in the section `## <heading>` (up to the next `## `)
 * of an installed package's README: the example as published. Fails naming the section when
 * there is no such section or not exactly one such block.
 */
export function readmeBlock(dir, pkg, heading, pick = () => true) {
  const readme = readFileSync(join(dir, 'node_modules', ...pkg.split('/'), 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`The README of ${pkg} has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map(([, body]) => body)
    .filter(pick);
  if (blocks.length !== 1)
    throw new Error(
      `The README of ${pkg}, "## ${heading}": ${blocks.length} matching ts blocks, expected 1`,
    );
  return blocks[0];
}

/**
 * Copies e2e/<app> (without node_modules and check files) to a fresh temporary folder and
 * rewrites every `@livedata/*` dependency whose range is `"tarball"` to `file:<tarball>`.
 * `shared` names folders of e2e/shared/ copied in first (files several apps have alike;
 * the app's own files win); `importSuffix` (e.g. `'.js'` for an ES module app) is appended
 * to the relative imports of the shared `.ts` files.
 * Returns the folder; `remove()` deletes it unless E2E_KEEP=1.
 */
export function scaffold(app, { shared = [], importSuffix } = {}) {
  const source = join(e2eDir, app);
  const dir = mkdtempSync(join(tmpdir(), `livedata-e2e-${app}-`));
  for (const folder of shared) {
    const from = join(e2eDir, 'shared', folder);
    cpSync(from, dir, { recursive: true });
    if (importSuffix === undefined) continue;
    for (const file of readdirSync(from, { recursive: true })) {
      if (!String(file).endsWith('.ts')) continue;
      const target = join(dir, String(file));
      writeFileSync(target, withImportSuffix(readFileSync(target, 'utf8'), importSuffix));
    }
  }
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

/**
 * The usual life of an app in a `node --test` file: scaffolded (see {@link scaffold}) at once,
 * installed with npm and the mock server started from its own tarball before the tests, both
 * gone after them. Returns `{ dir, mock }`; `mock` is set once the `before` hook ran.
 */
export function useInstalledApp(app, options) {
  const scaffolded = scaffold(app, options);
  const state = { dir: scaffolded.dir, mock: undefined };
  before(async () => {
    await npmInstall(state.dir);
    state.mock = await startMock(state.dir);
  });
  after(async () => {
    await state.mock?.close();
    scaffolded.remove();
  });
  return state;
}
