// Debian's chromium, headless, driven by playwright-core: the browser of the dashboard tests.
// In CI (.ci/run installs it) a missing browser fails the test; elsewhere it skips it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser, or undefined after `ctx.skip()` when chromium is absent outside CI. */
export async function launchChromium(ctx: { skip(): void }): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
    ctx.skip();
    return undefined;
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
