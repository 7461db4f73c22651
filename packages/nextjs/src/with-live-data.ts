import { toNextErrorResponse } from './error-response.js';
import {
  type GetLiveDataTokenOptions,
  getLiveDataToken,
  liveDataFetch,
} from './live-data-fetch.js';
import { findNextControlFlowError } from './next-control-flow.js';

/** What {@link withLiveData} adds to a route handler's context. */
export interface LiveDataRouteHelpers {
  /** {@link liveDataFetch}: authenticated, never cached by Next. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** {@link getLiveDataToken}: a valid access token; keep it on the server. */
  getAccessToken(options?: GetLiveDataTokenOptions): Promise<string>;
}

/** Next's route handler context (`{ params: Promise<…> }`) when none is given. */
export interface DefaultRouteContext {
  /** The dynamic route segments, e.g. `{ id: '42' }` for `app/people/[id]/route.ts`. */
  params: Promise<Record<string, string | string[] | undefined>>;
}

/** Options of {@link withLiveData}. */
export interface WithLiveDataOptions {
  /**
   * Called with each Live Data error turned into a response, for logging. Default: one
   * `console.error` line with the error's name, code and message (which hold no secret).
   * Pass `() => {}` to stay silent.
   */
  onError?: (error: Error, request: Request) => void;
}

const liveData: LiveDataRouteHelpers = {
  fetch: liveDataFetch,
  getAccessToken: getLiveDataToken,
};

function logError(error: Error, request: Request): void {
  const code = (error as { code?: unknown }).code;
  let path = '';
  try {
    path = new URL(request.url).pathname;
  } catch {
    // A request without an absolute URL (hand-made in a test): log without the path.
  }
  console.error(
    `[@livedata/nextjs] ${request.method} ${path} -> ${error.name} (${String(code)}): ${error.message}`,
  );
}

/**
 * Wraps an App Router route handler: the handler gets `context.liveData` with `fetch` and
 * `getAccessToken`, and errors are handled the way a route should answer them:
 *
 * - Next.js control-flow errors (`redirect()`, `notFound()`, `forbidden()`,
 *   `unauthorized()`, dynamic-rendering bailouts) are rethrown untouched, also when they
 *   are the `cause` of another error.
 * - `LiveDataAuthError` and `LiveDataApiError` become a JSON response
 *   (see {@link toNextErrorResponse}: 500 for configuration, 502 for refused credentials,
 *   503 with `Retry-After` for temporary failures) that never holds a token or secret.
 * - Anything else is rethrown for Next.js to handle (a 500 and your `error.js`).
 *
 * @example
 * ```ts
 * export const GET = withLiveData(async (request, { liveData }) => {
 *   const res = await liveData.fetch('/people/v1/o_3daf8872/person/123');
 *   return Response.json(await res.json());
 * });
 * ```
 */
export function withLiveData<Req extends Request = Request, Ctx = DefaultRouteContext>(
  handler: (
    request: Req,
    context: Ctx & { liveData: LiveDataRouteHelpers },
  ) => Response | Promise<Response>,
  options: WithLiveDataOptions = {},
): (request: Req, context: Ctx) => Promise<Response> {
  const onError = options.onError ?? logError;
  return async (request, context) => {
    try {
      return await handler(request, { ...(context ?? ({} as Ctx)), liveData });
    } catch (error) {
      const controlFlow = findNextControlFlowError(error);
      if (controlFlow !== undefined) throw controlFlow;
      const response = toNextErrorResponse(error);
      if (!response) throw error;
      onError(error as Error, request);
      return response;
    }
  };
}
