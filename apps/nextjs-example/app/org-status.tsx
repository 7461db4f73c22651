import { LiveDataApiError, LiveDataAuthError, liveDataFetch } from '@livedata/nextjs';
import { orgId } from '../lib/find-person';

/**
 * A server component that calls the API while the page renders. The page exports no
 * `dynamic` setting: `liveDataFetch` calls Next's `connection()`, which makes the page
 * render per request, so `next build` does not prerender it and requests no token.
 *
 * It asks the free `find/preview` endpoint about nobody, just to read the organization's
 * `X-LDT-Credits-Remaining` header (absent when the quota is unlimited).
 */
export async function OrgStatus() {
  const org = orgId();
  try {
    const res = await liveDataFetch(`/people/v1/${org}/find/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matches: [{ fields: [{ field_name: 'email_address', search_term: 'nobody@invalid' }] }],
      }),
    });
    if (!res.ok) throw LiveDataApiError.fromResponse(res);
    const remaining = res.headers.get('x-ldt-credits-remaining');
    return (
      <p data-testid="org-status">
        Organization <code>{org}</code>: {remaining ?? 'unlimited'} credits remaining.
      </p>
    );
  } catch (error) {
    // Only Live Data errors are shown; anything else, including Next's own control-flow
    // errors (the build-time bailout of connection()), must propagate.
    if (error instanceof LiveDataAuthError || error instanceof LiveDataApiError) {
      return <p role="alert">Live Data is unavailable: {error.message}</p>;
    }
    throw error;
  }
}
