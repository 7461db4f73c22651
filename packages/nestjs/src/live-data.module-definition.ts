import { TokenManager } from '@livedata/core';
import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import {
  LIVE_DATA_MODULE_OPTIONS,
  LIVE_DATA_REGISTERED_TOKEN_MANAGER,
  LIVE_DATA_REGISTRATION,
} from './live-data.constants.js';
import type { LiveDataModuleExtras, LiveDataModuleOptions } from './live-data.options.js';
import {
  checkedName,
  getLiveDataHttpServiceToken,
  getTokenManagerToken,
} from './live-data.tokens.js';
import { LiveDataHttpService } from './live-data-http.service.js';
import type { LiveDataRegistration } from './live-data-registration.js';
import { redactOptionsProvider } from './redacted-options.js';

/**
 * The `ConfigurableModuleBuilder` definition behind `LiveDataModule`: `forRoot()` /
 * `forRootAsync()`, the `createLiveDataOptions()` factory method for `useClass` /
 * `useExisting`, and the `isGlobal` and `name` extras.
 *
 * `alwaysTransient`: every call is its own registration, with its own manager, even when
 * two calls have equal options and the app hashes dynamic modules by content
 * (`moduleIdGeneratorAlgorithm: 'deep-hash'`), which would otherwise merge them, and now
 * cannot tell two credentials apart since their secrets do not serialize.
 * @internal
 */
export const { ConfigurableModuleClass: LiveDataConfigurableModule } =
  new ConfigurableModuleBuilder<LiveDataModuleOptions>({
    moduleName: 'LiveData',
    optionsInjectionToken: LIVE_DATA_MODULE_OPTIONS,
    alwaysTransient: true,
  })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createLiveDataOptions')
    .setExtras<LiveDataModuleExtras>({ isGlobal: false, name: undefined }, registrationModule)
    .build();

/**
 * Completes the builder's module (which holds only the options provider) into one
 * registration: its manager and HTTP service under the tokens of its name, exported.
 */
function registrationModule(
  definition: DynamicModule,
  extras: LiveDataModuleExtras,
): DynamicModule {
  const name = extras.name === undefined ? undefined : checkedName(extras.name);
  const tokensToken = getTokenManagerToken(name);
  const httpToken = getLiveDataHttpServiceToken(name);
  const registration: LiveDataRegistration = { name };
  return {
    ...definition,
    global: extras.isGlobal === true,
    providers: [
      ...(definition.providers ?? []).map(redactOptionsProvider),
      { provide: LIVE_DATA_REGISTRATION, useValue: registration },
      {
        provide: tokensToken,
        useFactory: (options: LiveDataModuleOptions) => new TokenManager(options),
        inject: [LIVE_DATA_MODULE_OPTIONS],
      },
      {
        provide: httpToken,
        useFactory: (tokens: TokenManager) => new LiveDataHttpService(tokens),
        inject: [tokensToken],
      },
      { provide: LIVE_DATA_REGISTERED_TOKEN_MANAGER, useExisting: tokensToken },
    ],
    exports: [tokensToken, httpToken],
  };
}
