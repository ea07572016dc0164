// The whole core flow in a real browser (Debian's Chromium through playwright-core) against the real app
// listening on loopback: first-run setup, log in, write and publish a post with a link, see it on the home
// page and at its permalink, comment as a reader, approve as admin, see the comment under the post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { htmlView } from './editor-view.js';


describe.skipIf(NO_CHROMIUM)('core flow in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: Page;
  let permalink = '';

  beforeAll(async () => {
    // Real time, so the session cookie's expiry and the post date agree with the browser's clock.
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    browser = await launchChromium();
    admin = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('starts with the setup screen, creates the admin and signs in', async () => {
    await admin.goto(`${base}/admin`);
    expect(new URL(admin.url()).pathname).toBe('/admin/setup');
    await admin.fill('#site_title', 'Browser Blog');
    await admin.fill('#username', 'editor');
    await admin.fill('#password', 'a long passphrase');
    await admin.fill('#password2', 'a long passphrase');
    await admin.fill('#email', 'editor@example.test');
    await admin.fill('#display_name', 'The Editor');
    await Promise.all([admin.waitForURL(`${base}/admin`), admin.click('button:has-text("Install Backtalk")')]);
    // Setup signs the new admin in and lands on the dashboard.
    await expect(admin.textContent('.admin-who')).resolves.toContain('The Editor');
    await admin.goto(`${base}/admin/posts`);
  });

  it('logs out and logs back in through the form', async () => {
    await Promise.all([admin.waitForURL(/\/admin\/login/), admin.click('button:has-text("Log out")')]);
    await expect(admin.textContent('main')).resolves.toContain('You are now logged out.');
    await admin.goto(`${base}/admin/posts/new`);
    expect(new URL(admin.url()).pathname).toBe('/admin/login');
    await admin.fill('#username', 'editor');
    await admin.fill('#password', 'wrong password');
    await admin.click('button:has-text("Log in")');
    await expect(admin.textContent('.form-error')).resolves.toContain('incorrect');
    await admin.fill('#password', 'a long passphrase');
    await Promise.all([admin.waitForURL(`${base}/admin/posts/new`), admin.click('button:has-text("Log in")')]);
  });

  it('writes and publishes a post with a link', async () => {
    await admin.fill('#title', 'Hello from the browser');
    await htmlView(admin);
    await admin.fill('#content', '<p>Read <a href="https://example.org/some-article">this article</a> first.</p>');
    await admin.selectOption('#status', 'published');
    await Promise.all([admin.waitForURL(/\/admin\/posts\/\d+\/edit$/), admin.click('#publish-button')]);
    await expect(admin.textContent('.flash')).resolves.toContain('Post published.');
    permalink = (await admin.getAttribute('a:has-text("View post")', 'href')) ?? '';
    expect(permalink).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/hello-from-the-browser\/$/);
  });

  it('shows the post on the home page and at its permalink', async () => {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}/`);
    await expect(reader.textContent('body')).resolves.toContain('Hello from the browser');
    await Promise.all([reader.waitForURL(`${base}${permalink}`), reader.click('a:has-text("Hello from the browser")')]);
    await expect(reader.textContent('h1')).resolves.toContain('Hello from the browser');
    expect(await reader.getAttribute('.post-content a', 'href')).toBe('https://example.org/some-article');
    await reader.context().close();
  });

  it('takes a reader\'s comment, which appears once the admin approves it', async () => {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}${permalink}`);
    await reader.fill('[name="author"]', 'Rita Reader');
    await reader.fill('[name="email"]', 'rita@example.test');
    await reader.fill('[name="url"]', 'https://rita.example/');
    await reader.fill('[name="content"]', 'What a fine first post, thank you.');
    await reader.click('button:has-text("Post Comment")');
    await reader.waitForLoadState();
    await expect(reader.textContent('body')).resolves.toContain('awaiting moderation');
    // The writer keeps seeing their own held comment (issue 16); any other reader does not.
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${base}${permalink}`);
    expect(await other.locator('text=What a fine first post, thank you.').count()).toBe(0);
    await other.context().close();

    await admin.goto(`${base}/admin/comments`);
    const row = admin.locator('tr', { hasText: 'What a fine first post, thank you.' });
    // The approval is stored before the panel answers the POST, so waiting for that answer is enough.
    const answered = admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/admin/comments'));
    await row.locator('button:has-text("Approve")').click();
    expect((await answered).status()).toBeLessThan(400);

    await reader.goto(`${base}${permalink}`);
    await expect(reader.textContent('body')).resolves.toContain('What a fine first post, thank you.');
    await expect(reader.textContent('body')).resolves.toContain('Rita Reader');
    await reader.context().close();
  });
});
