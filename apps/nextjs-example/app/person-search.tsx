'use client';

import { useActionState } from 'react';
import { type SearchState, searchPerson } from './actions';

const initialState: SearchState = { status: 'idle' };

/** The search form: submits to the `searchPerson` server action and shows its answer. */
export function PersonSearch({ defaultEmail }: { defaultEmail?: string }) {
  const [state, action, pending] = useActionState(searchPerson, initialState);
  return (
    <section>
      <form action={action}>
        <label htmlFor="email">Work email</label>
        <input
          id="email"
          name="email"
          type="email"
          required
          defaultValue={state.status === 'idle' ? defaultEmail : state.email}
          placeholder="someone@company.com"
        />
        <button type="submit" disabled={pending}>
          {pending ? 'Searching…' : 'Find person'}
        </button>
      </form>
      <div aria-live="polite" data-testid="result">
        {state.status === 'found' && (
          <dl>
            <dt>Name</dt>
            <dd data-testid="person-name">{state.person.name}</dd>
            <dt>Position</dt>
            <dd>{state.person.position ?? '—'}</dd>
            <dt>Company</dt>
            <dd>{state.person.company ?? '—'}</dd>
          </dl>
        )}
        {state.status === 'not_found' && <p>Nobody found for {state.email}.</p>}
        {state.status === 'error' && <p role="alert">{state.message}</p>}
      </div>
    </section>
  );
}
