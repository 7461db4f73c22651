import { LiveDataAuthError } from '@livedata/core';
import type { ModulesContainer } from '@nestjs/core';
import { LIVE_DATA_REGISTRATION } from './live-data.constants.js';

/**
 * What one `LiveDataModule.forRoot()` / `forRootAsync()` call registered, kept as a value
 * provider of its module so the registrations of an application can be found in its
 * container before anything is instantiated.
 * @internal
 */
export interface LiveDataRegistration {
  /** The registration's `name`; `undefined` for the default registration. */
  readonly name: string | undefined;
}

/**
 * Throws when another `LiveDataModule` registration of the same application has the same
 * name as `own`. Two default (unnamed) registrations stay allowed, as they always were:
 * each is its own manager, visible only where it is imported.
 *
 * @throws LiveDataAuthError code `config` naming the duplicate.
 * @internal
 */
export function assertUniqueRegistrationName(
  own: LiveDataRegistration,
  modules: ModulesContainer,
): void {
  if (own.name === undefined) return;
  let sameName = 0;
  for (const module of modules.values()) {
    const registration = module.providers.get(LIVE_DATA_REGISTRATION)?.instance as
      | Partial<LiveDataRegistration>
      | undefined;
    if (registration?.name === own.name) sameName++;
  }
  if (sameName > 1) {
    throw new LiveDataAuthError(
      'config',
      `LiveDataModule is registered ${sameName} times with the name "${own.name}"; a name may be registered once per application. Keep one LiveDataModule.forRoot/forRootAsync({ name: "${own.name}" }) (with isGlobal: true, or in a shared module that exports it) or give the others their own names.`,
      { setting: 'name' },
    );
  }
}
