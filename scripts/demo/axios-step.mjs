export const letter = 'e';
export const title = 'The Axios example CLI';

export async function run() {
  return { skipped: 'apps/axios-example is not ready yet' };
}
