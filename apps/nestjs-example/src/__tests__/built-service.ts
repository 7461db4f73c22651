import { fileURLToPath } from 'node:url';
import { type RunningNode, startNode } from '@livedata/test-utils';

/** The built service: build first (turbo does), as a user runs it. */
export const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * Runs `node dist/main.js` on a free port with `env` (and no LIVEDATA_* from this shell),
 * waits for its "Listening on" line, and adds it to `children` for the caller to stop.
 */
export async function startBuilt(env: Record<string, string>, children: RunningNode[]) {
  const node = startNode([mainJs], { env: { PORT: '0', NO_COLOR: '1', ...env } });
  children.push(node);
  const [, url = ''] = await node.waitFor(/Listening on (http:\/\/[\d.]+:\d+)/);
  return { child: node.child, url, output: node.output };
}
