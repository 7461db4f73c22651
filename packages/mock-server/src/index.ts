/**
 * `@livedata/mock-server`: a local Live Data API for tests, examples and demos.
 *
 * @packageDocumentation
 */

export { mockServerBanner } from './banner.js';
export { cliTokenTtlProblem, MIN_CLI_TOKEN_TTL_SECONDS } from './cli-token-ttl.js';
export {
  DEMO_ORG_ID,
  DEMO_PERSON_EMAIL,
  demoCredentials,
  FORBIDDEN_ORG_ID,
  QUOTA_SPENT_ORG_ID,
  seedApiKeys,
  seedOrganizations,
  seedServiceAccounts,
  seedUsers,
} from './seed.js';
export { startMockServer } from './server.js';
export type {
  Fault,
  MockApiKey,
  MockOrganization,
  MockServer,
  MockServerOptions,
  MockServiceAccount,
  MockUser,
  OrgRoles,
  RecordedRequest,
  Role,
  RouteName,
  ScriptStep,
} from './types.js';
