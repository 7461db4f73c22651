// Next runs register() once per server process, before the first request.
export async function register(): Promise<void> {
  // The Edge runtime has no Node SDK; its routes keep their own token manager, untraced.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerTelemetry } = await import('./lib/telemetry');
  registerTelemetry();
}
