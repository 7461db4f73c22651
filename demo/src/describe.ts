// Words for the things the demo shows.
import type { CredentialKind } from '@livedata/core';

/** The words people use for each credential kind. */
export function describeKind(kind: CredentialKind): string {
  const words: Record<CredentialKind, string> = {
    clientCredentials: 'service account (client credentials)',
    password: 'user session (username/password)',
    apiKey: 'API key',
  };
  return words[kind] ?? kind;
}

/** `15 min`, `20 s`: a lifetime as people say it. */
export function lifetime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** The credit headers of an answer, in words. */
export function describeCredits(res: Response): string {
  const used = res.headers.get('x-ldt-credits-used');
  const remaining = res.headers.get('x-ldt-credits-remaining');
  if (used === null && remaining === null) return '';
  return `credits used ${used ?? '?'}, remaining ${remaining ?? 'unlimited'}`;
}

/** A find body for one e-mail address. */
export function findByEmail(email: string): object {
  return { matches: [{ fields: [{ field_name: 'email_address', search_term: email }] }] };
}

/** A free search-preview body that matches anyone with a current employer. */
export const previewBody = {
  filters: [
    {
      operator: 'and',
      filters: [{ field: 'jobs.company.name', type: 'must', match_type: 'exists' }],
    },
  ],
  size: 1,
};

/** JSON POST init. */
export function postJson(body: object): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}
