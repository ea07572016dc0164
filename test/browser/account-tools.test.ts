// Issue 16 points 5 and 6 in a real browser (Debian's Chromium through playwright-core, app on loopback): a
// user adds an application password and sees it once, revokes it after confirming; an admin reviews an
// erasure on Tools → Privacy before it happens. BACKTALK_SCREENSHOTS=<dir> also saves each page at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { rpcOk } from '../xmlrpc/client.js';


describe.skipIf(NO_CHROMIUM)('application passwords and privacy tools in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;


  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date(Date.now() - 3_600_000)) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    const admin = await createUser(t.ctx, 'admin', 'keeper', 'keeper passphrase');
    const post = await makePost(t.ctx, admin.id, { title: 'Letters' });
    for (const content of ['Lovely', 'Me again']) await makeComment(t.ctx, post.id, { status: 'approved', author_name: 'Ada', author_email: 'ada@example.test', content });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/admin/login?next=${encodeURIComponent('/admin/application-passwords')}`);
    await page.fill('#username', 'keeper');
    await page.fill('#password', 'keeper passphrase');
    await Promise.all([page.waitForURL(/\/admin\/application-passwords$/), page.click('button:has-text("Log in")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds an application password from the sidebar, shows it once, and revokes it after confirming', async () => {
    await expect(page.getAttribute('.admin-menu a[href="/admin/application-passwords"]', 'aria-current')).resolves.toBe('page');
    await page.fill('#app-name', 'MarsEdit');
    await Promise.all([page.waitForSelector('#new-password'), page.click('button:has-text("Add new application password")')]);
    const shown = (await page.textContent('#new-password'))!.trim();
    expect(shown).toMatch(/^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$/);
    await screenshot(page, 'application-password-new');
    expect((await rpcOk<{ username: string }>(t, 'wp.getProfile', [1, 'keeper', shown])).username).toBe('keeper');
    await page.goto(`${base}/admin/application-passwords`);
    await page.waitForSelector('table.app-passwords');
    await expect(page.textContent('table.app-passwords')).resolves.toContain('127.0.0.1');
    await screenshot(page, 'application-passwords');
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForSelector('.flash'), page.click('table.app-passwords button:has-text("Revoke")')]);
    await expect(page.textContent('.flash')).resolves.toContain('Application password revoked');
    await expect(page.textContent('main')).resolves.toContain('You have none yet.');
  });

  it('sets "Require application passwords" and the IP retention on Settings → General', async () => {
    await page.goto(`${base}/admin/settings`);
    await page.check('input[name="xmlrpc_require_application_passwords"]');
    await page.fill('#comment_ip_retention_days', '30');
    await screenshot(page, 'general-settings');
    await Promise.all([page.waitForSelector('.flash'), page.click('button:has-text("Save changes")')]);
    await expect(page.isChecked('input[name="xmlrpc_require_application_passwords"]')).resolves.toBe(true);
    await expect(page.inputValue('#comment_ip_retention_days')).resolves.toBe('30');
  });

  it('reviews an erasure before it happens, then anonymises', async () => {
    await page.goto(`${base}/admin/tools/privacy`);
    await screenshot(page, 'privacy-tools');
    await page.fill('#erase-email', 'ada@example.test');
    await Promise.all([page.waitForURL(/\/erase$/), page.click('button:has-text("Review erasure")')]);
    await expect(page.textContent('.privacy-counts')).resolves.toMatch(/2\s+comments left with this address will be anonymised/);
    await screenshot(page, 'privacy-confirm');
    await Promise.all([page.waitForURL(/\/admin\/tools\/privacy$/), page.click('button:has-text("Anonymise 2 comments")')]);
    await expect(page.textContent('.flash')).resolves.toContain('Anonymised 2 comments left with ada@example.test.');
    const names = await t.ctx.db.selectFrom('comments').select('author_name').execute();
    expect(names.map((n) => n.author_name)).toEqual(['Anonymous', 'Anonymous']);
  });
});
