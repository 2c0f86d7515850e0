import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/server/paths.js';
import { createTestApp, type TestApp, type TestAppOptions } from './app.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'screenshots');

/**
 * Debian's Chromium, headless, with the flags that keep it off the network (this machine has none
 * beyond the package registries) and out of first-run chores.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Saves a full-page screenshot under the git-ignored screenshots/ folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app listening on a free local port, and Chromium to drive it. */
export async function startBrowserApp(
  options: TestAppOptions & { browserArgs?: string[] } = {},
  beforeListen?: (t: TestApp) => void,
): Promise<BrowserApp> {
  const t = await createTestApp(options);
  beforeListen?.(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser(options.browserArgs);
  return {
    t,
    browser,
    baseUrl,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
