import { DEMO_PERSON_EMAIL, demoCredentials, startMockServer } from '@livedata/mock-server';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { hasLiveDataCredentials } from './example.config.js';
import { startConsoleTelemetry } from './telemetry.js';

startConsoleTelemetry(process.env); // LIVEDATA_OTEL_CONSOLE=1 prints spans and metrics
const logger = new Logger('NestjsExample');
let env = process.env;

if (!hasLiveDataCredentials(env)) {
  // No credentials: run against the bundled mock so the example works out of the box.
  const mock = await startMockServer();
  process.once('exit', () => void mock.close());
  env = {
    ...env,
    LIVEDATA_BASE_URL: mock.url,
    LIVEDATA_CLIENT_ID: demoCredentials.clientId,
    LIVEDATA_CLIENT_SECRET: demoCredentials.clientSecret,
    LIVEDATA_ENRICHMENT_USERNAME: demoCredentials.username,
    LIVEDATA_ENRICHMENT_PASSWORD: demoCredentials.password,
  };
  logger.log(
    `No LIVEDATA_* credentials set: started the bundled Live Data mock server at ${mock.url} (demo service account ${demoCredentials.clientId}; enrichment account: demo user ${demoCredentials.username}).`,
  );
}

const { url } = await createApp({
  env,
  port: Number(env.PORT ?? 3000),
  host: env.HOST ?? '127.0.0.1',
});
const example = env === process.env ? '' : ` and ${url}/people?email=${DEMO_PERSON_EMAIL}`;
logger.log(`Listening on ${url} (try ${url}/health${example})`);
