// Post states in a real browser (issue 13 point 3): a reader unlocks a password-protected post with the
// form (the cookie round trip a browser makes), is told plainly when the password is wrong; the sticky
// post heads the home page; the editor's Visibility box makes a post private. BACKTALK_SCREENSHOTS=<dir>
// keeps screenshots at 1280 and 375 px for a look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';
import { findPostBySlug } from '../../src/posts/repository.js';
import type { User } from '../../src/db/schema.js';
import { htmlView } from './editor-view.js';

describe.skipIf(NO_CHROMIUM)('post states in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: User;

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    admin = await createUser(t.ctx, 'admin', 'editor', 'a long passphrase');
    await publish(t, admin, 'An ordinary post');
    await publish(t, admin, 'Read this first', { sticky: true, date: new Date(Date.now() - 86_400_000 * 30).toISOString() });
    await publish(t, admin, 'The vault', { password: 'open sesame', excerpt: 'Something worth a password.', content: '<p>The hidden words.</p>' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the sticky post first, labelled, and the protected post locked on the home page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/`);
    const titles = await page.locator('.post-summary .post-title').allTextContents();
    expect(titles.map((s) => s.trim())).toEqual(['Read this first', 'Protected: The vault', 'An ordinary post']);
    expect(await page.locator('.post-summary').first().locator('.sticky-label').textContent()).toBe('Sticky');
    expect(await page.content()).not.toContain('The hidden words.');
    await screenshot(page, 'home');
  });

  it('unlocks the protected post with its password, after a wrong one is refused with a message', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    const vault = (await findPostBySlug(t.ctx.db, 'the-vault'))!;
    await page.goto(`${base}/?p=${vault.id}`);
    await screenshot(page, 'protected');
    await page.fill('input[name=post_password]', 'wrong');
    await page.click('.post-password-form button[type=submit]');
    expect(await page.locator('.post-password-form .form-error').textContent()).toMatch(/not the right one/);
    await screenshot(page, 'protected-wrong');
    await page.fill('input[name=post_password]', 'open sesame');
    await page.click('.post-password-form button[type=submit]');
    await page.waitForSelector('.post-content.e-content');
    expect(await page.locator('.post-content.e-content').textContent()).toContain('The hidden words.');
    expect(await page.locator('#comment-form').count()).toBe(1);
    const cookie = (await context.cookies()).find((c) => c.name.startsWith('wp-postpass_'));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(9.9 * 86_400_000);
  });

  it('makes a post private from the editor\'s Visibility box', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, 'editor', 'a long passphrase');
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Dear diary');
    await htmlView(page);
    await page.fill('#content', '<p>Just for me.</p>');
    await page.check('input[name=visibility][value=private]');
    await screenshot(page, 'editor');
    await page.click('.editor-side button[type=submit]');
    await page.waitForURL(/\/admin\/posts\/\d+\/edit$/);
    expect(await page.locator('input[name=visibility][value=private]').isChecked()).toBe(true);
    expect((await findPostBySlug(t.ctx.db, 'dear-diary'))?.status).toBe('private');
    await page.goto(`${base}/admin/posts?status=private`);
    expect(await page.locator('table.posts td.title').first().textContent()).toContain('Private');
    await screenshot(page, 'admin-list');
    await page.goto(`${base}/`);
    expect(await page.locator('.post-summary .post-title').allTextContents()).toContain('Private: Dear diary');
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${base}/`);
    expect(await anonymous.content()).not.toContain('Dear diary');
  });
});
