#!/usr/bin/env node
// Proves that TypeScript apps in every module setting type-check against the built
// packages: `module: commonjs` (what `nest new` writes for Nest 10 and 11), `node16` from a
// CommonJS package and from an ES module package, and `moduleResolution: bundler`. Each app
// imports every published package and hands an app-made `axios.create()` to
// `attachLiveDataAuth`, which only type-checks when the app's axios types and ours are the
// same declaration files (`.d.cts` for require, `.d.ts` for import).
//
// The apps live in a scratch folder whose node_modules links to the workspace packages
// (their dependencies resolve from there), to the workspace's axios and @types/node, the way
// an installed app sees them; tsc is the workspace's.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const require = createRequire(join(root, 'package.json'));
const tsc = require.resolve('typescript/lib/tsc.js');
const axiosDir = dirname(
  createRequire(join(packagesDir, 'axios', 'package.json')).resolve('axios/package.json'),
);

const published = readdirSync(packagesDir)
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private);

const app = `import axios from 'axios';
import { TokenManager } from '@livedata/core';
import { attachLiveDataAuth, createLiveDataAxios } from '@livedata/axios';
import { LiveDataHttpService, LiveDataModule } from '@livedata/nestjs';
import { getLiveDataToken, withLiveData } from '@livedata/nextjs';
import { RedisTokenStore } from '@livedata/redis';
import { startMockServer } from '@livedata/mock-server';
import { runCli } from '@livedata/cli';
import { openTelemetryEvents } from '@livedata/opentelemetry';

const tokens = new TokenManager({
  baseUrl: 'https://gotlivedata.io/api',
  credentials: { clientId: 'id', clientSecret: 'secret' },
});
const detach: () => void = attachLiveDataAuth(axios.create(), tokens);
const own: typeof axios.defaults = createLiveDataAxios(tokens).defaults;
const service: LiveDataHttpService = new LiveDataHttpService(tokens);
export const used = [detach, own, service, LiveDataModule.forRoot({ baseUrl: tokens.baseUrl, credentials: { apiKey: 'key' } }),
  getLiveDataToken, withLiveData, RedisTokenStore, startMockServer, runCli, openTelemetryEvents];
`;

const settings = {
  'module commonjs (Nest 10/11 scaffold)': {
    type: 'commonjs',
    module: 'commonjs',
    moduleResolution: 'node10',
  },
  'node16, CommonJS package': { type: 'commonjs', module: 'node16', moduleResolution: 'node16' },
  'node16, ES module package': { type: 'module', module: 'node16', moduleResolution: 'node16' },
  bundler: { type: 'module', module: 'esnext', moduleResolution: 'bundler' },
};

// An edge or browser project: no @types/node, `types: []`, a lib without
// `esnext.disposable`, and library .d.ts files checked too (no skipLibCheck), so a type the
// core's declarations need from Node or a newer lib fails here. With that lib added,
// `await using` still works.
const edgeApp = `import { TokenManager, tokenManagerFromEnv } from '@livedata/core';

const tokens = new TokenManager({
  baseUrl: 'https://gotlivedata.io/api',
  credentials: { clientId: 'id', clientSecret: 'secret' },
});
export const used = [tokens.getAccessToken(), tokens.close(), tokenManagerFromEnv];
`;
const edgeSettings = {
  'edge: lib es2022 + dom, types: [], no @types/node, library .d.ts checked': {
    app: edgeApp,
    compilerOptions: { lib: ['es2022', 'dom'] },
  },
  'edge with esnext.disposable: await using': {
    app: `${edgeApp}
export async function scoped(): Promise<string> {
  await using scopedTokens = new TokenManager({ credentials: { apiKey: 'key' } });
  const dispose: () => Promise<void> = scopedTokens[Symbol.asyncDispose];
  void dispose;
  return scopedTokens.getAccessToken();
}
`,
    compilerOptions: { lib: ['es2022', 'dom', 'esnext.disposable'] },
  },
};

const projects = [
  ...Object.entries(settings).map(([label, { type, ...options }]) => ({
    label,
    type,
    app,
    nodeTypes: true,
    compilerOptions: { ...options, lib: ['ES2023', 'DOM'], skipLibCheck: true, types: ['node'] },
  })),
  ...Object.entries(edgeSettings).map(([label, { app: edge, compilerOptions }]) => ({
    label,
    type: 'module',
    app: edge,
    nodeTypes: false,
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
      ...compilerOptions,
    },
  })),
];

const scratch = mkdtempSync(join(tmpdir(), 'livedata-type-consumers-'));
let failed = 0;
try {
  for (const { label, type, app: source, nodeTypes, compilerOptions } of projects) {
    const dir = join(scratch, label.replace(/\W+/g, '-'));
    mkdirSync(join(dir, 'node_modules', '@livedata'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    for (const { dir: pkg, manifest } of published) {
      symlinkSync(join(packagesDir, pkg), join(dir, 'node_modules', manifest.name), 'dir');
    }
    symlinkSync(axiosDir, join(dir, 'node_modules', 'axios'), 'dir');
    if (nodeTypes) {
      symlinkSync(
        dirname(require.resolve('@types/node/package.json')),
        join(dir, 'node_modules', '@types', 'node'),
        'dir',
      );
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type }));
    writeFileSync(join(dir, 'app.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          strict: true,
          esModuleInterop: true,
          noEmit: true,
          ...compilerOptions,
        },
        files: ['app.ts'],
      }),
    );
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' });
    const ok = result.status === 0;
    if (!ok) failed++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} tsc, ${label}${ok ? '' : `\n${result.stdout}${result.stderr}`}`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  `TypeScript consumers: ${failed === 0 ? `${projects.length} projects type-check (every package in each module setting; the core in edge projects)` : `${failed} project(s) failed`}`,
);
process.exit(failed ? 1 : 0);
