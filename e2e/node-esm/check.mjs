// A plain Node ESM script app ("type": "module") using @livedata/core from its tarball.
import { useInstalledApp } from '../lib.mjs';
import { assertCoreApp } from '../node-core-checks.mjs';

const app = useInstalledApp('node-esm', { shared: ['node'] });

assertCoreApp(() => app, {
  moduleKind: 'esm',
  exports: { '@livedata/core': ['TokenManager', 'tokenManagerFromEnv'] },
});
