// What a service does at a cold start: many callers at once, then an API call. Prints one
// JSON line with what it saw; never calls close(), so the process must exit by itself.
// Takes @livedata/core as the app loaded it (require() in node-cjs, import in node-esm), so
// the same steps prove each build.
module.exports = async function coldStart({ tokenManagerFromEnv }) {
  const tokens = tokenManagerFromEnv();
  const cold = await Promise.all(Array.from({ length: 100 }, () => tokens.getAccessToken()));

  const dana = { field_name: 'email_address', search_term: 'dana.whitfield@livedata-demo.example' };
  const res = await tokens.fetch('/people/v1/o_3daf8872/find', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ matches: [{ fields: [dana] }] }),
  });
  const body = res.ok ? await res.json() : {};
  console.log(
    JSON.stringify({ distinctTokens: new Set(cold).size, status: res.status, people: body.count }),
  );
};
