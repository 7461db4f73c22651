import { defineConfig } from 'vitest/config';

// Lets an editor or `npx vitest` at the root see every package's tests at once.
// CI runs each package's own config through turbo (`npm test`).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench'],
  },
});
