// Decides where the demo points: at the local mock server (default, no account needed), or
// at the real Live Data API when LIVEDATA_* credentials are set in the environment.

const CREDENTIAL_VARIABLES = [
  'LIVEDATA_CLIENT_ID',
  'LIVEDATA_CLIENT_SECRET',
  'LIVEDATA_USERNAME',
  'LIVEDATA_PASSWORD',
  'LIVEDATA_API_KEY',
];

/** `true` when the user set any LIVEDATA_* credential: the demo then uses the real API. */
export function wantsRealApi(env = process.env) {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * The demo's target. `env` holds the LIVEDATA_* variables every example app is started
 * with; `mock` is the in-process mock server (absent against the real API).
 */
export async function openTarget({ core, mockServer, tokenTtlSeconds }) {
  if (wantsRealApi()) {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (key.startsWith('LIVEDATA_') && value !== undefined) env[key] = value;
    }
    const orgId = env.LIVEDATA_ORG_ID?.trim() || undefined;
    // Validates the variables now (throws LiveDataAuthError `config` naming what to fix).
    const probe = core.tokenManagerFromEnv(env);
    const target = {
      mode: 'real',
      baseUrl: probe.baseUrl,
      orgId,
      env,
      mock: undefined,
      close: async () => {},
    };
    await probe.close();
    return target;
  }

  const mock = await mockServer.startMockServer({ port: 0, tokenTtlSeconds });
  const { demoCredentials, DEMO_ORG_ID } = mockServer;
  return {
    mode: 'mock',
    baseUrl: mock.url,
    orgId: DEMO_ORG_ID,
    env: {
      LIVEDATA_BASE_URL: mock.url,
      LIVEDATA_CLIENT_ID: demoCredentials.clientId,
      LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
      LIVEDATA_ORG_ID: DEMO_ORG_ID,
    },
    mock,
    close: () => mock.close(),
  };
}

/** A fresh token manager for the target, with extra options (events, store, ...). */
export function newTokenManager(core, target, options = {}) {
  return core.tokenManagerFromEnv(target.env, options);
}

/** The environment for a child process: the machine's, minus any LIVEDATA_*, plus the target's. */
export function childEnv(target, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('LIVEDATA_') && value !== undefined) env[key] = value;
  }
  return { ...env, ...target.env, NO_COLOR: '1', ...extra };
}
