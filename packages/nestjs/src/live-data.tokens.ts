import { LiveDataAuthError, TokenManager } from '@livedata/core';
import { LiveDataHttpService } from './live-data-http.service.js';

/**
 * The injection token of a registration's `TokenManager`: the `TokenManager` class itself
 * for the default (unnamed) registration, a string for a named one. Use it in `inject`
 * lists of `useFactory` providers, with `moduleRef.get()` and in `overrideProvider()`;
 * in constructors, `@InjectTokenManager(name)` says the same thing.
 *
 * @param name - the `name` given to `LiveDataModule.forRoot()` / `forRootAsync()`; omit it
 *   (or pass `undefined`) for the default registration.
 * @returns `TokenManager` without a name, else a string token unique to that name.
 * @throws LiveDataAuthError code `config` when `name` is not a non-empty string.
 *
 * @example
 * ```ts
 * {
 *   provide: ENRICHMENT_CLIENT,
 *   inject: [getTokenManagerToken('enrichment')],
 *   useFactory: (tokens: TokenManager) => new EnrichmentClient(tokens),
 * }
 * ```
 */
export function getTokenManagerToken(name?: undefined): typeof TokenManager;
export function getTokenManagerToken(name: string): string;
export function getTokenManagerToken(name?: string): typeof TokenManager | string;
export function getTokenManagerToken(name?: string): typeof TokenManager | string {
  return name === undefined ? TokenManager : `LiveDataTokenManager:${checkedName(name)}`;
}

/**
 * The injection token of a registration's `LiveDataHttpService`: the `LiveDataHttpService`
 * class itself for the default (unnamed) registration, a string for a named one. Each
 * registration has its own service, on its own Axios instance, authenticated with its own
 * `TokenManager`. In constructors, `@InjectLiveDataHttpService(name)` says the same thing.
 *
 * @param name - the registration's `name`; omit it for the default registration.
 * @returns `LiveDataHttpService` without a name, else a string token unique to that name.
 * @throws LiveDataAuthError code `config` when `name` is not a non-empty string.
 */
export function getLiveDataHttpServiceToken(name?: undefined): typeof LiveDataHttpService;
export function getLiveDataHttpServiceToken(name: string): string;
export function getLiveDataHttpServiceToken(name?: string): typeof LiveDataHttpService | string;
export function getLiveDataHttpServiceToken(name?: string): typeof LiveDataHttpService | string {
  return name === undefined ? LiveDataHttpService : `LiveDataHttpService:${checkedName(name)}`;
}

/**
 * A registration name as given, or a `config` error: a name that is empty, blank or not a
 * string would make a token nobody can ask for on purpose.
 * @internal
 */
export function checkedName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.trim() !== name) {
    throw new LiveDataAuthError(
      'config',
      'LiveDataModule name must be a non-empty string without surrounding spaces, e.g. { name: "enrichment" }; omit name for the default registration.',
      { setting: 'name' },
    );
  }
  return name;
}
