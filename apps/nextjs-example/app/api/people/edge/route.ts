import { withLiveData } from '@livedata/nextjs';
import { personByEmailResponse } from '../../../../lib/people-route';

// The same route on the Edge runtime: the core uses only web-standard APIs. An Edge
// isolate has its own globalThis, hence its own token manager and token.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';

/** `GET /api/people/edge?email=…`: like `/api/people`, served by the Edge runtime. */
export const GET = withLiveData((request, { liveData }) =>
  personByEmailResponse(request, liveData.fetch, { runtime: 'edge' }),
);
