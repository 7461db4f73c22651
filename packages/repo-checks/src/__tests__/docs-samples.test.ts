/**
 * Every TypeScript sample (```ts, ```typescript, ```tsx) in the guides (docs/*.md), the root
 * README, every package README and every example app README is type-checked here against the built packages, so a renamed option or export
 * breaks this test instead of a reader's build. One program for all samples keeps it fast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const docsDir = join(repoRoot, 'docs');

/** Markdown files whose TypeScript blocks must compile (each block on its own, as a module). */
const markdownFiles = [
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(docsDir, name)),
  join(repoRoot, 'README.md'),
  join(repoRoot, 'packages', 'cli', 'README.md'),
  ...['core', 'axios', 'nestjs', 'nextjs', 'redis', 'mock-server', 'opentelemetry'].map((name) =>
    join(repoRoot, 'packages', name, 'README.md'),
  ),
  ...['axios-example', 'nestjs-example', 'nextjs-example'].map((name) =>
    join(repoRoot, 'apps', name, 'README.md'),
  ),
];

/**
 * Framework packages (axios, @nestjs/*, next, ioredis, redis) are dependencies of the
 * adapters and example apps, not of this package: a sample's bare import is resolved from
 * the first of these folders that can.
 */
const resolutionFolders = [
  'packages/repo-checks/src',
  'packages/cli/src',
  'packages/axios/src',
  'packages/nestjs/src',
  'packages/nextjs/src',
  'packages/redis/src',
  'packages/opentelemetry/src',
  'apps/axios-example/src',
  'apps/nestjs-example/src',
  'apps/nextjs-example/app',
].map((folder) => join(repoRoot, folder));

interface Sample {
  /** Virtual file name, under docs/ so the root package.json ("type": "module") applies. */
  fileName: string;
  source: string;
  markdown: string;
  /** 1-based line of the first code line in the markdown file. */
  line: number;
}

function extractSamples(markdownPath: string): Sample[] {
  const lines = readFileSync(markdownPath, 'utf8').split('\n');
  const samples: Sample[] = [];
  let open: { start: number; body: string[]; extension: string } | undefined;
  for (const [index, line] of lines.entries()) {
    const fence = open ? undefined : /^```(ts|typescript|tsx)\s*$/.exec(line);
    if (fence) {
      open = { start: index + 2, body: [], extension: fence[1] === 'tsx' ? 'tsx' : 'ts' };
    } else if (open && /^```\s*$/.test(line)) {
      const name = relative(repoRoot, markdownPath).replace(/[^a-zA-Z0-9]+/g, '_');
      samples.push({
        fileName: join(docsDir, '__samples__', `${name}_L${open.start}.${open.extension}`),
        source: open.body.join('\n'),
        markdown: relative(repoRoot, markdownPath),
        line: open.start,
      });
      open = undefined;
    } else if (open) {
      open.body.push(line);
    }
  }
  return samples;
}

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  experimentalDecorators: true,
  jsx: ts.JsxEmit.ReactJSX,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  typeRoots: [join(repoRoot, 'node_modules', '@types')],
};

function typecheck(samples: Sample[]): string[] {
  const byName = new Map(samples.map((s) => [s.fileName, s]));
  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (fileName) => byName.get(fileName)?.source ?? readFile(fileName);
  host.fileExists = (fileName) => byName.has(fileName) || fileExists(fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const sample = byName.get(fileName);
    if (sample) return ts.createSourceFile(fileName, sample.source, languageVersion, true);
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const cache = ts.createModuleResolutionCache(repoRoot, (f) => f, compilerOptions);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, options, file) =>
    literals.map((literal) => {
      const name = literal.text;
      const mode = ts.getModeForUsageLocation(file, literal, options);
      const from = byName.has(containingFile)
        ? resolutionFolders.map((folder) => join(folder, 'index.ts'))
        : [containingFile];
      for (const candidate of from) {
        const { resolvedModule } = ts.resolveModuleName(
          name,
          candidate,
          options,
          host,
          cache,
          redirected,
          mode,
        );
        if (resolvedModule) return { resolvedModule };
      }
      return { resolvedModule: undefined };
    });

  const program = ts.createProgram({
    rootNames: samples.map((s) => s.fileName),
    options: compilerOptions,
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const sample = diagnostic.file ? byName.get(diagnostic.file.fileName) : undefined;
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const where = sample
        ? `${sample.markdown}:${sample.line + line}`
        : `${diagnostic.file.fileName}:${line + 1}`;
      return `${where}: ${message}`;
    }
    return message;
  });
}

describe('code samples in the docs', () => {
  const samples = markdownFiles.flatMap(extractSamples);

  it('finds samples in every guide', () => {
    const guides = markdownFiles.filter((f) => f.startsWith(docsDir));
    expect(guides.length).toBeGreaterThanOrEqual(6);
    for (const guide of guides) {
      const name = relative(repoRoot, guide);
      if (['docs/README.md', 'docs/BENCHMARKS.md', 'docs/RELIABILITY.md'].includes(name)) continue;
      expect(
        samples.some((s) => s.markdown === name),
        `${name} has no \`\`\`ts sample`,
      ).toBe(true);
    }
  });

  it('finds samples in every package README', () => {
    for (const file of markdownFiles) {
      const name = relative(repoRoot, file);
      if (!name.startsWith('packages/')) continue;
      expect(
        samples.some((s) => s.markdown === name),
        `${name} has no \`\`\`ts sample`,
      ).toBe(true);
    }
  });

  it('type-check against the built packages', () => {
    expect(typecheck(samples)).toEqual([]);
  }, 60_000);

  it('would catch a sample that uses an API that does not exist', () => {
    const broken: Sample = {
      fileName: join(docsDir, '__samples__', 'broken.ts'),
      source:
        "import { createTokenManager } from '@livedata/core';\ncreateTokenManager({ credentials: { apiKey: 'k' }, refreshMarginMs: 25_000 });\n",
      markdown: 'docs/broken.md',
      line: 10,
    };
    const errors = typecheck([broken]);
    expect(errors.join('\n')).toContain('docs/broken.md:11');
    expect(errors.join('\n')).toContain('refreshMarginMs');
  }, 60_000);

  it('type-checks ```tsx samples as JSX', () => {
    const page = (line: number, body: string): Sample => ({
      fileName: join(docsDir, '__samples__', `page_L${line}.tsx`),
      source: `export default function Page() {\n  return ${body};\n}\n`,
      markdown: 'docs/page.md',
      line,
    });
    expect(typecheck([page(10, '<main>Hello</main>')])).toEqual([]);
    expect(typecheck([page(20, '<main hreff="/">Hello</main>')]).join('\n')).toContain(
      'docs/page.md:21',
    );
  }, 60_000);
});
