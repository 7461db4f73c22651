// Where the lib has esnext.disposable, `await using` disposes a manager.
import { TokenManager } from '@livedata/core';

export async function once(apiKey: string): Promise<string> {
  await using tokens = new TokenManager({ credentials: { apiKey } });
  const dispose: () => Promise<void> = tokens[Symbol.asyncDispose];
  void dispose;
  return tokens.getAccessToken();
}
