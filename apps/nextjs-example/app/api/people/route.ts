import { withLiveData } from '@livedata/nextjs';
import { personByEmailResponse } from '../../../lib/people-route';

// Rendered per request, never at build time (liveData.fetch would also make it so).
export const dynamic = 'force-dynamic';

/**
 * `GET /api/people?email=…`: the person as JSON, 404 when nobody has this email.
 * Live Data failures become JSON errors (500 config, 502 refused credentials, 503 with
 * Retry-After when temporary) without any token or secret.
 */
export const GET = withLiveData((request, { liveData }) =>
  personByEmailResponse(request, liveData.fetch),
);
