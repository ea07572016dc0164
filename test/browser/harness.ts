// What every browser test starts with: Debian's Chromium with the flags this machine and CI need (never a
// browser download, no background traffic to other hosts), the blog listening on loopback only, and a sign-in
// through the real login form; and screenshots for a person to look at, when asked for.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';

export const CHROMIUM = '/usr/bin/chromium';
/** Browser tests are skipped, not failed, on a machine without Debian's Chromium (CI installs it). */
export const NO_CHROMIUM = !existsSync(CHROMIUM);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Listens on 127.0.0.1 and returns the base URL with the address, not `localhost` (which may resolve to ::1). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  return (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
}

/** Signs in through /admin/login and waits for the dashboard. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click('button:has-text("Log in")')]);
}

/** Where screenshots go: BACKTALK_SCREENSHOTS=<dir>. Unset, no test takes any. */
const SHOTS = process.env.BACKTALK_SCREENSHOTS;

/**
 * Saves the whole page at 1280 and 375 px wide as `<dir>/<name>-<width>.png`, then puts the viewport back to
 * 1280x900. Does nothing when BACKTALK_SCREENSHOTS is unset.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
