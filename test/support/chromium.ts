// Debian's Chromium (`apt-get install -y chromium`) driven by playwright-core, because
// `npx playwright install` cannot download browsers on these machines.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumOptions {
  /**
   * Keep Chromium's popup blocker on, as a user's browser has it: Playwright passes
   * `--disable-popup-blocking` by default, which hides a `window.open` made without a click of
   * its own (for example from async code after the user's gesture expired).
   */
  readonly popupBlocker?: boolean;
}

export function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ignoreDefaultArgs: options.popupBlocker ? ['--disable-popup-blocking'] : undefined,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
