import { LIVEDATA_ENV, type TokenManager, tokenManagerFromEnv } from '@livedata/core';

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

interface SingletonSlot {
  readonly manager: TokenManager;
  /** Compares without keeping the values in an inspectable place (they include the secret). */
  readonly sameEnv: (env: NodeJS.ProcessEnv) => boolean;
}

type GlobalWithSlot = typeof globalThis & { [TOKEN_MANAGER_KEY]?: SingletonSlot };

function envMatcher(env: NodeJS.ProcessEnv): (other: NodeJS.ProcessEnv) => boolean {
  const values = ENV_NAMES.map((name) => env[name]);
  return (other) => ENV_NAMES.every((name, index) => other[name] === values[index]);
}

/**
 * The process-wide {@link TokenManager}, configured from the `LIVEDATA_*` environment
 * variables on first use (nothing happens at import, so `next build` requests no token).
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

  const manager = tokenManagerFromEnv(env);
  holder[TOKEN_MANAGER_KEY] = { manager, sameEnv: envMatcher(env) };
  if (slot) {
    // Only happens when the variables change (in practice: `next dev` reloading .env).
    // A caller still waiting on the old manager gets a `closed` error; its timers stop.
    slot.manager.close().catch(() => {});
  }
  return manager;
}
