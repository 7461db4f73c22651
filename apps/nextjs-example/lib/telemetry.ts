// Imported only by instrumentation.ts, inside register() on the Node.js runtime: the
// OpenTelemetry SDK for Node needs Node APIs, and @livedata/nextjs pulls in `server-only`,
// which instrumentation.ts must not import at its top level (vercel/next.js#57563).
import { configureTokenManager } from '@livedata/nextjs';
import { openTelemetryEvents } from '@livedata/opentelemetry';
import {
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';

/**
 * Sends the token manager's events to OpenTelemetry (`@livedata/opentelemetry`, global
 * providers). With `LIVEDATA_OTEL_CONSOLE=1` it also registers the SDK with a console
 * exporter, so every span is printed when it ends: `livedata.identity.session` for each
 * identity call, nested under Next's own request spans. A real app registers an OTLP
 * exporter instead (or uses `@vercel/otel`'s `registerOTel()`).
 */
export function registerTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  if (env.LIVEDATA_OTEL_CONSOLE === '1') {
    const provider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
    });
    provider.register();
  }
  configureTokenManager({ onEvent: openTelemetryEvents() });
}
