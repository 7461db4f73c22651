// Entry of the scenario in workerd: a module worker, bundled with esbuild by run.mjs, which
// defines __LIVEDATA__ (base URL, control URL, credentials). The manager is created at
// module scope and shared by every request, as Workers users write it; its clock is the
// real one plus a skew that `/module?advance=ms` moves, so later requests reach the soft
// window and expiry without waiting.
import * as core from '../packages/core/dist/index.js';
import { runScenario } from './scenario.mjs';

// `__LIVEDATA__` is replaced by esbuild at bundle time.
const { baseUrl, controlUrl, credentials } = __LIVEDATA__;
let skewMs = 0;
/** The token the last API request carried (a background refresh may replace it right after). */
let lastSent = '';
const tokens = core.createTokenManager({
  credentials,
  baseUrl,
  now: () => Date.now() + skewMs,
  fetch: (input, init) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (auth) lastSent = auth.slice('Bearer '.length);
    return fetch(input, init);
  },
});

/** A short fingerprint, so the runner can compare tokens without seeing one. */
async function fingerprint(token) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest).slice(0, 6)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

export default {
  async fetch(request, _env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/scenario') {
      return Response.json(await runScenario({ core, baseUrl, controlUrl, credentials }));
    }
    if (url.pathname === '/module') {
      skewMs += Number(url.searchParams.get('advance') ?? 0);
      const res = await tokens.fetch(
        '/people/v1/o_3daf8872/find/preview',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            matches: [{ fields: [{ field_name: 'name', search_term: 'Dana Whitfield' }] }],
          }),
        },
        { waitUntil: (promise) => ctx.waitUntil(promise) },
      );
      await res.body?.cancel();
      return Response.json({ status: res.status, token: await fingerprint(lastSent) });
    }
    return new Response('not found', { status: 404 });
  },
};
