import type { AxiosInstance } from 'axios';
import { type PeopleResult, postPeople } from '../people.js';

/** Options of {@link runSearch}. */
export interface SearchOptions {
  /** Organization id (`o_` + 8 hex) the call is made for (and charged to). */
  orgId: string;
  /** Company name to match (fuzzy) against people's jobs. */
  company: string;
  /** Most people to return, default 10. */
  size?: number;
}

/**
 * `POST /people/v1/{org}/search` for people who work or worked at `company`. Costs credits.
 *
 * @param api - an Axios instance from `createLiveDataAxios` (or with `attachLiveDataAuth`).
 * @throws AxiosError for non-2xx answers (see `toLiveDataApiError`), `LiveDataAuthError` when
 *   no token can be obtained.
 */
export function runSearch(api: AxiosInstance, options: SearchOptions): Promise<PeopleResult> {
  const body = {
    filters: [
      {
        operator: 'and',
        filters: [
          {
            field: 'jobs.company.name',
            type: 'must',
            match_type: 'fuzzy',
            string_values: [options.company],
          },
        ],
      },
    ],
    size: options.size ?? 10,
  };
  return postPeople(api, `/people/v1/${encodeURIComponent(options.orgId)}/search`, body);
}
