import type { TokenManager } from '@livedata/core';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  LIVE_DATA_REGISTERED_TOKEN_MANAGER,
  LIVE_DATA_REGISTRATION,
} from './live-data.constants.js';
import { LiveDataConfigurableModule } from './live-data.module-definition.js';
import type { LiveDataModuleAsyncOptions, LiveDataModuleSyncOptions } from './live-data.options.js';
import {
  assertUniqueRegistrationName,
  type LiveDataRegistration,
} from './live-data-registration.js';

/**
 * The Live Data module: provides `TokenManager` (injected by its class) and
 * `LiveDataHttpService`. Register it once per account, in the root module:
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     LiveDataModule.forRoot({
 *       credentials: { clientId: '…', clientSecret: '…' },
 *       isGlobal: true,
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 *
 * Or from configuration: `LiveDataModule.forRootAsync({ imports, inject, useFactory })`,
 * `forRootAsync({ useClass })` or `forRootAsync({ useExisting })` with a
 * `LiveDataOptionsFactory`.
 *
 * Several accounts: give each further registration a `name`, and inject its manager and
 * HTTP service with `@InjectTokenManager(name)` / `@InjectLiveDataHttpService(name)` (tokens:
 * `getTokenManagerToken(name)`, `getLiveDataHttpServiceToken(name)`). Without `name`,
 * `TokenManager` and `LiveDataHttpService` are injected by class. A name may be registered
 * once per application: a second registration with the same name fails at startup
 * (`LiveDataAuthError` code `config` naming it).
 *
 * Each registration creates one `TokenManager` and one `LiveDataHttpService` (its own Axios
 * instance); they are closed when the application shuts down (`app.close()`, or a signal
 * with `app.enableShutdownHooks()`).
 */
@Module({}) // empty: a registration's providers depend on its name (live-data.module-definition.ts)
export class LiveDataModule extends LiveDataConfigurableModule implements OnApplicationShutdown {
  // Implemented by `ConfigurableModuleBuilder`; declared here (no emit) so they carry TSDoc.
  /**
   * Registers the module with options known up front.
   *
   * @param options - the token manager options plus `isGlobal` and `name`.
   * @throws LiveDataAuthError code `config` when `name` is given but empty.
   * @returns The dynamic module to list in `imports`.
   */
  declare static forRoot: (options: LiveDataModuleSyncOptions) => DynamicModule;

  /**
   * Registers the module with options resolved by Nest when the application starts: from
   * `useFactory` (with `imports` and `inject`), or a {@link LiveDataOptionsFactory} class
   * given as `useClass` or `useExisting`.
   *
   * @param options - how to obtain the token manager options, plus `isGlobal` and `name`.
   * @throws LiveDataAuthError code `config` when `name` is given but empty.
   * @returns The dynamic module to list in `imports`.
   */
  declare static forRootAsync: (options: LiveDataModuleAsyncOptions) => DynamicModule;

  readonly #tokens: TokenManager;

  /**
   * Instantiated by Nest, once per registration. Refuses a second registration of the
   * same name here, so `compile()`, `NestFactory.create()` and `init()` all fail on it.
   *
   * @internal
   */
  constructor(
    @Inject(LIVE_DATA_REGISTERED_TOKEN_MANAGER) tokens: TokenManager,
    @Inject(LIVE_DATA_REGISTRATION) registration: LiveDataRegistration,
    @Inject(ModulesContainer) modules: ModulesContainer,
  ) {
    super();
    assertUniqueRegistrationName(registration, modules);
    this.#tokens = tokens;
  }

  /** Closes the token manager: pending waits reject with code `closed`, timers stop. */
  async onApplicationShutdown(): Promise<void> {
    await this.#tokens.close();
  }
}
