import { ConfigurableModuleBuilder } from '@nestjs/common';
import { LIVE_DATA_MODULE_OPTIONS } from './live-data.constants.js';
import type { LiveDataModuleExtras, LiveDataModuleOptions } from './live-data.options.js';

/**
 * The `ConfigurableModuleBuilder` definition behind `LiveDataModule`: `forRoot()` /
 * `forRootAsync()`, the `createLiveDataOptions()` factory method for `useClass` /
 * `useExisting`, and the `isGlobal` extra.
 * @internal
 */
export const { ConfigurableModuleClass: LiveDataConfigurableModule } =
  new ConfigurableModuleBuilder<LiveDataModuleOptions>({
    moduleName: 'LiveData',
    optionsInjectionToken: LIVE_DATA_MODULE_OPTIONS,
  })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createLiveDataOptions')
    .setExtras<LiveDataModuleExtras>({ isGlobal: false }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal === true,
    }))
    .build();
