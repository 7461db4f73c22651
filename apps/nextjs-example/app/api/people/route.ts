import { withLiveData } from '@livedata/nextjs';
import { findPersonByEmail } from '../../../lib/find-person';

// Rendered per request, never at build time (liveData.fetch would also make it so).
export const dynamic = 'force-dynamic';

/**
 * `GET /api/people?email=…`: the person as JSON, 404 when nobody has this email.
 * Live Data failures become JSON errors (500 config, 502 refused credentials, 503 with
 * Retry-After when temporary) without any token or secret.
 */
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
  return Response.json({ person }, { headers: { 'cache-control': 'no-store' } });
});
