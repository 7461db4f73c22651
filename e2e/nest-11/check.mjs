// Nest 11 in the `nest new` layout of @nestjs/cli 11: CommonJS TypeScript, Jest 30 e2e test.
import { nestAppChecks } from '../nest-checks.mjs';

nestAppChecks({ app: 'nest-11', moduleKind: 'cjs', e2eSummary: /Tests:\s+1 passed, 1 total/ });
