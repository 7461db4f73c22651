// app/team/page.tsx
import { LiveDataApiError, liveDataFetch } from '@livedata/nextjs';
import { Suspense } from 'react';

async function Team() {
  const res = await liveDataFetch(`/people/v1/${process.env.LIVEDATA_ORG_ID}/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ size: 3 }),
  });
  if (!res.ok) throw LiveDataApiError.fromResponse(res);
  const { people } = (await res.json()) as { people: { id: string; name: string }[] };
  return (
    <ul>
      {people.map((person) => (
        <li key={person.id}>{person.name}</li>
      ))}
    </ul>
  );
}

export default function TeamPage() {
  return (
    <main>
      <h1>Team</h1>
      <Suspense fallback={<p>Loading…</p>}>
        <Team />
      </Suspense>
    </main>
  );
}
