/**
 * The API call every scenario makes: a free people-search preview on the demo
 * organization. It is cheap for the mock server, so the auth layer's own cost is what
 * the overhead scenario sees.
 */
import { DEMO_ORG_ID } from '@livedata/mock-server';

/** Path under the base URL. */
export const API_PATH = `/people/v1/${DEMO_ORG_ID}/search/preview`;

/** JSON body of the call. */
export const API_BODY = JSON.stringify({
  filters: [
    {
      operator: 'and',
      filters: [
        {
          field: 'jobs.company.name',
          type: 'must',
          match_type: 'exists',
          string_values: [],
        },
      ],
    },
  ],
  size: 1,
});

/** Headers every client sends besides Authorization. */
export const API_HEADERS: Record<string, string> = { 'content-type': 'application/json' };

/** `baseUrl` + {@link API_PATH}. */
export function apiUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${API_PATH}`;
}
