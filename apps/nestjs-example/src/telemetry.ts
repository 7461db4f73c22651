import { openTelemetryEvents } from '@livedata/opentelemetry';
import { metrics } from '@opentelemetry/api';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';

/**
 * The token manager's `onEvent`: spans and metrics of `@livedata/opentelemetry`, sent to the
 * global OpenTelemetry providers. Without an SDK registered they go nowhere, at no cost.
 */
export const liveDataTelemetry = openTelemetryEvents();

/** How often the console metric exporter prints, in ms. */
const METRICS_INTERVAL_MS = 10_000;

/**
 * With `LIVEDATA_OTEL_CONSOLE=1`, registers the OpenTelemetry SDK with console exporters:
 * every span is printed when it ends, the metrics every 10 s. A real service registers the
 * same providers with OTLP exporters pointing at its collector instead. Returns a function
 * that flushes and stops them, or `undefined` when the variable is not set.
 */
export function startConsoleTelemetry(
  env: NodeJS.ProcessEnv = process.env,
): (() => Promise<void>) | undefined {
  if (env.LIVEDATA_OTEL_CONSOLE !== '1') return undefined;
  const tracerProvider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
  });
  tracerProvider.register();
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new ConsoleMetricExporter(),
        exportIntervalMillis: METRICS_INTERVAL_MS,
      }),
    ],
  });
  metrics.setGlobalMeterProvider(meterProvider);
  return async () => {
    await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  };
}
