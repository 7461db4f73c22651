// How the demo talks: one readable transcript on stdout. Colour only on a terminal that
// wants it; slow steps show progress (a ticking line on a terminal, a line every 15 s in
// a log), so nobody wonders whether the demo hung.
import type { HttpAnswer } from './http.js';

/** The fields of a person the example apps answer with, as far as the transcript shows them. */
interface PersonSummary {
  name?: unknown;
  position?: unknown;
  company?: unknown;
}

const { NO_COLOR, TERM } = process.env;
const colour = process.stdout.isTTY === true && !NO_COLOR && TERM !== 'dumb';
const paint = (code: string, text: string): string =>
  colour ? `\u001b[${code}m${text}\u001b[0m` : text;

export const bold = (text: string): string => paint('1', text);
export const dim = (text: string): string => paint('2', text);
export const green = (text: string): string => paint('32', text);
export const red = (text: string): string => paint('31', text);
export const yellow = (text: string): string => paint('33', text);
export const cyan = (text: string): string => paint('36', text);

/** A plain line. */
export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** The title of one demo step, e.g. `(a) Core: a token and one API call`. */
export function heading(letter: string, title: string): void {
  say();
  say(bold(cyan(`(${letter}) ${title}`)));
}

/** A detail line inside a step. */
export function info(text: string): void {
  say(`    ${text}`);
}

/** An outcome the step proves. */
export function ok(text: string): void {
  say(`  ${green('✓')} ${text}`);
}

/** A step that could not run, and why. */
export function skipped(reason: string): void {
  say(`  ${yellow('–')} skipped: ${reason}`);
}

/** A failed expectation. */
export function failed(text: string): void {
  say(`  ${red('✗')} ${text}`);
}

/** An HTTP call made, as `METHOD path → status`. */
export function call(method: string, path: string, status: number, extra = ''): void {
  const shown = status >= 200 && status < 300 ? green(String(status)) : yellow(String(status));
  say(`    ${dim('→')} ${method.padEnd(4)} ${path}  ${shown}${extra ? `  ${dim(extra)}` : ''}`);
}

/**
 * Runs `task` while showing that it is alive: `label (12 s)` ticking on a terminal, a line
 * every 15 s otherwise. Resolves with the task's result.
 */
export async function withProgress<T>(label: string, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  let timer: NodeJS.Timeout;
  if (process.stdout.isTTY) {
    const draw = () => process.stdout.write(`\r    ${dim('…')} ${label} (${elapsed()})`);
    draw();
    timer = setInterval(draw, 1000);
  } else {
    say(`    … ${label}`);
    timer = setInterval(
      () => say(`    … still ${label.replace(/^./, (c) => c.toLowerCase())} (${elapsed()})`),
      15_000,
    );
  }
  try {
    return await task();
  } finally {
    clearInterval(timer);
    if (process.stdout.isTTY) process.stdout.write(`\r\u001b[2K`);
    say(`    ${dim('…')} ${label}: done in ${elapsed()}`);
  }
}

/** Milliseconds as people read them. */
export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

/** A one-line summary of a JSON answer about a person, for the transcript. */
export function summarize(answer: HttpAnswer): string {
  const json = answer.json as { person?: unknown } | undefined;
  const person = (json?.person ?? json) as PersonSummary | undefined;
  if (person && typeof person === 'object' && typeof person.name === 'string') {
    const where = [person.position, person.company].filter(Boolean).join(' at ');
    return `${person.name}${where ? `, ${where}` : ''}`;
  }
  const text = answer.text.trim();
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
