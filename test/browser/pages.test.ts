// Pages in a real browser, as a blogger coming from WordPress would: write an About page and a child page
// from the Pages menu (parent chosen in the Page attributes box), see both at /about/ and /about/team/ with
// the menu of top-level pages, then make About the static front page from Settings → Reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { htmlView } from './editor-view.js';


describe.skipIf(NO_CHROMIUM)('pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: Page;

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    const user = await createUser(t.ctx, 'admin', 'pageadmin', 'a long passphrase');
    browser = await launchChromium();
    admin = await (await browser.newContext()).newPage();
    await signIn(admin, base, user.username, 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const writePage = async (title: string, parent?: string) => {
    await admin.goto(`${base}/admin/pages/new`);
    await admin.fill('#title', title);
    await htmlView(admin);
    await admin.fill('#content', `<p>${title} text</p>`);
    await admin.selectOption('#status', 'published');
    if (parent) await admin.selectOption('#parent_id', { label: parent });
    await Promise.all([admin.waitForURL(/\/admin\/posts\/\d+\/edit$/), admin.click('#publish-button')]);
    await expect(admin.textContent('main')).resolves.toContain('Page published.');
  };

  it('writes a page and a child page from the Pages menu, and lists them as a tree', async () => {
    await writePage('About');
    await writePage('Team', 'About');
    await admin.goto(`${base}/admin/pages`);
    const titles = await admin.locator('td.title strong').allTextContents();
    expect(titles).toEqual(['About', '— Team']);
  });

  it('shows the pages at their paths with the menu of top-level pages', async () => {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}/about/team/`);
    await expect(reader.textContent('h1.post-title')).resolves.toBe('Team');
    await expect(reader.locator('.pages-menu a').allTextContents()).resolves.toEqual(['About']);
    await reader.click('.pages-menu a:has-text("About")');
    expect(new URL(reader.url()).pathname).toBe('/about/');
  });

  it('makes About the static front page from Settings → Reading', async () => {
    await admin.goto(`${base}/admin/settings/reading`);
    await admin.check('input[name="show_on_front"][value="page"]');
    await admin.selectOption('#page_on_front', { label: 'About' });
    await Promise.all([admin.waitForURL(`${base}/admin/settings/reading`), admin.click('button:has-text("Save changes")')]);
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}/`);
    await expect(reader.textContent('h1.post-title')).resolves.toBe('About');
  });
});
