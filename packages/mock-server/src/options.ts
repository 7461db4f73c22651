import { seedApiKeys, seedOrganizations, seedServiceAccounts, seedUsers } from './seed.js';
import type { MockServerOptions } from './types.js';

/** {@link MockServerOptions} with every default filled in. */
export type ResolvedOptions = Required<MockServerOptions>;

/** Fills defaults and rejects values that cannot work, once, at start. */
export function resolveOptions(options: MockServerOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    passwordExpiryField: options.passwordExpiryField ?? 'expires_in',
    clockOffsetMs: options.clockOffsetMs ?? 0,
    serviceAccounts: options.serviceAccounts ?? seedServiceAccounts,
    users: options.users ?? seedUsers,
    apiKeys: options.apiKeys ?? seedApiKeys,
    organizations: options.organizations ?? seedOrganizations,
    seed: options.seed ?? 1,
    peopleCount: options.peopleCount ?? 500,
  };
  checkTtl(resolved.tokenTtlSeconds);
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new RangeError('port must be an integer from 0 to 65535');
  }
  if (!Number.isInteger(resolved.peopleCount) || resolved.peopleCount < 1) {
    throw new RangeError('peopleCount must be a positive integer');
  }
  if (!Number.isFinite(resolved.clockOffsetMs))
    throw new RangeError('clockOffsetMs must be finite');
  return resolved;
}

/** Token lifetimes are whole or fractional seconds, never negative. */
export function checkTtl(seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError('token TTL must be a non-negative number of seconds');
  }
}
