import { findPersonByEmail } from './find-person';

/**
 * The body of `GET /api/people?email=…`, shared by the Node.js and Edge routes: the person
 * as JSON, 400 without an email, 404 when nobody has it. Live Data failures are thrown and
 * answered by `withLiveData` (JSON errors without any token or secret).
 */
export async function personByEmailResponse(
  request: Request,
  fetchLiveData: Parameters<typeof findPersonByEmail>[0],
  extra: Record<string, string> = {},
): Promise<Response> {
  const email = new URL(request.url).searchParams.get('email')?.trim();
  if (!email) {
    return Response.json(
      { error: { code: 'bad_request', message: 'Pass ?email=' } },
      { status: 400 },
    );
  }
  const person = await findPersonByEmail(fetchLiveData, email);
  if (!person) {
    return Response.json(
      { error: { code: 'not_found', message: 'Nobody has this email.' } },
      { status: 404 },
    );
  }
  return Response.json({ person, ...extra }, { headers: { 'cache-control': 'no-store' } });
}
