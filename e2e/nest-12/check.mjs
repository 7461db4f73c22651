// Nest 12 in the `nest new` layout of @nestjs/cli 12: ESM TypeScript ("type": "module",
// nodenext), Vitest 4 e2e test.
import { nestAppChecks } from '../nest-checks.mjs';

nestAppChecks({ app: 'nest-12', moduleKind: 'esm', e2eSummary: /Tests\s+1 passed \(1\)/ });
