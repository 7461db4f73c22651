import { TokenManager } from '@livedata/core';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LIVE_DATA_MODULE_OPTIONS } from './live-data.constants.js';
import { LiveDataConfigurableModule } from './live-data.module-definition.js';
import type {
  LiveDataModuleAsyncOptions,
  LiveDataModuleOptions,
  LiveDataModuleSyncOptions,
} from './live-data.options.js';
import { LiveDataHttpService } from './live-data-http.service.js';

/**
 * The Live Data module: provides `TokenManager` (injected by its class) and
 * `LiveDataHttpService`. Register it once, in the root module:
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
 * Each registration creates one `TokenManager`; it is closed when the application shuts
 * down (`app.close()`, or a signal with `app.enableShutdownHooks()`).
 */
@Module({
  providers: [
    {
      provide: TokenManager,
      useFactory: (options: LiveDataModuleOptions) => new TokenManager(options),
      inject: [LIVE_DATA_MODULE_OPTIONS],
    },
    LiveDataHttpService,
  ],
  exports: [TokenManager, LiveDataHttpService],
})
export class LiveDataModule extends LiveDataConfigurableModule implements OnApplicationShutdown {
  // Implemented by `ConfigurableModuleBuilder`; declared here (no emit) so they carry TSDoc.
  /**
   * Registers the module with options known up front.
   *
   * @param options - the token manager options plus `isGlobal`.
   * @returns The dynamic module to list in `imports`.
   */
  declare static forRoot: (options: LiveDataModuleSyncOptions) => DynamicModule;

  /**
   * Registers the module with options resolved by Nest when the application starts: from
   * `useFactory` (with `imports` and `inject`), or a {@link LiveDataOptionsFactory} class
   * given as `useClass` or `useExisting`.
   *
   * @param options - how to obtain the token manager options, plus `isGlobal`.
   * @returns The dynamic module to list in `imports`.
   */
  declare static forRootAsync: (options: LiveDataModuleAsyncOptions) => DynamicModule;

  readonly #tokens: TokenManager;

  /** Instantiated by Nest. */
  constructor(@Inject(TokenManager) tokens: TokenManager) {
    super();
    this.#tokens = tokens;
  }

  /** Closes the token manager: pending waits reject with code `closed`, timers stop. */
  async onApplicationShutdown(): Promise<void> {
    await this.#tokens.close();
  }
}
