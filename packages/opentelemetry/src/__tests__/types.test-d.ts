import type { TokenEvent, TokenManagerOptions } from '@livedata/core';
import { describe, expectTypeOf, it } from 'vitest';
import { combineListeners, openTelemetryEvents } from '../index.js';
import type {
  CacheMiss,
  IdentityFailed,
  IdentityStarted,
  IdentitySucceeded,
  RefreshFailed,
  RefreshRetry,
  RefreshSucceeded,
} from '../observed-events.js';

type Of<T extends TokenEvent['type']> = Extract<TokenEvent, { type: T }>;

describe('types', () => {
  it('the listener is an onEvent of TokenManagerOptions', () => {
    expectTypeOf(openTelemetryEvents()).toExtend<NonNullable<TokenManagerOptions['onEvent']>>();
  });

  it('combineListeners with the user’s typed listener is still an onEvent, typed by TokenEvent', () => {
    const mine = (_event: TokenEvent) => {};
    const combined = combineListeners(openTelemetryEvents(), mine);
    expectTypeOf(combined).toEqualTypeOf<(event: TokenEvent) => void>();
    expectTypeOf(combined).toExtend<NonNullable<TokenManagerOptions['onEvent']>>();
  });

  it('the events this package reads match @livedata/core’s', () => {
    expectTypeOf<Of<'identity.started'>>().toExtend<IdentityStarted>();
    expectTypeOf<Of<'identity.succeeded'>>().toExtend<IdentitySucceeded>();
    expectTypeOf<Of<'identity.failed'>>().toExtend<IdentityFailed>();
    expectTypeOf<Of<'refresh.retry'>>().toExtend<RefreshRetry>();
    expectTypeOf<Of<'refresh.succeeded'>>().toExtend<RefreshSucceeded>();
    expectTypeOf<Of<'refresh.failed'>>().toExtend<RefreshFailed>();
    expectTypeOf<Of<'cache.miss'>>().toExtend<CacheMiss>();
  });
});
