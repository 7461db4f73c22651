import { packageTestConfig } from '../../vitest.shared.js';

// Unit tests: no Redis needed. The tests against a real redis-server (`*.redis.test.ts`)
// run with `npm run test:redis` (vitest.redis.config.ts).
export default packageTestConfig({
  test: { exclude: ['**/node_modules/**', '**/dist/**', '**/*.redis.test.ts'] },
});
