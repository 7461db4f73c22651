// Node-only helpers, safe outside vitest (the benchmark runner uses the redis launcher).
// The vitest hooks are in `@livedata/test-utils/vitest`.
export { DEMO_CLIENT, DEMO_USER, requestDemoSession } from './demo-accounts.js';
export { freePort } from './free-port.js';
export { type GatedFetch, gatedFetch } from './gated-fetch.js';
export {
  apiKeyEnv,
  clearLiveDataEnv,
  isLiveDataVariable,
  LIVEDATA_ENV_NAMES,
  serviceAccountEnv,
  userEnv,
  withoutLiveDataEnv,
} from './live-data-env.js';
export {
  type BaseEnv,
  childEnv,
  type NodeProcessOptions,
  type NodeRun,
  type RunningNode,
  runNode,
  startNode,
} from './node-process.js';
export { leaksIn, printForms } from './print-forms.js';
export {
  REDIS_SERVER_MISSING,
  type RedisServerHandle,
  type RedisServerOptions,
  startRedisServer,
} from './redis-server.js';
export { type FakeClock, fakeClock } from './standalone/fake-clock.js';
