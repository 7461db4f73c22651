#!/usr/bin/env node
// Second half of a package's CommonJS build (`tsc -p tsconfig.cjs.json` writes dist/cjs/):
// - dist/cjs/package.json `{"type":"commonjs"}`, so Node and TypeScript read the `.js` and
//   `.d.ts` files there as CommonJS although the package itself is `"type": "module"`;
// - `import.meta.url` (kept verbatim by tsc, a syntax error in CommonJS) becomes the URL
//   of the file itself, computed from `__filename`, so a source can locate files next to
//   it in both builds.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cjsDir = join(process.cwd(), 'dist', 'cjs');
if (!existsSync(cjsDir)) {
  console.error(`finish-cjs-build: ${cjsDir} does not exist; run tsc -p tsconfig.cjs.json first`);
  process.exit(1);
}
writeFileSync(join(cjsDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

const fileUrl = 'require("node:url").pathToFileURL(__filename).href';
for (const entry of readdirSync(cjsDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const file = join(entry.parentPath, entry.name);
  const code = readFileSync(file, 'utf8');
  if (!code.includes('import.meta')) continue;
  const rewritten = code.replaceAll('import.meta.url', fileUrl);
  if (/\bimport\.meta\b/.test(rewritten)) {
    console.error(`finish-cjs-build: ${file} uses import.meta beyond import.meta.url`);
    process.exit(1);
  }
  writeFileSync(file, rewritten);
}
