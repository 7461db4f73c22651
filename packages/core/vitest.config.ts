import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig({
  test: {
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
