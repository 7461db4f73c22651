import { trace } from '@opentelemetry/api';
import { afterEach, expect, it } from 'vitest';

afterEach(() => {
  trace.disable();
});

// Guards the test configs: `vitest.config.ts` runs on the API the SDK 2.x needs (1.9.1),
// `vitest.config.api-1.10.ts` on 1.10.0. A config that silently loaded the other one would
// test nothing new.
it('runs on the @opentelemetry/api version its config asks for', () => {
  trace.setGlobalTracerProvider({ getTracer: () => trace.getTracer('unused') });
  const registry = (globalThis as Record<symbol, { version?: string } | undefined>)[
    Symbol.for('opentelemetry.js.api.1')
  ];
  expect(registry?.version).toBe(process.env.EXPECTED_OTEL_API ?? '1.9.1');
});
