// Removes a package's dist/ before a build so no stale file is ever published.
import { rmSync } from 'node:fs';

rmSync(new URL('dist', `file://${process.cwd()}/`), { recursive: true, force: true });
