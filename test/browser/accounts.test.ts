// A team in a real browser (issue 16 point 2): an admin creates an editor and a contributor on the Users
// screen; the contributor writes a post and submits it for review; the editor finds it pending and
// publishes it. SCREENSHOT_DIR=… also saves the Users and Profile screens at 1280 and 375 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { htmlView } from './editor-view.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { findUserByName } from '../../src/users/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';


describe.skipIf(NO_CHROMIUM)('a team of accounts in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  async function signedIn(username: string, password: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, username, password);
    return page;
  }


  beforeAll(async () => {
    // Real time, so the session cookie's expiry agrees with the browser's clock.
    t = await createTestApp({}, { clock: new ManualClock(new Date(Date.now() - 3_600_000)) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'admin', 'owner', 'owner passphrase');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin adds an editor and a contributor', async () => {
    const admin = await signedIn('owner', 'owner passphrase');
    await Promise.all([admin.waitForURL(`${base}/admin/users`), admin.click('.admin-menu a:has-text("Users")')]);
    for (const [username, name, role] of [['edith', 'Edith Editor', 'editor'], ['conrad', 'Conrad Contributor', 'contributor']]) {
      await admin.fill('#username', username);
      await admin.fill('#display_name', name);
      await admin.fill('#email', `${username}@example.test`);
      await admin.fill('#password', `${username} passphrase`);
      await admin.fill('#password2', `${username} passphrase`);
      await admin.selectOption('#role', role);
      await Promise.all([admin.waitForURL(`${base}/admin/users`), admin.click('button:has-text("Add user")')]);
      await expect(admin.textContent('.flash')).resolves.toContain(`User ${username} added as ${role}; a mail tells them`);
    }
    await expect(admin.locator('table.users tr', { hasText: 'edith' }).textContent()).resolves.toContain('Editor');
    expect((await findUserByName(t.ctx.db, 'conrad'))?.role).toBe('contributor');
    await screenshot(admin, 'users');
    await Promise.all([admin.waitForURL(`${base}/admin/profile`), admin.click('.admin-menu a:has-text("Profile")')]);
    await admin.fill('#bio', 'I run this blog.');
    await Promise.all([admin.waitForURL(`${base}/admin/profile`), admin.click('button:has-text("Update profile")')]);
    await expect(admin.textContent('.flash')).resolves.toContain('Profile updated.');
    await screenshot(admin, 'profile');
    await admin.context().close();
  });

  it('the contributor submits a post for review and the editor publishes it', async () => {
    const contributor = await signedIn('conrad', 'conrad passphrase');
    expect(await contributor.locator('.admin-menu a:has-text("Comments")').count()).toBe(0);
    await Promise.all([contributor.waitForURL(`${base}/admin/posts/new`), contributor.click('.admin-menu a:has-text("New post")')]);
    await contributor.fill('#title', 'Notes from the field');
    await htmlView(contributor);
    await contributor.fill('#content', '<p>Please review me.</p>');
    expect(await contributor.locator('#publish-button').count()).toBe(0);
    await Promise.all([contributor.waitForURL(/\/admin\/posts\/\d+\/edit$/), contributor.click('#submit-review-button')]);
    await expect(contributor.textContent('.flash')).resolves.toContain('Post submitted for review.');
    const editUrl = contributor.url();
    await contributor.context().close();

    const editor = await signedIn('edith', 'edith passphrase');
    await editor.goto(`${base}/admin/posts?status=pending`);
    await Promise.all([editor.waitForURL(editUrl), editor.click('a:has-text("Notes from the field")')]);
    await Promise.all([editor.waitForURL(editUrl), editor.click('#publish-button')]);
    await expect(editor.textContent('.flash')).resolves.toContain('Post published.');
    const row = await t.ctx.db.selectFrom('posts').innerJoin('users', 'users.id', 'posts.author_id').select(['posts.status', 'users.username']).where('posts.title', '=', 'Notes from the field').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'published', username: 'conrad' });
    await editor.context().close();
  });
});
