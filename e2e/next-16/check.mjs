// Next.js 16 (create-next-app layout, App Router, `cacheComponents`, `next build` with
// Turbopack) from the packed tarballs: see ../next-check.mjs.
import { checkNextApp } from '../next-check.mjs';

checkNextApp('next-16', {
  nextVersion: '16.4.6',
  bundler: 'Turbopack',
  clientImport: [
    { bundler: 'Turbopack', args: [], namesFile: true },
    { bundler: 'webpack', args: ['--webpack'], namesFile: true },
  ],
});
