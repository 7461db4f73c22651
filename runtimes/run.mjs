// The runtime matrix: one scenario (scenario.mjs) of @livedata/core in Node 20 (this
// process's), Node 22 and 24 (`npx -y node@N`), Bun, Deno and workerd (Miniflare, the core
// bundled with esbuild into a module worker), against @livedata/mock-server on loopback.
// Prints one line per runtime and ends on `N passed, N failed`; exits 1 on any failure.
// Usage: node run.mjs [name…]   (names: node20 node22 node24 bun deno workerd)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCredentials, startMockServer } from '@livedata/mock-server';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);
/** A child that has not printed its result and exited by then has failed (npx may download). */
const CHILD_LIMIT_MS = 180_000;
/** Bound on one request to the worker. */
const REQUEST_LIMIT_MS = 30_000;
const credentials = {
  clientId: demoCredentials.clientId,
  clientSecret: demoCredentials.clientSecret,
};

const quietEnv = {
  ...process.env,
  DO_NOT_TRACK: '1',
  DENO_NO_UPDATE_CHECK: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

const children = new Set();

/** Runs `command`, bounded; resolves with its output and exit code (or `timedOut`). */
function runChild(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: here,
      env: quietEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: npx's node is stopped with it
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopChild(child);
    }, CHILD_LIMIT_MS);
    child.on('error', (error) => {
      stderr += String(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ stdout, stderr, code, signal, timedOut });
    });
  });
}

function stopChild(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** One runtime's outcome from a child process that ran child.mjs. */
function childOutcome(run) {
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  const report = line ? JSON.parse(line.slice('RESULT '.length)) : undefined;
  const checks = report?.results ?? [];
  const problems = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
  if (!report) problems.push(`no result (${lastLines(run.stderr || run.stdout)})`);
  if (run.timedOut) {
    problems.push(
      report
        ? `did not exit within ${CHILD_LIMIT_MS / 1000} s without close()`
        : `no result within ${CHILD_LIMIT_MS / 1000} s`,
    );
  } else if (run.code !== 0) {
    problems.push(`exited with ${run.code ?? run.signal} (${lastLines(run.stderr)})`);
  }
  return { version: report?.runtime, checks: checks.length, problems };
}

function lastLines(text) {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 400) || 'no output';
}

/** The control endpoint the scenario uses to steer the mock (faults, counts, revocation). */
function startControl(api) {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const input = body ? JSON.parse(body) : {};
    const answer = (value) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value ?? {}));
    };
    switch (req.url) {
      case '/count':
        return answer({ identity: api.count('identity') });
      case '/revoke':
        api.revokeAllTokens();
        return answer();
      case '/inject':
        api.inject(input.route, input.fault, { times: input.times });
        return answer();
      case '/clear':
        api.clearFaults();
        return answer();
      default:
        res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => closeServer(server) });
    });
  });
}

function closeServer(server) {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

function bounded(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${REQUEST_LIMIT_MS / 1000} s`)),
      REQUEST_LIMIT_MS,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** workerd through Miniflare: the scenario, then a module-scope manager across requests. */
async function runWorkerd(api, control) {
  const bundle = await build({
    entryPoints: [join(here, 'worker.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: {
      __LIVEDATA__: JSON.stringify({ baseUrl: api.url, controlUrl: control.url, credentials }),
    },
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2024-11-11',
    cf: false,
  });
  const problems = [];
  let checks = 0;
  try {
    const get = async (path) => {
      const res = await bounded(mf.dispatchFetch(`http://worker.test${path}`), `GET ${path}`);
      if (res.status !== 200)
        throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const results = await get('/scenario');
    checks += results.length;
    for (const c of results) if (!c.ok) problems.push(`${c.name}: ${c.detail}`);

    // The module-scope manager, one request each. Tokens live 900 s; the soft window is the
    // last 270–300 s, so +700 s lands in it and +1000 s more past the next token's expiry.
    const module = async (name, path, expect) => {
      checks++;
      try {
        const before = api.count('identity');
        const answer = await get(path);
        const failure = await expect(answer, () => api.count('identity') - before);
        if (failure) problems.push(`${name}: ${failure}`);
        return answer;
      } catch (error) {
        problems.push(`${name}: ${error.message}`);
        return undefined;
      }
    };
    const first = await module('request 1: a cold module-scope manager', '/module', (a, calls) =>
      a.status !== 200
        ? `HTTP ${a.status}`
        : calls() !== 1
          ? `${calls()} identity calls`
          : undefined,
    );
    await module('request 2: the same token, no identity call', '/module', (a, calls) =>
      a.token !== first?.token
        ? 'another token'
        : calls() !== 0
          ? `${calls()} identity calls`
          : undefined,
    );
    const identityBefore = api.count('identity');
    await module(
      'request 3: soft window, the background refresh handed to ctx.waitUntil',
      '/module?advance=700000',
      async (a) => {
        if (a.status !== 200) return `HTTP ${a.status}`;
        if (a.token !== first?.token) return 'did not get the cached token at once';
        // The refresh outlives the response: wait (bounded) for the mock to see it.
        for (let waited = 0; api.count('identity') === identityBefore; waited += 10) {
          if (waited > REQUEST_LIMIT_MS) return 'the background refresh never reached the mock';
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
    );
    const fourth = await module(
      'request 4: the refreshed token, no identity call',
      '/module',
      async (a) => {
        // The refresh's identity call was counted in request 3; let it land, bounded.
        for (let i = 0; i < 100 && a.token === first?.token; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          a = await get('/module');
        }
        if (a.token === first?.token) return 'still the old token';
        if (api.count('identity') !== identityBefore + 1) return 'more than one refresh';
      },
    );
    await module(
      'request 5: past expiry, a refresh awaited in a later request',
      '/module?advance=1000000',
      (a, calls) =>
        a.status !== 200
          ? `HTTP ${a.status}`
          : a.token === fourth?.token
            ? 'the expired token'
            : calls() !== 1
              ? `${calls()} identity calls`
              : undefined,
    );
  } catch (error) {
    problems.push(`${error.message}`);
  } finally {
    await mf.dispose();
  }
  return { version: `workerd (miniflare ${await miniflareVersion()})`, checks, problems };
}

async function miniflareVersion() {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(
    await readFile(join(here, 'node_modules', 'miniflare', 'package.json'), 'utf8'),
  );
  return pkg.version;
}

const RUNTIMES = {
  node20: (args) => runChild(process.execPath, ['child.mjs', ...args]),
  node22: (args) => runChild('npx', ['-y', 'node@22', 'child.mjs', ...args]),
  node24: (args) => runChild('npx', ['-y', 'node@24', 'child.mjs', ...args]),
  bun: (args) => runChild(bin('bun'), ['child.mjs', ...args]),
  deno: (args) =>
    runChild(bin('deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', 'child.mjs', ...args]),
};

async function main() {
  const wanted = process.argv.slice(2);
  const names = [...Object.keys(RUNTIMES), 'workerd'].filter(
    (name) => wanted.length === 0 || wanted.includes(name),
  );
  const api = await startMockServer({ port: 0 });
  const control = await startControl(api);
  let passed = 0;
  let failed = 0;
  try {
    for (const name of names) {
      api.clearFaults();
      api.resetRequests();
      let outcome;
      try {
        outcome =
          name === 'workerd'
            ? await runWorkerd(api, control)
            : childOutcome(
                await RUNTIMES[name]([
                  api.url,
                  control.url,
                  credentials.clientId,
                  credentials.clientSecret,
                ]),
              );
      } catch (error) {
        outcome = { version: undefined, checks: 0, problems: [String(error?.message ?? error)] };
      }
      const label = `${name.padEnd(8)} ${(outcome.version ?? '?').padEnd(34)}`;
      if (outcome.problems.length === 0) {
        passed++;
        console.log(`ok   ${label} ${outcome.checks} checks`);
      } else {
        failed++;
        console.log(`FAIL ${label} ${outcome.problems.join('; ')}`);
      }
    }
  } finally {
    for (const child of children) stopChild(child);
    await control.close();
    await api.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) stopChild(child);
    process.exit(1);
  });
}

await main();
