import type { Fault, RouteName, ScriptStep } from './types.js';

type Target = RouteName | '*';

interface Injection {
  target: Target;
  fault: Fault;
  /** Requests left to affect; `Infinity` until cleared. */
  remaining: number;
}

/**
 * Injected faults and scripts. For each request, a script step for its route wins, then
 * one for `'*'`, then the oldest injection still active for its route, then for `'*'`.
 */
export class FaultBook {
  readonly #scripts = new Map<Target, ScriptStep[]>();
  #injections: Injection[] = [];

  inject(target: Target, fault: Fault, times?: number): void {
    validateFault(fault);
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new RangeError('inject(): times must be a positive integer');
    }
    this.#injections.push({ target, fault, remaining: times ?? Number.POSITIVE_INFINITY });
  }

  script(target: Target, steps: readonly ScriptStep[]): void {
    for (const step of steps) if (step) validateFault(step);
    const queue = this.#scripts.get(target) ?? [];
    queue.push(...steps);
    this.#scripts.set(target, queue);
  }

  clear(): void {
    this.#scripts.clear();
    this.#injections = [];
  }

  /** The fault to apply to the next request of `route`, or `null` to answer normally. */
  take(route: RouteName): Fault | null {
    for (const target of [route, '*'] as const) {
      const queue = this.#scripts.get(target);
      if (queue && queue.length > 0) return queue.shift() ?? null;
    }
    for (const target of [route, '*'] as const) {
      const injection = this.#injections.find((i) => i.target === target && i.remaining > 0);
      if (injection) {
        injection.remaining -= 1;
        return injection.fault;
      }
    }
    return null;
  }
}

function validateFault(fault: Fault): void {
  if (fault.kind === 'latency' && !(fault.ms >= 0)) {
    throw new RangeError('latency fault needs ms >= 0');
  }
  if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 100)) {
    throw new RangeError('status fault needs an HTTP status code');
  }
}
