// Next.js 15 (create-next-app layout, App Router, `next build --turbopack`) from the packed
// tarballs: see ../next-check.mjs.
import { checkNextApp } from '../next-check.mjs';

checkNextApp('next-15', {
  nextVersion: '15.5.29',
  bundler: 'Turbopack',
  clientImport: [
    // Next 15's Turbopack names only the package in this error, not the importing file.
    { bundler: 'Turbopack', args: ['--turbopack'], namesFile: false },
    { bundler: 'webpack', args: [], namesFile: true },
  ],
});
