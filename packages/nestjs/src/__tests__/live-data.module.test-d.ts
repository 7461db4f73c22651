// Type-level checks of the public API; `pnpm run typecheck` fails if one stops holding.
import { TokenManager } from '@livedata/core';
import { HttpService } from '@nestjs/axios';
import type { DynamicModule } from '@nestjs/common';
import { expectTypeOf } from 'vitest';
import {
  LiveDataHttpService,
  LiveDataModule,
  type LiveDataModuleAsyncOptions,
  type LiveDataModuleOptions,
  type LiveDataModuleSyncOptions,
  type LiveDataOptionsFactory,
} from '../index.js';
import { LiveDataConfigurableModule } from '../live-data.module-definition.js';

expectTypeOf(
  LiveDataModule.forRoot({ credentials: { apiKey: 'k' } }),
).toEqualTypeOf<DynamicModule>();
expectTypeOf(
  LiveDataModule.forRoot({
    credentials: { clientId: 'a', clientSecret: 'b' },
    baseUrl: 'x',
    isGlobal: true,
  }),
).toEqualTypeOf<DynamicModule>();
// @ts-expect-error credentials are required
LiveDataModule.forRoot({ baseUrl: 'https://gotlivedata.io/api' });
// @ts-expect-error isGlobal is a boolean
LiveDataModule.forRoot({ credentials: { apiKey: 'k' }, isGlobal: 'yes' });

LiveDataModule.forRootAsync({
  useFactory: async (): Promise<LiveDataModuleOptions> => ({ credentials: { apiKey: 'k' } }),
  inject: [],
  isGlobal: true,
});

class GoodFactory implements LiveDataOptionsFactory {
  createLiveDataOptions() {
    return { credentials: { apiKey: 'k' } };
  }
}
class BadFactory {
  create() {
    return { credentials: { apiKey: 'k' } };
  }
}
LiveDataModule.forRootAsync({ useClass: GoodFactory });
LiveDataModule.forRootAsync({ useExisting: GoodFactory });
// @ts-expect-error the factory method is createLiveDataOptions()
LiveDataModule.forRootAsync({ useClass: BadFactory });

expectTypeOf<LiveDataHttpService>().toExtend<HttpService>();
expectTypeOf<LiveDataModuleOptions['credentials']>().toEqualTypeOf<
  ConstructorParameters<typeof TokenManager>[0]['credentials']
>();

// The exported option types (and so LiveDataModule's declared forRoot / forRootAsync) are
// exactly what ConfigurableModuleBuilder's forRoot() / forRootAsync() accept (the
// credentials union and `any[]` defeat toEqualTypeOf's deep brand: same keys, and
// assignable both ways).
expectTypeOf<keyof LiveDataModuleSyncOptions>().toEqualTypeOf<
  keyof Parameters<typeof LiveDataConfigurableModule.forRoot>[0]
>();
expectTypeOf<keyof LiveDataModuleAsyncOptions>().toEqualTypeOf<
  keyof Parameters<typeof LiveDataConfigurableModule.forRootAsync>[0]
>();
expectTypeOf<LiveDataModuleSyncOptions>().toExtend<
  Parameters<typeof LiveDataConfigurableModule.forRoot>[0]
>();
expectTypeOf<
  Parameters<typeof LiveDataConfigurableModule.forRoot>[0]
>().toExtend<LiveDataModuleSyncOptions>();
expectTypeOf<LiveDataModuleAsyncOptions>().toExtend<
  Parameters<typeof LiveDataConfigurableModule.forRootAsync>[0]
>();
expectTypeOf<
  Parameters<typeof LiveDataConfigurableModule.forRootAsync>[0]
>().toExtend<LiveDataModuleAsyncOptions>();
expectTypeOf(LiveDataModule.forRoot).toEqualTypeOf<
  (options: LiveDataModuleSyncOptions) => DynamicModule
>();
expectTypeOf(LiveDataModule.forRootAsync).toEqualTypeOf<
  (options: LiveDataModuleAsyncOptions) => DynamicModule
>();
