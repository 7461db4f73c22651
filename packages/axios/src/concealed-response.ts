type Bag = Record<string, unknown>;

/**
 * What runs the first time code reads a concealed `request`, with the argument it was
 * concealed with: one module-level function and a value instead of a closure per response.
 */
export type BeforeFirstRead<A> = (request: unknown, argument: A) => void;

/**
 * An adapter's response with its `request` (the raw request object, whose header text may
 * hold the token) out of everything that prints or serializes it: the other properties are
 * the response's own, in its order; `request` is read and assigned through the prototype,
 * from a private field that `util.inspect` (even with `showHidden`), `JSON.stringify` and
 * `Object.keys` never reach. `beforeFirstRead` runs once, the first time code reads it.
 *
 * A new object instead of an accessor on the adapter's own: redefining a data property as
 * an accessor turns an object into a slow dictionary, for every later access by Axios and
 * by the caller. It still reads as a plain object: `constructor` is `Object`, and
 * `util.inspect` prints it without a class name.
 */
class ConcealedResponse {
  #request: unknown;
  #beforeFirstRead: BeforeFirstRead<never> | undefined;
  #argument: unknown;

  constructor(response: Bag, beforeFirstRead: BeforeFirstRead<never>, argument: unknown) {
    for (const key of Object.keys(response)) {
      if (key !== 'request') (this as unknown as Bag)[key] = response[key];
    }
    this.#request = response.request;
    this.#beforeFirstRead = beforeFirstRead;
    this.#argument = argument;
  }

  get request(): unknown {
    const run = this.#beforeFirstRead;
    if (run !== undefined) {
      this.#beforeFirstRead = undefined;
      (run as BeforeFirstRead<unknown>)(this.#request, this.#argument);
      this.#argument = undefined;
    }
    return this.#request;
  }

  set request(value: unknown) {
    this.#beforeFirstRead = undefined;
    this.#argument = undefined;
    this.#request = value;
  }
}

// Printed, compared and constructed as the plain object it replaces.
Object.defineProperty(ConcealedResponse.prototype, 'constructor', {
  value: Object,
  configurable: true,
  writable: true,
});

/** Whether `response` is a plain object with an own enumerable `request`, as Axios's adapters make it. */
function isCopyable(response: object): response is Bag {
  return (
    Object.getPrototypeOf(response) === Object.prototype &&
    Object.prototype.propertyIsEnumerable.call(response, 'request')
  );
}

/**
 * `response` with its `request` concealed from printing and JSON (see
 * {@link ConcealedResponse}), or `undefined` when it is not a plain object with an own
 * enumerable `request`: such a response is for the caller to conceal in place.
 * `beforeFirstRead` gets `argument` as its second parameter.
 */
export function concealedResponse<A>(
  response: object,
  beforeFirstRead: BeforeFirstRead<A>,
  argument?: A,
): object | undefined {
  return isCopyable(response)
    ? new ConcealedResponse(response, beforeFirstRead as BeforeFirstRead<never>, argument)
    : undefined;
}
