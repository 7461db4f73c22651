import type { RecordedRequest, RouteName } from './types.js';

/** Every request the server saw, oldest first, so tests can count calls per route. */
export class RequestLog {
  #entries: RecordedRequest[] = [];

  /** Records a request as it arrives; the caller fills in `status` once it is answered. */
  add(entry: RecordedRequest): RecordedRequest {
    this.#entries.push(entry);
    return entry;
  }

  /** A snapshot of the entries. */
  list(): readonly RecordedRequest[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }

  /** Number of requests for `route`, or for every route. */
  count(route?: RouteName): number {
    if (route === undefined) return this.#entries.length;
    return this.#entries.filter((entry) => entry.route === route).length;
  }

  reset(): void {
    this.#entries = [];
  }
}
