// The checks of the TypeScript apps (ts-node16, ts-bundler): every ```ts sample of the
// INSTALLED packages' READMEs (node_modules/@livedata/<pkg>/README.md, what is published),
// each written to its own module file, plus the app's own files, type-checked with the
// app's pinned TypeScript (`tsc --noEmit`).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exec, npmInstall, scaffold } from './lib.mjs';

const documented = ['core', 'axios', 'redis', 'opentelemetry'];

/** Every ```ts / ```typescript block of a markdown file, with its first line number. */
export function tsSamples(markdown) {
  const samples = [];
  let open;
  for (const [index, line] of markdown.split('\n').entries()) {
    if (!open && /^```(ts|typescript)\s*$/.test(line)) open = { line: index + 2, body: [] };
    else if (open && /^```\s*$/.test(line)) {
      samples.push({ line: open.line, source: `${open.body.join('\n')}\n` });
      open = undefined;
    } else if (open) open.body.push(line);
  }
  return samples;
}

export function typeScriptChecks(appName, { projects }) {
  const app = scaffold(appName);
  const tsc = (project) =>
    exec(
      process.execPath,
      [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--noEmit'],
      {
        cwd: app.dir,
      },
    );

  before(async () => {
    await npmInstall(app.dir);
    mkdirSync(join(app.dir, 'samples'), { recursive: true });
    for (const pkg of documented) {
      const readme = readFileSync(
        join(app.dir, 'node_modules', '@livedata', pkg, 'README.md'),
        'utf8',
      );
      for (const { line, source } of tsSamples(readme)) {
        // `export {}` keeps a sample without imports a module, as each sample is one.
        writeFileSync(
          join(app.dir, 'samples', `${pkg}-README-L${line}.ts`),
          `${source}export {};\n`,
        );
      }
    }
  });
  after(() => app.remove());

  test('the installed READMEs have samples for every package', { timeout: 60_000 }, async () => {
    const version = await exec(
      process.execPath,
      [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--version'],
      {
        cwd: app.dir,
      },
    );
    assert.equal(version.trim(), 'Version 5.9.3');
    for (const pkg of documented) {
      const readme = readFileSync(
        join(app.dir, 'node_modules', '@livedata', pkg, 'README.md'),
        'utf8',
      );
      assert.ok(tsSamples(readme).length > 0, `${pkg}'s README has no \`\`\`ts sample`);
    }
  });

  for (const [label, project] of Object.entries(projects)) {
    test(`${label} type-checks`, { timeout: 600_000 }, async () => {
      await tsc(project);
    });
  }

  test('the check would catch a sample using an option that does not exist', {
    timeout: 600_000,
  }, async () => {
    const broken = join(app.dir, 'samples', 'broken.ts');
    writeFileSync(
      broken,
      "import { createTokenManager } from '@livedata/core';\ncreateTokenManager({ credentials: { apiKey: 'k' }, refreshMarginMs: 25_000 });\n",
    );
    try {
      await assert.rejects(
        tsc('.'),
        /samples\/broken\.ts\(2,\d+\): error TS2353[^\n]*refreshMarginMs/,
      );
    } finally {
      rmSync(broken);
    }
  });
}
