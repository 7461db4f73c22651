#!/usr/bin/env node
// Proves that every published package serves both module worlds through its `exports` map:
// - `require(name)` in a CommonJS process loads the CommonJS build (dist/cjs/), a plain
//   `exports` object, not an ES module namespace handed over by Node's require(esm). It runs
//   with `--no-experimental-require-module`, so a single ES module anywhere in the graph
//   fails, as it would in Jest or on a runtime without require(esm). The exception is a
//   package whose peer itself ships only ES modules (Nest 12, the workspace's version):
//   there only our own files are checked to be CommonJS;
// - `import(name)` in an ES module process loads the ESM build (dist/).
// Each package is loaded by name from inside its own folder (package self-reference), in a
// fresh `node` so a failure in one cannot hide behind another's module cache.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', 'packages');
// Server-only packages refuse to load outside React's server condition, by design.
const conditions = { '@livedata/nextjs': ['--conditions=react-server'] };
// Packages whose (dev) peer in the workspace is ESM-only: require(esm) is needed for the peer.
const esmOnlyPeers = { '@livedata/nestjs': '@nestjs/common 12 is ESM-only' };

/** Loaded in a CommonJS process: the package, every @livedata file it pulled in, all CJS. */
function requireScript(name) {
  return `const name = ${JSON.stringify(name)};
const resolved = require.resolve(name);
const m = require(name);
const fail = (why) => { console.error(why); process.exit(1); };
if (!/[\\\\/]dist[\\\\/]cjs[\\\\/]index\\.js$/.test(resolved)) fail('resolved to ' + resolved);
if (m[Symbol.toStringTag] === 'Module') fail('got an ES module namespace (require(esm))');
if (m.__esModule !== true) fail('not the CommonJS build of a TypeScript module');
const names = Object.keys(m).filter((k) => k !== '__esModule');
if (names.length === 0) fail('no exports');
const ours = Object.keys(require.cache).filter((f) => /[\\\\/]packages[\\\\/][^\\\\/]+[\\\\/]dist[\\\\/]/.test(f));
const notCjs = ours.filter((f) => !/[\\\\/]dist[\\\\/]cjs[\\\\/]/.test(f));
if (notCjs.length > 0) fail('loaded ESM files: ' + notCjs.join(', '));
console.log(names.length + ' exports from dist/cjs, ' + ours.length + ' CommonJS files of ours');`;
}

/** Loaded in an ES module process: the package resolves to, and loads from, the ESM build. */
function importScript(name) {
  return `const name = ${JSON.stringify(name)};
const resolved = import.meta.resolve(name);
const m = await import(name);
const fail = (why) => { console.error(why); process.exit(1); };
if (!/\\/dist\\/index\\.js$/.test(resolved)) fail('resolved to ' + resolved);
if (m[Symbol.toStringTag] !== 'Module') fail('not an ES module namespace');
if ('__esModule' in m) fail('got the CommonJS build through import');
const names = Object.keys(m).filter((k) => k !== 'default');
if (names.length === 0) fail('no exports');
console.log(names.length + ' exports from dist/');`;
}

let failed = 0;
function run(label, cwd, args) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ok = result.status === 0;
  if (!ok) failed++;
  const output = (ok ? result.stdout : `${result.stdout}\n${result.stderr}`).trim();
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${output.split('\n').slice(-3).join(' | ')}`);
}

let checked = 0;
for (const dir of readdirSync(packagesDir)) {
  const cwd = join(packagesDir, dir);
  const { name, private: isPrivate } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (isPrivate) continue;
  checked++;
  const extra = conditions[name] ?? [];
  const strict = esmOnlyPeers[name] ? [] : ['--no-experimental-require-module'];
  run(`require('${name}')${esmOnlyPeers[name] ? ` (${esmOnlyPeers[name]})` : ''}`, cwd, [
    ...extra,
    ...strict,
    '--no-warnings',
    '-e',
    requireScript(name),
  ]);
  run(`import('${name}')`, cwd, [
    ...extra,
    '--no-warnings',
    '--input-type=module',
    '-e',
    importScript(name),
  ]);
}
console.log(
  `module worlds: ${failed === 0 ? `${checked} packages load their CommonJS build through require() and their ESM build through import` : `${failed} check(s) failed`}`,
);
process.exit(failed ? 1 : 0);
