'use client';

import { useState } from 'react';
import { findPerson } from './actions';

/** Calls the `findPerson` server action from the browser and shows what it returned. */
export function FindPersonForm() {
  const [email, setEmail] = useState('');
  const [result, setResult] = useState('');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        setResult('…');
        try {
          const person = await findPerson(email);
          setResult(person ? `${person.name} (${person.position ?? 'no position'})` : 'nobody');
        } catch (error) {
          setResult(`failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }}
    >
      <input id="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      <button type="submit">Find</button>
      <output data-testid="result">{result}</output>
    </form>
  );
}
