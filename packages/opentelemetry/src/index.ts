/**
 * `@livedata/opentelemetry`: OpenTelemetry spans and metrics for a `@livedata/core` token
 * manager, through its `onEvent` hook. Depends on `@opentelemetry/api` only.
 *
 * @packageDocumentation
 */
export { combineListeners } from './combine-listeners.js';
export type { LiveDataEvent } from './observed-events.js';
export {
  type LiveDataEventListener,
  type OpenTelemetryEventsOptions,
  openTelemetryEvents,
} from './open-telemetry-events.js';
