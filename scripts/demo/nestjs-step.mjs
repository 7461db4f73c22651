export const letter = 'f';
export const title = 'The NestJS example service, over HTTP';

export async function run() {
  return { skipped: 'apps/nestjs-example is not ready yet' };
}
