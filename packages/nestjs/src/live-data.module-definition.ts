import { ConfigurableModuleBuilder } from '@nestjs/common';
import { LIVE_DATA_MODULE_OPTIONS } from './live-data.constants.js';
import type { LiveDataModuleExtras, LiveDataModuleOptions } from './live-data.options.js';

/**
 * The `ConfigurableModuleBuilder` definition behind `LiveDataModule`: `forRoot()` /
 * `forRootAsync()`, the `createLiveDataOptions()` factory method for `useClass` /
 * `useExisting`, and the `isGlobal` extra.
 * @internal
 */
export const {
  ConfigurableModuleClass: LiveDataConfigurableModule,
  OPTIONS_TYPE: LIVE_DATA_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: LIVE_DATA_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LiveDataModuleOptions>({
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

/** Argument of `LiveDataModule.forRoot()`: token manager options plus `isGlobal`. */
export type LiveDataModuleSyncOptions = typeof LIVE_DATA_OPTIONS_TYPE;
/** Argument of `LiveDataModule.forRootAsync()`: `imports`, `inject`, one of `useFactory` / `useClass` / `useExisting`, plus `isGlobal`. */
export type LiveDataModuleAsyncOptions = typeof LIVE_DATA_ASYNC_OPTIONS_TYPE;
