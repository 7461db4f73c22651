import type { AxiosRequestConfig, CreateAxiosDefaults } from 'axios';
import { expectTypeOf, it } from 'vitest';
import { attachLiveDataAuth, createLiveDataAxios, type LiveDataAxiosOptions } from '../index.js';

it('types liveDataAuth on every request config through module augmentation', () => {
  expectTypeOf<AxiosRequestConfig['liveDataAuth']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<CreateAxiosDefaults>().toHaveProperty('liveDataAuth');
  // @ts-expect-error liveDataAuth is a boolean
  const wrong: AxiosRequestConfig = { liveDataAuth: 'no' };
  void wrong;
});

it('exports the public signatures', () => {
  expectTypeOf(attachLiveDataAuth).returns.toEqualTypeOf<() => void>();
  expectTypeOf<LiveDataAxiosOptions['allowedOrigins']>().toEqualTypeOf<
    readonly string[] | undefined
  >();
  expectTypeOf(createLiveDataAxios).parameter(1).toEqualTypeOf<CreateAxiosDefaults | undefined>();
});
