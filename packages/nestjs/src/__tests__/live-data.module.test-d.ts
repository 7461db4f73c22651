// Type-level checks of the public API; `pnpm run typecheck` fails if one stops holding.
import { TokenManager } from '@livedata/core';
import { HttpService } from '@nestjs/axios';
import type { DynamicModule } from '@nestjs/common';
import { expectTypeOf } from 'vitest';
import {
  LiveDataHttpService,
  LiveDataModule,
  type LiveDataModuleOptions,
  type LiveDataOptionsFactory,
} from '../index.js';

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
