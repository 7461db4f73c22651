import { LiveDataApiError } from '@livedata/nextjs';

/** What the page and the route handler show about a person. */
export interface PersonSummary {
  name: string;
  position: string | null;
  company: string | null;
}

/** The mock server's demo organization; set LIVEDATA_ORG_ID for a real one. */
const DEFAULT_ORG_ID = 'o_3daf8872';

export function orgId(): string {
  return process.env.LIVEDATA_ORG_ID?.trim() || DEFAULT_ORG_ID;
}

interface ApiJob {
  title?: string;
  ended_at?: string | null;
  company?: { name?: string };
}
interface ApiPerson {
  name: string;
  position?: string | null;
  jobs?: ApiJob[];
}

/**
 * Finds one person by work email with `POST /people/v1/{org}/find`, through the
 * authenticated fetch it is given (`liveDataFetch` or a route handler's `liveData.fetch`).
 *
 * @returns the person, or `null` when nobody has this email.
 * @throws LiveDataApiError for any other non-2xx answer.
 */
export async function findPersonByEmail(
  fetchLiveData: (path: string, init?: RequestInit) => Promise<Response>,
  email: string,
): Promise<PersonSummary | null> {
  const res = await fetchLiveData(`/people/v1/${orgId()}/find`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }],
    }),
  });
  if (res.status === 404) return null;
  if (!res.ok) throw LiveDataApiError.fromResponse(res);
  const { people } = (await res.json()) as { people: ApiPerson[] };
  const person = people[0];
  if (!person) return null;
  const currentJob = person.jobs?.find((job) => !job.ended_at) ?? person.jobs?.[0];
  return {
    name: person.name,
    position: person.position ?? currentJob?.title ?? null,
    company: currentJob?.company?.name ?? null,
  };
}
