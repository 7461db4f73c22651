// Nest 10 in the `nest new` layout of @nestjs/cli 10: CommonJS TypeScript, Jest 29 e2e test.
import { nestAppChecks } from '../nest-checks.mjs';

nestAppChecks({ app: 'nest-10', moduleKind: 'cjs', e2eSummary: /Tests:\s+1 passed, 1 total/ });
