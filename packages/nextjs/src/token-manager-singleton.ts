import {
  LIVEDATA_ENV,
  LiveDataAuthError,
  type TokenManager,
  type TokenManagerOptions,
  tokenManagerFromEnv,
} from '@livedata/core';

/**
 * The environment variables `tokenManagerFromEnv` reads. The singleton is rebuilt when one of
 * them changes (for example after `next dev` reloads `.env.local`), and reused otherwise.
 */
const ENV_NAMES: readonly string[] = Object.values(LIVEDATA_ENV);

/**
 * Where the process-wide manager lives. `Symbol.for` makes the key the same in every copy
 * of this module: Next.js evaluates a package once per bundle (server components, route
 * handlers, server actions) and again after each HMR update, yet all of them must share one
 * manager so one identity call serves the whole process.
 */
export const TOKEN_MANAGER_KEY: unique symbol = Symbol.for('@livedata/nextjs.tokenManager');

/**
 * Where the options set by {@link configureTokenManager} live: on `globalThis` like the
 * manager, so every bundle and HMR re-evaluation of this module sees them.
 */
export const TOKEN_MANAGER_OVERRIDES_KEY: unique symbol = Symbol.for(
  '@livedata/nextjs.tokenManagerOverrides',
);

interface OverridesSlot {
  /** Behind a function, so inspecting `globalThis` never prints them (they may hold a secret). */
  readonly get: () => Readonly<Partial<TokenManagerOptions>>;
}

interface SingletonSlot {
  readonly manager: TokenManager;
  /** Compares without keeping the values in an inspectable place (they include the secret). */
  readonly sameEnv: (env: NodeJS.ProcessEnv) => boolean;
}

type GlobalWithSlot = typeof globalThis & {
  [TOKEN_MANAGER_KEY]?: SingletonSlot;
  [TOKEN_MANAGER_OVERRIDES_KEY]?: OverridesSlot;
};

function envMatcher(env: NodeJS.ProcessEnv): (other: NodeJS.ProcessEnv) => boolean {
  const values = ENV_NAMES.map((name) => env[name]);
  return (other) => ENV_NAMES.every((name, index) => other[name] === values[index]);
}

/**
 * The process-wide {@link TokenManager}, configured from the `LIVEDATA_*` environment
 * variables on first use (nothing happens at import, so `next build` requests no token),
 * plus the options given to {@link configureTokenManager}, which win over the environment.
 *
 * Every bundle, every HMR re-evaluation and every request of the process gets the same
 * instance, so concurrent requests share one identity call per token lifetime. If the
 * variables change (for instance `next dev` reloading `.env.local`), the old manager is
 * closed and a new one built from the new values.
 *
 * @throws `LiveDataAuthError` with code `config`, naming the variables to set, when the
 *   environment does not hold exactly one complete credential kind. A failed
 *   configuration is not remembered: the next call reads the environment again.
 */
export function getTokenManager(): TokenManager {
  const holder = globalThis as GlobalWithSlot;
  const env = process.env;
  const slot = holder[TOKEN_MANAGER_KEY];
  if (slot?.sameEnv(env)) return slot.manager;

  const manager = tokenManagerFromEnv(env, { ...holder[TOKEN_MANAGER_OVERRIDES_KEY]?.get() });
  holder[TOKEN_MANAGER_KEY] = { manager, sameEnv: envMatcher(env) };
  if (slot) {
    // Only happens when the variables change (in practice: `next dev` reloading .env).
    // A caller still waiting on the old manager gets a `closed` error; its timers stop.
    slot.manager.close().catch(() => {});
  }
  return manager;
}

function sameOverrides(
  a: Readonly<Partial<TokenManagerOptions>>,
  b: Readonly<Partial<TokenManagerOptions>>,
): boolean {
  const keys = Object.keys(a) as (keyof TokenManagerOptions)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Options for the process-wide manager that the environment cannot express: a shared
 * `store` (such as `RedisTokenStore` from `@livedata/redis`), a `logger`, `onEvent`,
 * `retry`, `requestTimeoutMs`… They are passed to `tokenManagerFromEnv(process.env,
 * overrides)` and win over the `LIVEDATA_*` variables (`credentials` here replaces the
 * credential variables; `baseUrl` replaces `LIVEDATA_BASE_URL`).
 *
 * Call it **once per server process, before the first {@link getTokenManager}** (or
 * `getLiveDataToken`, `liveDataFetch`, `withLiveData`): from `register()` in
 * `instrumentation.ts`, which Next runs once at server start, or at the top of a module your
 * server code imports first. The options are kept on `globalThis` under
 * `Symbol.for('@livedata/nextjs.tokenManagerOverrides')`, so every bundle and every HMR
 * reload sees them.
 *
 * Calling it again with the same values (each option `===` the previous one) does nothing.
 * With different values after the manager was built, the current manager is **closed**
 * (callers still waiting on it get a `closed` error) and the next `getTokenManager()`
 * builds a new one with the new options. Each call replaces the previous options as a
 * whole; it does not merge them. Nothing is requested at call time.
 *
 * @example
 * ```ts
 * // instrumentation.ts
 * export async function register() {
 *   if (process.env.NEXT_RUNTIME !== 'nodejs') return; // Redis clients need Node
 *   const { createClient } = await import('redis');
 *   const { RedisTokenStore } = await import('@livedata/redis');
 *   const { configureTokenManager } = await import('@livedata/nextjs');
 *   const client = await createClient({ url: process.env.REDIS_URL }).connect();
 *   configureTokenManager({ store: new RedisTokenStore({ client }) });
 * }
 * ```
 *
 * @throws `LiveDataAuthError` with code `config` when `overrides` is not an object. Invalid
 *   option values are reported by the first `getTokenManager()` (same code, naming the
 *   setting), as for the environment.
 */
export function configureTokenManager(overrides: Partial<TokenManagerOptions>): void {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new LiveDataAuthError(
      'config',
      'configureTokenManager needs an options object, e.g. { store, logger }.',
      { setting: 'overrides' },
    );
  }
  const holder = globalThis as GlobalWithSlot;
  const previous = holder[TOKEN_MANAGER_OVERRIDES_KEY]?.get() ?? {};
  const next: Readonly<Partial<TokenManagerOptions>> = Object.freeze({ ...overrides });
  if (sameOverrides(previous, next)) return;
  holder[TOKEN_MANAGER_OVERRIDES_KEY] = { get: () => next };
  const slot = holder[TOKEN_MANAGER_KEY];
  if (slot) {
    // Built with the old options: the next getTokenManager() builds one with the new ones.
    delete holder[TOKEN_MANAGER_KEY];
    slot.manager.close().catch(() => {});
  }
}
