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

/**
 * A new page of `browser` that records every response from `origin` it loads. `loaded` is the
 * live list (one promise per response, in order) of `{ url, method, type, text }`: `type` is
 * the request's resource type (`document`, `script`, `fetch`, …); `text` is '' for a body the
 * browser no longer holds (a redirect).
 */
export async function recordingPage(browser, origin) {
  const page = await browser.newPage();
  const loaded = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(origin)) return;
    const request = response.request();
    const entry = { url: response.url(), method: request.method(), type: request.resourceType() };
    loaded.push(
      response.text().then(
        (text) => ({ ...entry, text }),
        () => ({ ...entry, text: '' }),
      ),
    );
  });
  return { page, loaded };
}
