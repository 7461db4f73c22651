// Type-level checks of the named-registration API; `pnpm run typecheck` fails if one stops holding.
import type { TokenManager } from '@livedata/core';
import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { expectTypeOf } from 'vitest';
import {
  getLiveDataHttpServiceToken,
  getTokenManagerToken,
  InjectLiveDataHttpService,
  InjectTokenManager,
  type LiveDataHttpService,
  LiveDataModule,
  type LiveDataModuleAsyncOptions,
  type LiveDataModuleExtras,
  type LiveDataModuleSyncOptions,
} from '../index.js';

// Without a name, the tokens are the classes (so `@Inject(TokenManager)` keeps working).
expectTypeOf(getTokenManagerToken()).toEqualTypeOf<typeof TokenManager>();
expectTypeOf(getTokenManagerToken(undefined)).toEqualTypeOf<typeof TokenManager>();
expectTypeOf(getLiveDataHttpServiceToken()).toEqualTypeOf<typeof LiveDataHttpService>();
// With a name, strings; with a name that may be absent, either.
expectTypeOf(getTokenManagerToken('enrichment')).toEqualTypeOf<string>();
expectTypeOf(getLiveDataHttpServiceToken('enrichment')).toEqualTypeOf<string>();
declare const maybeName: string | undefined;
expectTypeOf(getTokenManagerToken(maybeName)).toEqualTypeOf<typeof TokenManager | string>();
expectTypeOf(getLiveDataHttpServiceToken(maybeName)).toEqualTypeOf<
  typeof LiveDataHttpService | string
>();
expectTypeOf(getTokenManagerToken(maybeName)).toExtend<InjectionToken>();
expectTypeOf(getLiveDataHttpServiceToken(maybeName)).toExtend<InjectionToken>();
// @ts-expect-error a name is a string
getTokenManagerToken(1);
// @ts-expect-error a name is a string
getLiveDataHttpServiceToken({ name: 'enrichment' });

// The tokens go in inject lists as they are.
const provider: FactoryProvider<string> = {
  provide: 'ENRICHMENT_KIND',
  inject: [getTokenManagerToken('enrichment'), getLiveDataHttpServiceToken('enrichment')],
  useFactory: (tokens: TokenManager, http: LiveDataHttpService) =>
    `${tokens.kind} ${http.axiosRef.defaults.baseURL}`,
};
void provider;

// The decorators: optional name, usable on constructor parameters and properties.
expectTypeOf(InjectTokenManager).parameters.toEqualTypeOf<[name?: string]>();
expectTypeOf(InjectLiveDataHttpService).parameters.toEqualTypeOf<[name?: string]>();
expectTypeOf(InjectTokenManager()).toExtend<ParameterDecorator>();
expectTypeOf(InjectLiveDataHttpService('enrichment')).toExtend<ParameterDecorator>();
expectTypeOf(InjectTokenManager('enrichment')).toExtend<PropertyDecorator>();
// @ts-expect-error a name is a string
InjectTokenManager(1);

// `name` is an extra of both registration methods, next to `isGlobal`.
expectTypeOf<LiveDataModuleExtras['name']>().toEqualTypeOf<string | undefined>();
expectTypeOf<LiveDataModuleSyncOptions['name']>().toEqualTypeOf<string | undefined>();
expectTypeOf<LiveDataModuleAsyncOptions['name']>().toEqualTypeOf<string | undefined>();
LiveDataModule.forRoot({ credentials: { apiKey: 'k' }, name: 'enrichment', isGlobal: true });
LiveDataModule.forRootAsync({
  name: 'enrichment',
  useFactory: () => ({ credentials: { apiKey: 'k' } }),
});
// @ts-expect-error a name is a string
LiveDataModule.forRoot({ credentials: { apiKey: 'k' }, name: 1 });
// @ts-expect-error a name is a string
LiveDataModule.forRootAsync({ name: null, useFactory: () => ({ credentials: { apiKey: 'k' } }) });
