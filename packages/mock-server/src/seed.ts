import type { MockApiKey, MockOrganization, MockServiceAccount, MockUser } from './types.js';

/** The demo organization: every seeded credential has a role on it, with credits to spend. */
export const DEMO_ORG_ID = 'o_3daf8872';
/** An organization whose credit quota is spent: people endpoints answer 402. */
export const QUOTA_SPENT_ORG_ID = 'o_5ca1ab1e';
/** An organization no seeded credential has a role on: every endpoint answers 403. */
export const FORBIDDEN_ORG_ID = 'o_badc0ffe';

/**
 * The seeded credentials, also printed by `livedata-mock`. They only work against the
 * mock server; they are deliberately distinctive so tests can search output for them.
 */
export const demoCredentials = {
  /** Client id of the seeded service account. */
  clientId: 'ldt-demo-service',
  /** Client secret of the seeded service account. */
  clientSecret: 'demo-client-secret-7f3a9c',
  /** Login of the seeded user. */
  username: 'demo@livedata.example',
  /** Password of the seeded user. */
  password: 'demo-password-42',
  /** The seeded API key. */
  apiKey: 'ldtkey_demo5e3f1a2b4c6d8e0f',
} as const;

/** Seeded organizations. */
export const seedOrganizations: MockOrganization[] = [
  { id: DEMO_ORG_ID, name: 'Acme Demo', credits: 1000 },
  { id: QUOTA_SPENT_ORG_ID, name: 'Quota Spent Inc.', credits: 0 },
  { id: FORBIDDEN_ORG_ID, name: 'Somebody Else Ltd.' },
];

/** Seeded service account: admin on the demo org, viewer on the quota-spent org. */
export const seedServiceAccounts: MockServiceAccount[] = [
  {
    clientId: demoCredentials.clientId,
    clientSecret: demoCredentials.clientSecret,
    roles: { [DEMO_ORG_ID]: 'admin', [QUOTA_SPENT_ORG_ID]: 'viewer' },
  },
];

/** Seeded user: viewer on the demo org and the quota-spent org. */
export const seedUsers: MockUser[] = [
  {
    username: demoCredentials.username,
    password: demoCredentials.password,
    roles: { [DEMO_ORG_ID]: 'viewer', [QUOTA_SPENT_ORG_ID]: 'viewer' },
  },
];

/** Seeded API key: viewer on the demo org and the quota-spent org. */
export const seedApiKeys: MockApiKey[] = [
  {
    apiKey: demoCredentials.apiKey,
    roles: { [DEMO_ORG_ID]: 'viewer', [QUOTA_SPENT_ORG_ID]: 'viewer' },
  },
];

/**
 * Email address of a generated person that `POST /people/v1/{org}/find` returns with
 * any seed: use it in demos and tests (`field_name: 'email_address'`).
 */
export const DEMO_PERSON_EMAIL = 'dana.whitfield@livedata-demo.example';
