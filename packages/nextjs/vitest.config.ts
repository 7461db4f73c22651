import { fileURLToPath } from 'node:url';
import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig({
  resolve: {
    // Tests run the package's server code in plain Node, where `server-only` would throw
    // as it does in a client bundle; Next.js resolves it to this same empty module on the
    // server. `server-only.test.ts` checks the real guard without this alias.
    alias: {
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
});
