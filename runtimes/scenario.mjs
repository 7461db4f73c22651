// The one scenario every runtime runs (Node, Bun, Deno, workerd): web-standard APIs only,
// no imports, so it loads as is everywhere and bundles into a module worker. The runner
// (run.mjs) owns the mock server and exposes a small control endpoint on loopback, used
// here to inject faults and read the mock's request counts.

const ORG = 'o_3daf8872';
const PERSON_EMAIL = 'dana.whitfield@livedata-demo.example';
/** Bound on any wait this scenario makes for the mock to see something. */
const WAIT_LIMIT_MS = 10_000;

/**
 * Runs every check against the mock at `baseUrl`, in order, and returns their outcomes.
 * Managers `a`, `b` and `d` are left open on purpose: in Node, Bun and Deno the process
 * must still exit without `close()`.
 *
 * @param {{ core: typeof import('../packages/core/dist/index.js'), baseUrl: string,
 *   controlUrl: string, credentials: { clientId: string, clientSecret: string } }} input
 * @returns {Promise<{ name: string, ok: boolean, detail?: string }[]>}
 */
export async function runScenario({ core, baseUrl, controlUrl, credentials }) {
  const control = async (action, body = {}) => {
    const res = await fetch(`${controlUrl}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${action} answered ${res.status}`);
    return res.json();
  };
  const identityCalls = async () => (await control('count')).identity;
  const manager = ({ retry, ...options } = {}) =>
    core.createTokenManager({
      credentials,
      baseUrl,
      ...options,
      retry: { baseDelayMs: 5, maxDelayMs: 20, ...retry },
    });
  const codeOf = async (promise) => {
    try {
      await promise;
      return 'resolved';
    } catch (error) {
      return error instanceof core.LiveDataAuthError
        ? error.code
        : `not a LiveDataAuthError: ${error}`;
    }
  };
  const find = (tokens) =>
    tokens.fetch(`/people/v1/${ORG}/find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matches: [{ fields: [{ field_name: 'email_address', search_term: PERSON_EMAIL }] }],
      }),
    });
  const untilIdentityCalls = async (n) => {
    for (let waited = 0; waited < WAIT_LIMIT_MS; waited += 10) {
      if ((await identityCalls()) >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the mock never saw identity call ${n}`);
  };

  const results = [];
  const check = async (name, body) => {
    try {
      const failure = await body();
      results.push(failure ? { name, ok: false, detail: failure } : { name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: `threw ${error?.name}: ${error?.message}` });
    }
  };
  await control('clear');

  const a = manager();
  await check('100 concurrent cold callers share 1 identity call', async () => {
    const before = await identityCalls();
    const got = await Promise.all(Array.from({ length: 100 }, () => a.getAccessToken()));
    const calls = (await identityCalls()) - before;
    if (new Set(got).size !== 1) return `${new Set(got).size} different tokens`;
    if (calls !== 1) return `${calls} identity calls`;
  });

  await check('an API call', async () => {
    const res = await find(a);
    if (res.status !== 200) return `HTTP ${res.status}`;
    const body = await res.json();
    if (!Array.isArray(body.people) || body.people.length === 0) return 'no person found';
  });

  await check('a 401 is retried once with a new token', async () => {
    await control('revoke');
    const before = await identityCalls();
    const res = await find(a);
    await res.body?.cancel();
    const calls = (await identityCalls()) - before;
    if (res.status !== 200) return `HTTP ${res.status}`;
    if (calls !== 1) return `${calls} identity calls`;
  });

  const b = manager();
  await check('identity 503 twice, then recovery', async () => {
    await control('inject', {
      route: 'identity',
      fault: { kind: 'status', status: 503 },
      times: 2,
    });
    const before = await identityCalls();
    await b.getAccessToken();
    const calls = (await identityCalls()) - before;
    if (calls !== 3) return `${calls} identity calls`;
  });

  await check("abort cancels the caller's wait", async () => {
    const c = manager({ retry: { maxAttempts: 1 }, requestTimeoutMs: 5_000 });
    const before = await identityCalls();
    await control('inject', { route: 'identity', fault: { kind: 'hang' }, times: 1 });
    const controller = new AbortController();
    const waiting = c.getAccessToken({ signal: controller.signal });
    await untilIdentityCalls(before + 1);
    controller.abort();
    const code = await codeOf(waiting);
    await c.close(); // ends the hung identity request
    if (code !== 'aborted') return `got ${code}`;
  });

  const d = manager({ retry: { maxAttempts: 1 }, requestTimeoutMs: 200 });
  await check('an identity attempt times out', async () => {
    await control('inject', { route: 'identity', fault: { kind: 'hang' }, times: 1 });
    const code = await codeOf(d.getAccessToken());
    if (code !== 'timeout') return `got ${code}`;
    await d.getAccessToken(); // and the next call gets a token
  });

  await check('close() releases a waiting caller', async () => {
    const e = manager({ requestTimeoutMs: 5_000 });
    const before = await identityCalls();
    await control('inject', { route: 'identity', fault: { kind: 'hang' }, times: 1 });
    const waiting = e.getAccessToken();
    await untilIdentityCalls(before + 1);
    await e.close();
    const code = await codeOf(waiting);
    if (code !== 'closed') return `got ${code}`;
  });

  await control('clear');
  // Keep references to the open managers until here, so nothing closes them by accident.
  void [a, b, d];
  return results;
}
