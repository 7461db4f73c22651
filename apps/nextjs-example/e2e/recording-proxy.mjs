// A pass-through HTTP proxy in front of the mock server that remembers every access token
// the identity endpoint hands out, so the e2e test can search the app's output for them.
import { createServer, request as httpRequest } from 'node:http';

/**
 * @param {string} targetOrigin e.g. 'http://127.0.0.1:5432'
 * @returns {Promise<{ url: (path: string) => string, tokens: Set<string>, close: () => Promise<void> }>}
 */
export async function startRecordingProxy(targetOrigin) {
  const target = new URL(targetOrigin);
  const tokens = new Set();
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const isIdentity = (req.url ?? '').includes('/identity/');
        if (!isIdentity) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          try {
            const parsed = JSON.parse(body.toString('utf8'));
            const token = parsed.accessToken ?? parsed.access_token;
            if (typeof token === 'string') tokens.add(token);
          } catch {
            // Not JSON (an injected fault): nothing to remember.
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    tokens,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
