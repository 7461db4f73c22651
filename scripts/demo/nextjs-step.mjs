export const letter = 'g';
export const title = 'The Next.js example app: build, start, call over HTTP';

export async function run() {
  return { skipped: 'apps/nextjs-example is not ready yet' };
}
