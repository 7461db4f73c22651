// Runs the demo steps in order, prints the transcript and a summary, and guarantees that
// no process is left behind: on success, on failure, on Ctrl-C and on SIGTERM.
import * as axiosStep from './axios-step.js';
import * as concurrencyStep from './concurrency-step.js';
import * as coreStep from './core-step.js';
import type { DemoStep } from './demo-step.js';
import { openTarget, type Target } from './environment.js';
import * as errorsStep from './errors-step.js';
import * as nestjsStep from './nestjs-step.js';
import * as nextjsStep from './nextjs-step.js';
import { importCore } from './packages.js';
import { killAllNow, stopAll } from './processes.js';
import * as rotationStep from './rotation-step.js';
import {
  bold,
  dim,
  failed,
  green,
  heading,
  info,
  ok,
  red,
  say,
  skipped,
  yellow,
} from './transcript.js';

const STEPS: DemoStep[] = [
  coreStep,
  concurrencyStep,
  rotationStep,
  errorsStep,
  axiosStep,
  nestjsStep,
  nextjsStep,
];

const USAGE = `Usage: npm run demo -- [--only a,b,...] [--next-build] [--email ADDRESS]

  --only a,c      run only these steps
  --next-build    run \`next build\` even when an up-to-date build exists
  --email ADDRESS against the real API: look this person up in the examples (paid calls,
                  1 credit each); without it only free calls are made

Runs the Live Data auth toolkit demo against a local mock API (or the real API when
LIVEDATA_* credentials are set). Steps:
${STEPS.map((s) => `  (${s.letter}) ${s.title}`).join('\n')}`;

/** Runs the demo; resolves to the process exit code. */
export async function runDemo(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    say(USAGE);
    return 0;
  }
  const flagValue = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const onlyList = flagValue('--only');
  const only = onlyList ? new Set(onlyList.split(',')) : undefined;
  const forceNextBuild = argv.includes('--next-build');

  let target: Target | undefined;
  let stopping = false;
  const cleanup = async (): Promise<void> => {
    await stopAll();
    await target?.close();
  };
  // Whatever happens, no child outlives the demo.
  process.on('exit', killAllNow);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      say(`\n${yellow(`${signal}: stopping the demo and everything it started…`)}`);
      cleanup().finally(() => process.exit(code));
    });
  }

  const started = performance.now();
  const outcomes: {
    step: DemoStep;
    status: 'ok' | 'skipped' | 'failed';
    detail?: string;
    ms?: number;
  }[] = [];
  try {
    say(bold('Live Data auth toolkit: demo'));
    const core = await importCore();
    const opened = await openTarget(core);
    target = opened;
    if (opened.mode === 'mock') {
      say(`Against a local mock of the Live Data API at ${target.baseUrl} (no account needed).`);
      say(
        dim(
          'Set LIVEDATA_* variables (see docs/choosing-a-credential-kind.md) to run it against the real API.',
        ),
      );
    } else {
      say(`Against the real Live Data API at ${target.baseUrl}, with your LIVEDATA_* credentials.`);
      say(
        dim(
          flagValue('--email')
            ? `Mock-only steps are skipped; the examples look up ${flagValue('--email')} (paid calls, 1 credit each).`
            : 'Mock-only steps are skipped; only free calls are made (pass --email ADDRESS for the paid ones).',
        ),
      );
    }

    // Against the mock, the examples look up its demo person; against the real API only
    // when asked (those calls spend credits).
    const email = opened.mode === 'mock' ? opened.fixtures.DEMO_PERSON_EMAIL : flagValue('--email');
    const context = { core, target: opened, email, forceNextBuild };
    for (const step of STEPS) {
      if (only && !only.has(step.letter)) continue;
      heading(step.letter, step.title);
      const stepStarted = performance.now();
      try {
        const result = await step.run(context);
        if (result?.skipped) {
          skipped(result.skipped);
          outcomes.push({ step, status: 'skipped', detail: result.skipped });
        } else {
          outcomes.push({ step, status: 'ok', ms: performance.now() - stepStarted });
        }
      } catch (error) {
        failed(error instanceof Error ? error.message : String(error));
        const output = (error as { output?: unknown } | undefined)?.output;
        if (typeof output === 'string' && output !== '') {
          info(dim(output.trim().split('\n').slice(-15).join('\n    ')));
        }
        outcomes.push({
          step,
          status: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        });
      }
      // A failed step may leave processes behind; the next step starts clean.
      await stopAll();
    }
  } catch (error) {
    failed(`the demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    return 1;
  }
  await cleanup();

  say();
  say(bold('Summary'));
  for (const { step, status, detail } of outcomes) {
    const mark = status === 'ok' ? green('✓') : status === 'skipped' ? yellow('–') : red('✗');
    say(`  ${mark} (${step.letter}) ${step.title}${detail ? dim(`: ${detail}`) : ''}`);
  }
  const failures = outcomes.filter((o) => o.status === 'failed').length;
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (failures > 0) {
    say(red(`${failures} step${failures === 1 ? '' : 's'} failed (${seconds} s).`));
    return 1;
  }
  ok(`done in ${seconds} s; every process the demo started has been stopped.`);
  return 0;
}
