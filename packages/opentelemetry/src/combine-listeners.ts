/**
 * One `onEvent` listener that calls each of `listeners` in order, for a manager that should
 * feed OpenTelemetry and a listener of your own. A listener that throws does not stop the
 * ones after it (its error is dropped, as the manager drops a throwing listener's error);
 * `undefined` entries are skipped, so an optional listener can be passed as is.
 *
 * @example
 * ```ts
 * createTokenManager({
 *   credentials,
 *   onEvent: combineListeners(openTelemetryEvents(), (event) => console.log(event.type)),
 * });
 * ```
 */
export function combineListeners<E>(
  ...listeners: ReadonlyArray<((event: E) => void) | null | undefined>
): (event: E) => void {
  const active = listeners.filter((l): l is (event: E) => void => typeof l === 'function');
  return (event: E) => {
    for (const listener of active) {
      try {
        listener(event);
      } catch {
        // One listener's bug must not keep the event from the others.
      }
    }
  };
}
