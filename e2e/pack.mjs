#!/usr/bin/env node
// Release-style tarballs, made the way a release makes them: a scratch copy of the
// workspace (tracked files plus the built dist/ of every package), `changeset version` run
// in it (so versions, changelogs and internal dependency ranges are what would be
// published), then `pnpm pack` of every public package. The repository itself is not
// touched. Writes e2e/.tarballs/<package>.tgz and e2e/.tarballs/manifest.json
// ({ "@livedata/core": { "version": "0.1.0", "tarball": "/abs/path.tgz" }, ... }).
//
// Usage: node e2e/pack.mjs [--skip-build]
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(import.meta.dirname, '.tarballs');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

if (!process.argv.includes('--skip-build')) {
  run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    root,
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'livedata-release-'));
try {
  const tracked = run('git', ['ls-files', '-z'], root).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue; // deleted in the work tree
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  const publicPackages = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    if (!existsSync(join(root, 'packages', dir, 'dist')))
      throw new Error(`packages/${dir} is not built`);
    cpSync(join(root, 'packages', dir, 'dist'), join(scratch, 'packages', dir, 'dist'), {
      recursive: true,
    });
    publicPackages.push({ dir, name: manifest.name });
  }
  run('git', ['init', '-q'], scratch); // changesets reads the base branch from git
  run(
    process.execPath,
    [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'],
    scratch,
  );

  // What `pnpm publish` does to `workspace:` ranges, done here so packing needs no install.
  const versions = Object.fromEntries(
    readdirSync(join(scratch, 'packages')).map((dir) => {
      const m = JSON.parse(readFileSync(join(scratch, 'packages', dir, 'package.json'), 'utf8'));
      return [m.name, m.version];
    }),
  );
  for (const { dir } of publicPackages) {
    const file = join(scratch, 'packages', dir, 'package.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'devDependencies',
    ]) {
      for (const [dep, range] of Object.entries(m[field] ?? {})) {
        if (!range.startsWith('workspace:')) continue;
        const spec = range.slice('workspace:'.length);
        if (field === 'devDependencies')
          delete m[field][dep]; // private test helpers are not published
        else
          m[field][dep] =
            spec === '*'
              ? versions[dep]
              : spec === '^' || spec === '~'
                ? `${spec}${versions[dep]}`
                : spec;
      }
    }
    writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
  }

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = {};
  for (const { dir, name } of publicPackages) {
    const cwd = join(scratch, 'packages', dir);
    const version = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).version;
    const packed = run('pnpm', ['pack', '--pack-destination', out], cwd)
      .trim()
      .split('\n')
      .pop()
      .trim();
    const tarball = join(out, `${name.replace('@', '').replace('/', '-')}.tgz`);
    renameSync(packed.startsWith('/') ? packed : join(out, packed), tarball);
    manifest[name] = { version, tarball };
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, { version, tarball }] of Object.entries(manifest))
    console.log(`${name}@${version} ${tarball}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
