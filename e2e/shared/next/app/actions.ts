// app/actions.ts
'use server';
import { LiveDataApiError, liveDataFetch } from '@livedata/nextjs';

export async function findPerson(email: string) {
  const res = await liveDataFetch(`/people/v1/${process.env.LIVEDATA_ORG_ID}/find`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }],
    }),
  });
  if (!res.ok) throw LiveDataApiError.fromResponse(res);
  const { people } = await res.json();
  return people[0] ? { name: people[0].name, position: people[0].position } : null;
}
