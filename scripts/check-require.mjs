#!/usr/bin/env node
// Proves that a CommonJS consumer on Node 20.19+ can `require()` every published package
// through its `exports` map (Node's require(esm)), the way an older CJS codebase would.
// Each package is required by name from inside its own folder (package self-reference),
// in a fresh `node` so a failure in one cannot hide behind another's module cache.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', 'packages');
// Server-only packages refuse to load outside React's server condition, by design.
const conditions = { '@livedata/nextjs': ['--conditions=react-server'] };

let failed = 0;
for (const dir of readdirSync(packagesDir)) {
  const cwd = join(packagesDir, dir);
  const { name, private: isPrivate } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (isPrivate) continue;
  const script = `const m = require(${JSON.stringify(name)});
const names = Object.keys(m).filter((k) => k !== '__esModule' && k !== 'module.exports');
if (names.length === 0) { console.error('no exports'); process.exit(1); }
console.log(names.length + ' exports');`;
  const result = spawnSync(
    process.execPath,
    [...(conditions[name] ?? []), '--no-warnings', '-e', script],
    { cwd, encoding: 'utf8' },
  );
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} require('${name}'): ${(ok ? result.stdout : result.stderr).trim().split('\n').slice(-3).join(' | ')}`,
  );
}
console.log(
  `require(): ${failed === 0 ? 'every published package loads' : `${failed} package(s) failed`}`,
);
process.exit(failed ? 1 : 0);
