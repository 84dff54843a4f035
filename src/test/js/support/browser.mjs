// Debian's chromium (installed by ../install-chromium.sh) driven by playwright-core, headless,
// as the browser tests launch it. Playwright gives every launch a fresh temporary profile.
import { chromium } from 'playwright-core';

/** `args`: more command-line switches (the host mode test's host resolver rules). */
export function launchChromium(args = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A host page of another origin is served by a Playwright route, so Chromium cannot tell
      // it is on this machine and would ask the (absent) user before it loads from loopback.
      '--disable-features=LocalNetworkAccessChecks',
      ...args,
    ],
  });
}
