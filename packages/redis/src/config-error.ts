import { LiveDataAuthError } from '@livedata/core';

/** A misconfiguration of the store: the core's `LiveDataAuthError`, code `config`, naming the option. */
export function configError(setting: string, message: string): LiveDataAuthError {
  return new LiveDataAuthError('config', message, { setting });
}
