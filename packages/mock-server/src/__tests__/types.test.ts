import { describe, expectTypeOf, it } from 'vitest';
import type { Fault, MockServer, MockServerOptions, RecordedRequest, RouteName } from '../index.js';
import { startMockServer } from '../index.js';

// Checked by `tsc` (the typecheck script): the contract other packages code against.
describe('public types', () => {
  it('startMockServer takes optional options and resolves a MockServer', () => {
    expectTypeOf(startMockServer).parameter(0).toEqualTypeOf<MockServerOptions | undefined>();
    expectTypeOf(startMockServer).returns.resolves.toEqualTypeOf<MockServer>();
    expectTypeOf<MockServer['url']>().toEqualTypeOf<string>();
    expectTypeOf<MockServer['count']>().toEqualTypeOf<(route?: RouteName) => number>();
    expectTypeOf<MockServer['close']>().returns.resolves.toBeVoid();
  });

  it('faults and records are discriminated as documented', () => {
    expectTypeOf<Extract<Fault, { kind: 'status' }>['retryAfter']>().toEqualTypeOf<
      string | number | undefined
    >();
    expectTypeOf<RecordedRequest['auth']>().toEqualTypeOf<
      'none' | 'valid' | 'expired' | 'unknown' | 'apiKey'
    >();
    expectTypeOf<MockServer['inject']>().parameter(0).toEqualTypeOf<RouteName | '*'>();
  });
});
