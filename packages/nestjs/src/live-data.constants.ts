/**
 * Injection token of the resolved {@link LiveDataModuleOptions}, inside each registration's
 * module. Inject it there to read the options the module was registered with: the
 * credentials are all there for the token manager, but print as `'[redacted]'` under
 * `util.inspect` and `JSON.stringify`.
 */
export const LIVE_DATA_MODULE_OPTIONS: unique symbol = Symbol('LIVE_DATA_MODULE_OPTIONS');

/**
 * The registration's own {@link LiveDataRegistration} (its name), a value provider of each
 * `LiveDataModule` registration.
 * @internal
 */
export const LIVE_DATA_REGISTRATION: unique symbol = Symbol('LIVE_DATA_REGISTRATION');

/**
 * The registration's own `TokenManager` under one fixed token, for `LiveDataModule`'s
 * constructor (an alias of the public token, so `overrideProvider()` of it reaches here too).
 * @internal
 */
export const LIVE_DATA_REGISTERED_TOKEN_MANAGER: unique symbol = Symbol(
  'LIVE_DATA_REGISTERED_TOKEN_MANAGER',
);

/**
 * Marks an Axios error raised by a request that `LiveDataHttpService` sent to the Live Data
 * API, so `LiveDataExceptionFilter` can tell upstream failures from other Axios errors.
 * Registered globally so two copies of this package agree on it.
 * @internal
 */
export const LIVE_DATA_UPSTREAM_ERROR: unique symbol = Symbol.for('@livedata/nestjs.upstreamError');
