#!/usr/bin/env node
// What a user gets from the registry, checked on the built packages: a LICENSE, source maps
// that resolve (every map carries the sources it names, since src/ is not shipped), no
// declaration map pointing at unshipped sources, and a repository URL with the package's
// directory, so README links work on the registry's page. Both builds are there: every file
// the `exports` map, `main`, `types` and `bin` name exists, the CommonJS build in dist/cjs/
// is marked `"type": "commonjs"`, and it has every module of the ESM build in dist/ (the
// bins' entry `cli.js` aside: bins stay ESM).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', 'packages');
const problems = [];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every file path the manifest points at: exports targets, main, types, bins. */
function manifestTargets(manifest) {
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  return targets.filter((target) => typeof target === 'string');
}

let checked = 0;
for (const dir of readdirSync(packagesDir)) {
  const root = join(packagesDir, dir);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  checked++;
  const name = manifest.name;
  if (!existsSync(join(root, 'LICENSE'))) problems.push(`${name}: no LICENSE file`);
  for (const wanted of ['LICENSE', 'CHANGELOG.md']) {
    if (!manifest.files?.includes(wanted))
      problems.push(`${name}: "files" does not list ${wanted}`);
  }
  const repo = manifest.repository ?? {};
  if (!/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/.test(repo.url ?? '')) {
    problems.push(`${name}: repository.url is not a repository (${repo.url})`);
  }
  if (repo.directory !== `packages/${dir}`) problems.push(`${name}: repository.directory`);
  const dist = join(root, 'dist');
  if (!existsSync(dist)) {
    problems.push(`${name}: not built`);
    continue;
  }
  const cjsManifest = join(dist, 'cjs', 'package.json');
  if (
    !existsSync(cjsManifest) ||
    JSON.parse(readFileSync(cjsManifest, 'utf8')).type !== 'commonjs'
  ) {
    problems.push(`${name}: dist/cjs/package.json does not say "type": "commonjs"`);
  }
  for (const target of manifestTargets(manifest)) {
    if (!existsSync(join(root, target))) problems.push(`${name}: ${target} is named but not built`);
  }
  const binEntries = new Set(['cli.js', 'cli.d.ts', 'cli.js.map']);
  for (const file of readdirSync(dist)) {
    if (!/\.(js|d\.ts|js\.map)$/.test(file) || (manifest.bin && binEntries.has(file))) continue;
    if (!existsSync(join(dist, 'cjs', file))) problems.push(`${name}: dist/cjs/${file} missing`);
  }
  for (const file of filesUnder(dist)) {
    if (file.endsWith('.d.ts.map')) problems.push(`${relative(root, file)}: declaration map`);
    if (!file.endsWith('.js.map')) continue;
    const map = JSON.parse(readFileSync(file, 'utf8'));
    const contents = map.sourcesContent ?? [];
    if (map.sources.length === 0 || map.sources.some((_, i) => typeof contents[i] !== 'string')) {
      problems.push(`${relative(root, file)}: names sources it does not carry`);
    }
  }
}
for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(
  `published files: ${problems.length === 0 ? `${checked} packages ship a LICENSE, an ESM and a CommonJS build, resolvable source maps and a repository link` : `${problems.length} problem(s)`}`,
);
process.exit(problems.length === 0 ? 0 : 1);
