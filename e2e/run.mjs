#!/usr/bin/env node
// The tarball apps: packs every public package release-style (pack.mjs), then runs each
// app's check (e2e/<app>/check.mjs, with `node --test`) one after another, since each one
// installs with npm and some build. Prints the time each app took.
//
// Usage: node e2e/run.mjs [app ...] [--skip-pack]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const e2eDir = import.meta.dirname;
const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('--'));
const apps = readdirSync(e2eDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(e2eDir, entry.name, 'check.mjs')))
  .map((entry) => entry.name)
  .filter((app) => wanted.length === 0 || wanted.includes(app))
  .sort();
if (wanted.length > 0 && apps.length !== wanted.length) {
  console.error(`unknown app(s): ${wanted.filter((app) => !apps.includes(app)).join(', ')}`);
  process.exit(2);
}

if (!args.includes('--skip-pack')) {
  const packed = spawnSync(process.execPath, [join(e2eDir, 'pack.mjs')], { stdio: 'inherit' });
  if (packed.status !== 0) process.exit(packed.status ?? 1);
}

const results = [];
for (const app of apps) {
  const started = Date.now();
  console.log(`\n--- ${app} ---`);
  const { status } = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', join(e2eDir, app, 'check.mjs')],
    {
      stdio: 'inherit',
    },
  );
  results.push({ app, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\napp                    result  time');
for (const { app, ok, seconds } of results)
  console.log(`${app.padEnd(22)} ${ok ? 'pass' : 'FAIL'}    ${seconds} s`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
