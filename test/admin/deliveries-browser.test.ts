// An author in a real browser (Debian's Chromium through playwright-core, app on loopback) publishes a post
// linking to two peer blogs and watches the delivery log on the edit screen fill in by itself: the scan
// pending, then sent and "no endpoint", without reloading; a retry is followed too; the preview lists the targets.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { htmlView } from '../browser/editor-view.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import type { Peer } from '../support/peer.js';
import { testDialect } from '../support/database.js';
import { silentPeer, webmentionPeer } from '../linkbacks/outbound/peers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Browser tests run once, on SQLite (as test/browser/ does).
describe.skipIf(!existsSync(CHROMIUM) || testDialect !== 'sqlite')('the delivery log in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let wm: Peer;
  let none: Peer;

  beforeAll(async () => {
    // Real time, so the session cookie's expiry agrees with the browser's clock.
    t = await createTestApp({}, { clock: new ManualClock(new Date(Date.now() - 3_600_000)) });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'author', 'writer', 'writer passphrase');
    [wm, none] = [await webmentionPeer(), await silentPeer()];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/login?next=${encodeURIComponent('/admin/posts/new')}`);
    await page.fill('#username', 'writer');
    await page.fill('#password', 'writer passphrase');
    await Promise.all([page.waitForURL(/\/admin\/posts\/new/), page.click('button:has-text("Log in")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await wm?.stop();
    await none?.stop();
    await t?.close();
  });

  it('shows the scan pending, then fills in sent and "no endpoint" by itself, and follows a retry', async () => {
    await page.fill('#title', 'Linking out');
    await htmlView(page);
    await page.fill('#content', `<p>See <a href="${wm.url}/post">this</a> and <a href="${none.url}/post">that</a>.</p>`);
    await page.selectOption('#status', 'published');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit/), page.click('#publish-button')]);

    const log = page.locator('.deliveries-live');
    // The scan job has not run yet: the log says so, and keeps polling (no reload from here on).
    await page.waitForSelector('.deliveries-live .scanning');
    await t.app.worker.runUntilIdle();
    await page.waitForSelector('.deliveries-live tr.state-no_endpoint', { timeout: 10_000 });
    await expect(log.locator('tr.delivery').count()).resolves.toBe(2);
    await expect(log.locator('tr.state-sent').textContent()).resolves.toContain(`${wm.url}/post`);
    await expect(log.locator('tr.state-no_endpoint').textContent()).resolves.toContain('No endpoint');
    await expect(log.locator('.scanning').count()).resolves.toBe(0);
    expect(wm.received('POST', '/webmention?via=link')).toHaveLength(1);

    // "Retry now" on the page that advertised nothing: queued, and the log polls until it settles again.
    await Promise.all([page.waitForURL(/\/edit$/), log.locator('tr.state-no_endpoint button', { hasText: 'Retry now' }).click()]);
    await page.waitForSelector('.deliveries-live tr.state-queued');
    await t.app.worker.runUntilIdle();
    await page.waitForSelector('.deliveries-live tr.state-no_endpoint', { timeout: 10_000 });
    await expect(log.locator('tr.state-queued').count()).resolves.toBe(0);
  });

  it('lists the links that will be notified from the editor', async () => {
    await Promise.all([page.waitForURL(/link-preview/), page.click('a:has-text("Which links will be notified?")')]);
    const table = await page.textContent('table.link-preview');
    expect(table).toContain(`${wm.url}/post`);
    expect(table).toContain(`${none.url}/post`);
    expect(table).toContain('not sent again on edits');
  });
});
