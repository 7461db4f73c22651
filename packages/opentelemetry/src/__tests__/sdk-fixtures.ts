// The real OpenTelemetry SDK, exporting to memory, for tests that read what was recorded.
import { type FakeClock, fakeClock as manualClock } from '@livedata/test-utils';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A reader the test collects from when it wants, instead of on a timer. */
class CollectOnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** One collected data point, flattened: metric name and unit, attributes, value. */
export interface Point {
  name: string;
  unit: string;
  attributes: Record<string, unknown>;
  /** A counter's sum; a histogram's count and sum. */
  value: number | { count: number; sum: number };
}

/** A tracer provider and a meter provider of the SDK, and what they recorded. */
export function sdkTelemetry() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new CollectOnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    /** Finished spans, oldest first. */
    spans(): ReadableSpan[] {
      return exporter.getFinishedSpans();
    },
    spansNamed(name: string): ReadableSpan[] {
      return exporter.getFinishedSpans().filter((s) => s.name === name);
    },
    async collect(): Promise<ResourceMetrics> {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
      return resourceMetrics;
    },
    async points(): Promise<Point[]> {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap((scope) =>
        scope.metrics.flatMap((metric) =>
          (metric.dataPoints as DataPoint<number | Histogram>[]).map((p) => ({
            name: metric.descriptor.name,
            unit: metric.descriptor.unit,
            attributes: { ...p.attributes },
            value:
              typeof p.value === 'number'
                ? p.value
                : { count: p.value.count, sum: p.value.sum ?? Number.NaN },
          })),
        ),
      );
    },
    async shutdown(): Promise<void> {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export type SdkTelemetry = ReturnType<typeof sdkTelemetry>;

function matching(points: Point[], name: string, attributes: Record<string, unknown>): Point[] {
  return points.filter(
    (p) => p.name === name && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
  );
}

/** The sum of the counter `name` over its points whose attributes include `attributes` (0 when none). */
export function counted(
  points: Point[],
  name: string,
  attributes: Record<string, unknown> = {},
): number {
  let total = 0;
  for (const p of matching(points, name, attributes)) {
    if (typeof p.value !== 'number') throw new Error(`${name} is not a counter`);
    total += p.value;
  }
  return total;
}

/** Count and sum of the histogram `name` over its points whose attributes include `attributes`. */
export function histogram(
  points: Point[],
  name: string,
  attributes: Record<string, unknown> = {},
): { count: number; sum: number } {
  const total = { count: 0, sum: 0 };
  for (const p of matching(points, name, attributes)) {
    if (typeof p.value === 'number') throw new Error(`${name} is not a histogram`);
    total.count += p.value.count;
    total.sum += p.value.sum;
  }
  return total;
}

/** A fake clock the manager reads; starts at the real time so server and manager agree. */
export function fakeClock(start = Date.now()): FakeClock {
  return manualClock(start);
}
