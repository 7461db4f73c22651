// Debian's Chromium, headless, for the end-to-end checks (this app's and the tarball Next.js
// apps' in e2e/): never a downloaded browser, and no request of its own to the network.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The system browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Throws, saying how to install it, when the system browser is not there. */
export function assertChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's build with ` +
        '`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH). ' +
        'Never run `playwright install`: these tests drive the system browser.',
    );
  }
}

/** Launches it, or throws saying how to install it. */
export function launchChromium() {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
