import { Inject } from '@nestjs/common';
import { getLiveDataHttpServiceToken, getTokenManagerToken } from './live-data.tokens.js';

/**
 * Injects the `TokenManager` of a `LiveDataModule` registration: the named one, or the
 * default (unnamed) one when `name` is omitted, which is the same as
 * `@Inject(TokenManager)`. An explicit token, so it works in builds without decorator
 * metadata.
 *
 * @param name - the `name` given to `LiveDataModule.forRoot()` / `forRootAsync()`.
 * @throws LiveDataAuthError code `config` when `name` is not a non-empty string.
 *
 * @example
 * ```ts
 * constructor(@InjectTokenManager('enrichment') private readonly tokens: TokenManager) {}
 * ```
 */
export function InjectTokenManager(name?: string): ReturnType<typeof Inject> {
  return Inject(getTokenManagerToken(name));
}

/**
 * Injects the `LiveDataHttpService` of a `LiveDataModule` registration: the named one, or
 * the default (unnamed) one when `name` is omitted, which is the same as
 * `@Inject(LiveDataHttpService)`.
 *
 * @param name - the `name` given to `LiveDataModule.forRoot()` / `forRootAsync()`.
 * @throws LiveDataAuthError code `config` when `name` is not a non-empty string.
 *
 * @example
 * ```ts
 * constructor(
 *   @InjectLiveDataHttpService('enrichment') private readonly http: LiveDataHttpService,
 * ) {}
 * ```
 */
export function InjectLiveDataHttpService(name?: string): ReturnType<typeof Inject> {
  return Inject(getLiveDataHttpServiceToken(name));
}
