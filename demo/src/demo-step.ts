// What every demo step is: a letter, a title, and a run that proves something or says why
// it was skipped.
import type { Target } from './environment.js';
import type { Core } from './packages.js';

/** What a step gets to work with. */
export interface DemoContext {
  core: Core;
  target: Target;
  /** Whom the example apps look up: the mock's demo person, or `--email` against the real API. */
  email: string | undefined;
  /** `--next-build`: build the Next.js app even when its build is up to date. */
  forceNextBuild: boolean;
}

/** A step that could not run, and why (shown in the transcript and the summary). */
export interface SkippedStep {
  skipped: string;
}

/** One step of the demo, e.g. `(b) Many calls, one identity call`. */
export interface DemoStep {
  letter: string;
  title: string;
  /** Resolves when the step proved its point; throws when it did not. */
  run(context: DemoContext): Promise<SkippedStep | undefined>;
}
