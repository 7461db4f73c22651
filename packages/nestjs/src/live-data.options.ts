import type { TokenManagerOptions } from '@livedata/core';
import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';

/**
 * Options of `LiveDataModule.forRoot()` and the value a `forRootAsync()` factory returns:
 * exactly the `TokenManagerOptions` of `@livedata/core`, passed to `new TokenManager()`
 * unchanged.
 *
 * - `credentials` (required): `{ clientId, clientSecret }`, `{ username, password }` or `{ apiKey }`.
 * - `baseUrl`: default `'https://gotlivedata.io/api'`; `http:` only for loopback hosts.
 * - `store`: where tokens are shared; pass a `RedisTokenStore` from `@livedata/redis` so a
 *   fleet of instances makes one identity call per token lifetime.
 * - `requestTimeoutMs`, `retry`, `invalidCredentialsCooldownMs`, `storeTimeoutMs`: identity call tuning.
 * - `logger`: receives safe messages only (a Nest `Logger` instance fits).
 * - `onEvent`: refresh and cache events, for metrics.
 * - `fetch`, `now`: for tests.
 *
 * See the `@livedata/core` README for every field's default.
 */
export interface LiveDataModuleOptions extends TokenManagerOptions {}

/**
 * Options that shape the module itself rather than the token manager (`isGlobal`, `name`).
 * Accepted by both `forRoot()` and `forRootAsync()`.
 */
export interface LiveDataModuleExtras {
  /**
   * Register the module globally, so every module of the application can inject
   * `TokenManager` and `LiveDataHttpService` without importing `LiveDataModule`.
   * Default `false`.
   */
  isGlobal?: boolean;

  /**
   * Names this registration, for an application that talks to Live Data with several
   * accounts. A named registration has its own `TokenManager` and `LiveDataHttpService`,
   * injected with `@InjectTokenManager(name)` / `@InjectLiveDataHttpService(name)` (or the
   * tokens `getTokenManagerToken(name)` / `getLiveDataHttpServiceToken(name)`), and closed
   * on shutdown like the default one. Omit it for the default registration, injected by
   * class (`TokenManager`, `LiveDataHttpService`). A name may be registered once per
   * application: a second registration with the same name fails at startup. Must be a
   * non-empty string.
   */
  name?: string;
}

/**
 * A class that provides the options for `LiveDataModule.forRootAsync({ useClass })` or
 * `forRootAsync({ useExisting })`.
 *
 * @example
 * ```ts
 * @Injectable()
 * class LiveDataConfig implements LiveDataOptionsFactory {
 *   constructor(@Inject(ConfigService) private readonly config: ConfigService) {}
 *   createLiveDataOptions(): LiveDataModuleOptions {
 *     return { credentials: { apiKey: this.config.getOrThrow('LIVEDATA_API_KEY') } };
 *   }
 * }
 * ```
 */
export interface LiveDataOptionsFactory {
  /** Returns the module options (sync or async). Called once, when the application starts. */
  createLiveDataOptions(): LiveDataModuleOptions | Promise<LiveDataModuleOptions>;
}

/**
 * Argument of `LiveDataModule.forRoot()`: the {@link LiveDataModuleOptions} (the
 * `TokenManagerOptions` of `@livedata/core`) plus the {@link LiveDataModuleExtras}
 * (`isGlobal`, `name`).
 *
 * @example
 * ```ts
 * const options: LiveDataModuleSyncOptions = {
 *   credentials: { apiKey: process.env.LIVEDATA_API_KEY ?? '' },
 *   isGlobal: true,
 * };
 * LiveDataModule.forRoot(options);
 * ```
 */
export interface LiveDataModuleSyncOptions extends LiveDataModuleOptions, LiveDataModuleExtras {}

/**
 * Argument of `LiveDataModule.forRootAsync()`: `imports` and `inject`, exactly one of
 * `useFactory` (returns {@link LiveDataModuleOptions}, sync or async), `useClass` or
 * `useExisting` (a {@link LiveDataOptionsFactory}), plus the {@link LiveDataModuleExtras}
 * (`isGlobal`, `name`). The options are resolved once, when the application starts.
 *
 * @example
 * ```ts
 * LiveDataModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService): LiveDataModuleOptions => ({
 *     credentials: { apiKey: config.getOrThrow('LIVEDATA_API_KEY') },
 *   }),
 *   isGlobal: true,
 * });
 * ```
 */
export interface LiveDataModuleAsyncOptions
  extends ConfigurableModuleAsyncOptions<LiveDataModuleOptions, 'createLiveDataOptions'>,
    LiveDataModuleExtras {}
