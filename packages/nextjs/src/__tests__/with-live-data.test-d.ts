// Type tests, checked by `tsc` (the `typecheck` script): what a route handler author sees.
import type { NextRequest } from 'next/server.js';
import { expectTypeOf } from 'vitest';
import { type DefaultRouteContext, type LiveDataRouteHelpers, withLiveData } from '../index.js';

const GET = withLiveData(async (request, context) => {
  expectTypeOf(request).toEqualTypeOf<Request>();
  expectTypeOf(context.liveData).toEqualTypeOf<LiveDataRouteHelpers>();
  expectTypeOf(context.params).toEqualTypeOf<DefaultRouteContext['params']>();
  expectTypeOf(context.liveData.fetch('/x')).resolves.toEqualTypeOf<Response>();
  expectTypeOf(context.liveData.getAccessToken()).resolves.toEqualTypeOf<string>();
  return new Response();
});
expectTypeOf(GET).parameters.toEqualTypeOf<[Request, DefaultRouteContext]>();
expectTypeOf(GET).returns.resolves.toEqualTypeOf<Response>();

// A NextRequest and typed params, as in `app/api/people/[id]/route.ts`.
withLiveData<NextRequest, { params: Promise<{ id: string }> }>(async (request, { params }) => {
  expectTypeOf(request).toEqualTypeOf<NextRequest>();
  expectTypeOf((await params).id).toEqualTypeOf<string>();
  return Response.json({});
});

// A handler must answer with a Response.
// @ts-expect-error: a string is not a Response
withLiveData(async () => 'text');
