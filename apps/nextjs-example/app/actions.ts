'use server';

import { LiveDataApiError, LiveDataAuthError, liveDataFetch } from '@livedata/nextjs';
import { findPersonByEmail, type PersonSummary } from '../lib/find-person';

/** What the search form shows after a submission. */
export type SearchState =
  | { status: 'idle' }
  | { status: 'found'; email: string; person: PersonSummary }
  | { status: 'not_found'; email: string }
  | { status: 'error'; email: string; message: string };

/**
 * Server action of the search form. The token lives and dies on the server: only the
 * person's name, position and company travel back to the browser.
 */
export async function searchPerson(_previous: SearchState, form: FormData): Promise<SearchState> {
  const email = String(form.get('email') ?? '').trim();
  if (!email.includes('@')) return { status: 'error', email, message: 'Enter an email address.' };
  try {
    const person = await findPersonByEmail(liveDataFetch, email);
    return person ? { status: 'found', email, person } : { status: 'not_found', email };
  } catch (error) {
    // Core errors carry a safe message (no token, no secret); anything else is a bug.
    if (error instanceof LiveDataAuthError || error instanceof LiveDataApiError) {
      return { status: 'error', email, message: error.message };
    }
    throw error;
  }
}
