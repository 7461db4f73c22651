// packages/core/README.md, "Smallest example", copied as written.
import { tokenManagerFromEnv } from '@livedata/core';

// LIVEDATA_CLIENT_ID + LIVEDATA_CLIENT_SECRET (or LIVEDATA_USERNAME + LIVEDATA_PASSWORD,
// or LIVEDATA_API_KEY), optionally LIVEDATA_BASE_URL.
const tokens = tokenManagerFromEnv();

const res = await tokens.fetch('/people/v1/o_3daf8872/find', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    matches: [
      {
        fields: [
          { field_name: 'email_address', search_term: 'dana.whitfield@livedata-demo.example' },
        ],
      },
    ],
  }),
});
console.log(res.status, await res.json());
