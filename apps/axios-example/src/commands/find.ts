import type { AxiosInstance } from 'axios';
import { type PeopleResult, postPeople } from '../people.js';

/** Options of {@link runFind}. */
export interface FindOptions {
  /** Organization id (`o_` + 8 hex) the call is made for (and charged to). */
  orgId: string;
  /** Work email address to look up. */
  email: string;
  /** Most people to return, default 1. */
  size?: number;
}

/**
 * `POST /people/v1/{org}/find` for one email address. Costs credits.
 *
 * @param api - an Axios instance from `createLiveDataAxios` (or with `attachLiveDataAuth`).
 * @throws AxiosError for non-2xx answers (see `toLiveDataApiError`), `LiveDataAuthError` when
 *   no token can be obtained.
 */
export function runFind(api: AxiosInstance, options: FindOptions): Promise<PeopleResult> {
  const body = {
    matches: [{ fields: [{ field_name: 'email_address', search_term: options.email }] }],
    size: options.size ?? 1,
  };
  return postPeople(api, `/people/v1/${encodeURIComponent(options.orgId)}/find`, body);
}
