import { withLiveData } from '@livedata/nextjs';
import { findPersonByEmail } from '../../../../lib/find-person';

// The same route on the Edge runtime: the core uses only web-standard APIs. An Edge
// isolate has its own globalThis, hence its own token manager and token.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';

/** `GET /api/people/edge?email=…`: like `/api/people`, served by the Edge runtime. */
export const GET = withLiveData(async (request, { liveData }) => {
  const email = new URL(request.url).searchParams.get('email')?.trim();
  if (!email) {
    return Response.json(
      { error: { code: 'bad_request', message: 'Pass ?email=' } },
      { status: 400 },
    );
  }
  const person = await findPersonByEmail(liveData.fetch, email);
  if (!person) {
    return Response.json(
      { error: { code: 'not_found', message: 'Nobody has this email.' } },
      { status: 404 },
    );
  }
  return Response.json({ person, runtime: 'edge' }, { headers: { 'cache-control': 'no-store' } });
});
