// What the end-to-end checks (this app's and the tarball Next.js apps' in e2e/) scan for a
// secret: every file a build wrote for the browser, and what the browser received.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir` (none if it does not exist). */
export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which of `secrets` ({ name, value }) occur in `text`, plus any Bearer credential. */
export function leaksIn(text, secrets) {
  const found = secrets.filter(({ value }) => text.includes(value)).map(({ name }) => name);
  if (/Bearer\s+[A-Za-z0-9._~+/-]{20,}/.test(text)) found.push('a Bearer credential');
  return found;
}
