/**
 * Drives one overhead contender in a closed loop against the light server, after a 1 s
 * warm-up. With SAMPLING_US, the measured loop (and nothing else: not the start-up, the
 * imports or the warm-up) runs under V8's CPU profiler, and the JSON carries where its time
 * went; the request-profile scenario (`scenarios/request-profile.ts`) runs it that way.
 * Prints a readable line on stderr and the JSON as the last stdout line.
 *
 *   node dist/profile-overhead.js livedata-core [ms=5000] [concurrency=16] [SERVER_CPU|-] [SAMPLING_US]
 *
 * A whole-process profile for a developer: run it under `node --cpu-prof` and read the file
 * with `node dist/cpu-profile-summary.js CPU.*.cpuprofile 30`.
 */
import { Session } from 'node:inspector/promises';
import { overheadContenders } from './contenders.js';
import { type CpuProfile, type CpuProfileSummary, summarizeCpuProfile } from './cpu-profile.js';
import { startLightServer } from './light-server.js';
import { closedLoop } from './load.js';
import { credentials } from './mock.js';
import { loginWithFetch } from './peers/live-data-login.js';
import { configureTransport } from './transport.js';

/** The last stdout line of a run. */
export interface ProfiledLoop {
  /** Requests of the measured loop. */
  requests: number;
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
  failed: number;
  /** Where the measured loop's time went, when it ran under the profiler. */
  profile?: Pick<CpuProfileSummary, 'totalUs' | 'busyUs' | 'oursUs' | 'byArea' | 'byOurFrame'>;
}

/** Runs `body` under V8's sampling profiler, every `samplingUs` µs. */
async function profiled<T>(
  samplingUs: number,
  body: () => Promise<T>,
): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingUs });
    await session.post('Profiler.start');
    const result = await body();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const [id = 'livedata-core', duration = '5000', concurrency = '16', serverCpu = '-', sampling] =
    process.argv.slice(2);
  const contender = overheadContenders.find((c) => c.id === id);
  if (!contender) {
    throw new Error(
      `unknown contender ${id}; known: ${overheadContenders.map((c) => c.id).join(', ')}`,
    );
  }
  configureTransport();
  const light = await startLightServer({
    cpu: serverCpu === '-' ? undefined : Number(serverCpu),
  });
  try {
    const session = await loginWithFetch(light.url, credentials);
    const client = contender.create({
      baseUrl: light.url,
      credentials,
      staticToken: session.accessToken,
    });
    await closedLoop(client, Number(concurrency), 1_000);
    const loop = () => closedLoop(client, Number(concurrency), Number(duration));
    let result: Awaited<ReturnType<typeof loop>>;
    let profile: ProfiledLoop['profile'];
    if (sampling === undefined) result = await loop();
    else {
      const run = await profiled(Number(sampling), loop);
      result = run.result;
      const { totalUs, busyUs, oursUs, byArea, byOurFrame } = summarizeCpuProfile(run.profile);
      profile = { totalUs, busyUs, oursUs, byArea, byOurFrame: byOurFrame.slice(0, 10) };
    }
    console.error(
      `${id}: ${result.requestsPerSecond.toFixed(0)} requests/s, ${result.cpuMicrosPerRequest.toFixed(1)} client CPU µs/request, ${result.failed} failed`,
    );
    const line: ProfiledLoop = {
      requests: result.completed,
      requestsPerSecond: result.requestsPerSecond,
      cpuMicrosPerRequest: result.cpuMicrosPerRequest,
      failed: result.failed,
      profile,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
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
