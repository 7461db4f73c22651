/**
 * A development aid, not a scenario: drives one overhead contender in a closed loop against
 * the light server, for `node --cpu-prof`, and prints requests/s and client CPU µs/request.
 * Pair it with `cpu-profile-summary.ts` to see where the client's time goes:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/profile-overhead.js livedata-core 5000
 *   node dist/cpu-profile-summary.js /tmp/prof/CPU.*.cpuprofile
 */
import { overheadContenders } from './contenders.js';
import { startLightServer } from './light-server.js';
import { closedLoop } from './load.js';
import { credentials } from './mock.js';
import { loginWithFetch } from './peers/live-data-login.js';
import { configureTransport } from './transport.js';

async function main(): Promise<void> {
  const [id = 'livedata-core', duration = '5000', concurrency = '16'] = process.argv.slice(2);
  const contender = overheadContenders.find((c) => c.id === id);
  if (!contender) {
    throw new Error(
      `unknown contender ${id}; known: ${overheadContenders.map((c) => c.id).join(', ')}`,
    );
  }
  configureTransport();
  const light = await startLightServer();
  try {
    const session = await loginWithFetch(light.url, credentials);
    const client = contender.create({
      baseUrl: light.url,
      credentials,
      staticToken: session.accessToken,
    });
    await closedLoop(client, Number(concurrency), 1_000);
    const result = await closedLoop(client, Number(concurrency), Number(duration));
    console.log(
      `${id}: ${result.requestsPerSecond.toFixed(0)} requests/s, ${result.cpuMicrosPerRequest.toFixed(1)} client CPU µs/request, ${result.failed} failed`,
    );
    await client.close();
  } finally {
    await light.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
