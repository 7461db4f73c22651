// Hand-written tracer and meter providers implementing only @opentelemetry/api's interfaces,
// with no SDK behind them: what a user's own (or a vendor's) providers look like. Methods the
// package should never call record the call in `unexpected`, since the listener swallows
// errors and a throw would go unnoticed.
import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  MeterProvider,
  MetricOptions,
  Span,
  SpanContext,
  SpanOptions,
  SpanStatus,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';

export interface RecordedSpan {
  name: string;
  scope: string;
  options: SpanOptions | undefined;
  attributes: Attributes;
  events: { name: string; attributes: Attributes | undefined }[];
  status: SpanStatus | undefined;
  ended: number;
}

export interface RecordedInstrument {
  kind: 'counter' | 'histogram';
  name: string;
  options: MetricOptions | undefined;
  scope: string;
  records: { value: number; attributes: Attributes | undefined }[];
}

const SPAN_CONTEXT: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
};

export function minimalProviders() {
  const spans: RecordedSpan[] = [];
  const instruments: RecordedInstrument[] = [];
  const unexpected: string[] = [];
  const refuse = (what: string) => (): never => {
    unexpected.push(what);
    throw new Error(`${what} is not implemented by the minimal providers`);
  };

  function makeSpan(record: RecordedSpan): Span {
    const span: Span = {
      spanContext: () => SPAN_CONTEXT,
      setAttribute(key, value) {
        if (value !== undefined) record.attributes[key] = value;
        return span;
      },
      setAttributes(attributes) {
        Object.assign(record.attributes, attributes);
        return span;
      },
      addEvent(name, attributesOrTime) {
        const attributes =
          attributesOrTime &&
          typeof attributesOrTime === 'object' &&
          !(attributesOrTime instanceof Date) &&
          !Array.isArray(attributesOrTime)
            ? (attributesOrTime as Attributes)
            : undefined;
        record.events.push({ name, attributes });
        return span;
      },
      addLink: refuse('span.addLink') as Span['addLink'],
      addLinks: refuse('span.addLinks') as Span['addLinks'],
      setStatus(status) {
        record.status = status;
        return span;
      },
      updateName: refuse('span.updateName') as Span['updateName'],
      end() {
        record.ended += 1;
      },
      isRecording: () => record.ended === 0,
      recordException: refuse('span.recordException') as Span['recordException'],
    };
    return span;
  }

  const tracerProvider: TracerProvider = {
    getTracer(scope: string): Tracer {
      return {
        startSpan(name, options) {
          const record: RecordedSpan = {
            name,
            scope,
            options,
            attributes: { ...(options?.attributes ?? {}) },
            events: [],
            status: undefined,
            ended: 0,
          };
          spans.push(record);
          return makeSpan(record);
        },
        startActiveSpan: refuse('tracer.startActiveSpan') as Tracer['startActiveSpan'],
      };
    },
  };

  function instrument(
    kind: RecordedInstrument['kind'],
    scope: string,
    name: string,
    options?: MetricOptions,
  ) {
    const record: RecordedInstrument = { kind, name, options, scope, records: [] };
    instruments.push(record);
    return record;
  }

  const meterProvider: MeterProvider = {
    getMeter(scope: string): Meter {
      return {
        createCounter(name, options): Counter {
          const r = instrument('counter', scope, name, options);
          return { add: (value, attributes) => void r.records.push({ value, attributes }) };
        },
        createHistogram(name, options): Histogram {
          const r = instrument('histogram', scope, name, options);
          return { record: (value, attributes) => void r.records.push({ value, attributes }) };
        },
        createGauge: refuse('meter.createGauge') as Meter['createGauge'],
        createUpDownCounter: refuse('meter.createUpDownCounter') as Meter['createUpDownCounter'],
        createObservableGauge: refuse(
          'meter.createObservableGauge',
        ) as Meter['createObservableGauge'],
        createObservableCounter: refuse(
          'meter.createObservableCounter',
        ) as Meter['createObservableCounter'],
        createObservableUpDownCounter: refuse(
          'meter.createObservableUpDownCounter',
        ) as Meter['createObservableUpDownCounter'],
        addBatchObservableCallback: refuse(
          'meter.addBatchObservableCallback',
        ) as Meter['addBatchObservableCallback'],
        removeBatchObservableCallback: refuse(
          'meter.removeBatchObservableCallback',
        ) as Meter['removeBatchObservableCallback'],
      };
    },
  };

  return {
    tracerProvider,
    meterProvider,
    spans,
    instruments,
    unexpected,
    /** Sum of what was added to the counter `name` with attributes including `attributes`. */
    added(name: string, attributes: Attributes = {}): number {
      return instruments
        .filter((i) => i.name === name)
        .flatMap((i) => i.records)
        .filter((r) => Object.entries(attributes).every(([k, v]) => r.attributes?.[k] === v))
        .reduce((sum, r) => sum + r.value, 0);
    },
  };
}
