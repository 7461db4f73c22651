#!/usr/bin/env node
// The README's two commands (`npm run demo`, `npm test`) start here, on a machine that may
// have nothing but Node.js and npm: get the pinned pnpm, install the workspace, build,
// then run the demo or the test suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithVitestTally } from './vitest-tally.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');
const task = process.argv[2];

// Turbo asks every new machine about anonymous telemetry with a banner; the toolkit's own
// commands opt out for the user instead of putting that in their first minute with the demo.
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: process.env.DO_NOT_TRACK ?? '1',
};

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ['pnpm', []];
  // No pnpm, or another version: npx fetches the pinned one from the npm registry.
  return ['npx', ['-y', `pnpm@${pnpmVersion}`]];
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'pnpm-lock.yaml')).mtimeMs > statSync(marker).mtimeMs;
}

const [pnpm, pnpmPrefix] = pnpmCommand();
const pnpmRun = (...args) => run(pnpm, [...pnpmPrefix, ...args]);

if (needsInstall()) {
  console.log(`› Installing the workspace with pnpm ${pnpmVersion} (first run only)…`);
  pnpmRun('install', '--frozen-lockfile');
}

if (task === 'test') {
  console.log('› Lint, build, typecheck, unit tests and package checks…');
  pnpmRun('exec', 'biome', 'check', '.');
  const { code, tally } = await runWithVitestTally(
    pnpm,
    [...pnpmPrefix, 'exec', 'turbo', 'run', 'build', 'typecheck', 'test', 'check-package'],
    { cwd: root, env },
  );
  if (code === 0) {
    console.log("› require() loads every package's CommonJS build, import its ESM build…");
    run(process.execPath, [join(root, 'scripts', 'check-require.mjs')]);
    console.log('› TypeScript apps type-check in CommonJS, node16 (CJS and ESM) and bundler…');
    run(process.execPath, [join(root, 'scripts', 'check-type-consumers.mjs')]);
    console.log(
      '› Every published package ships a LICENSE, resolvable source maps and a repository link…',
    );
    run(process.execPath, [join(root, 'scripts', 'check-published-files.mjs')]);
  }
  const skipped = tally.skipped ? `, ${tally.skipped} skipped` : '';
  console.log(`\n${tally.passed} passed, ${tally.failed} failed${skipped}`);
  if (code !== 0) process.exit(code);
} else if (task === 'demo') {
  console.log('› Building the packages the demo uses…');
  // Builds the demo itself too (demo/, @livedata/demo): it is TypeScript, run from its dist/.
  pnpmRun('exec', 'turbo', 'run', 'build', '--output-logs=errors-only');
  run(process.execPath, [join(root, 'demo', 'dist', 'main.js'), ...process.argv.slice(3)]);
} else {
  console.error('usage: node scripts/bootstrap.mjs <demo|test>');
  process.exit(2);
}
