// Runs a command, passes its output through, and adds up vitest's "Tests  N passed (M)"
// summaries across the packages turbo ran, so `npm test` ends on one plain line:
// "N passed, N failed" (", N skipped").
import { spawn } from 'node:child_process';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const ansi = /\u001b\[[0-9;]*m/g;
const summary = /^\S*:?\s*Tests\s+(.*)\((\d+)\)\s*$/;

/** Runs `cmd args`, echoing output; resolves with the exit code and the tally. */
export function runWithVitestTally(cmd, args, options) {
  return new Promise((resolve, reject) => {
    const tally = { passed: 0, failed: 0, skipped: 0 };
    const child = spawn(cmd, args, { ...options, stdio: ['inherit', 'pipe', 'inherit'] });
    let pending = '';
    const readLine = (line) => {
      const match = line
        .replace(ansi, '')
        .replace(/^@[\w/-]+:[\w:-]+:\s*/, '')
        .match(summary);
      if (!match) return;
      for (const [, count, word] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
        if (word === 'todo') tally.skipped += Number(count);
        else tally[word] += Number(count);
      }
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(readLine);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      readLine(pending);
      resolve({ code: code ?? 1, tally });
    });
  });
}
