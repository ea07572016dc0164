// An admin in a real browser (Debian's Chromium through playwright-core, app on loopback) approves a
// pending pingback in the moderation panel and finds it under the post in the Mentions section; trashing
// another and pressing Undo brings it back.
import { defaultSettings } from '../../src/settings/definitions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { submitComment } from '../../src/comments/service.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import type { Post } from '../../src/db/schema.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { linkbackFields, makePost, pingCandidate } from '../comments/fixtures.js';


describe.skipIf(NO_CHROMIUM)('moderating linkbacks in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let post: Post;

  async function pendingPing(source: string, title: string) {
    t.clock.advance(60_000); // clear of the flood window
    const c = pingCandidate(post.id, source);
    const r = await submitComment(t.ctx, post, c, linkbackFields(source, title));
    if (!r.ok || r.comment.status !== 'pending') throw new Error('expected a held pingback');
    return r.comment;
  }

  beforeAll(async () => {
    // Real time, so the session cookie's expiry agrees with the browser's clock.
    t = await createTestApp({}, { clock: new ManualClock(new Date(Date.now() - 3_600_000)) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    const admin = await createUser(t.ctx, 'admin', 'moderator', 'moderator passphrase');
    post = await makePost(t.ctx, admin.id, { title: 'A post worth linking' });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/login?next=${encodeURIComponent('/admin/comments?status=pending')}`);
    await page.fill('#username', 'moderator');
    await page.fill('#password', 'moderator passphrase');
    await Promise.all([page.waitForURL(/\/admin\/comments/), page.click('button:has-text("Log in")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('approves a pending pingback with its Approve button and shows it in Mentions under the post', async () => {
    const ping = await pendingPing('http://127.0.0.1:9/their-post', 'Their <em>thoughtful</em> reply');
    await page.goto(`${base}/admin/comments?status=pending`);
    await expect(page.textContent('.admin-menu .badge')).resolves.toBe('1');
    const row = page.locator(`#comment-${ping.id}`);
    await expect(row.textContent()).resolves.toContain('Their <em>thoughtful</em> reply');
    await expect(row.textContent()).resolves.toContain('Pingback');
    await Promise.all([page.waitForURL(/done=approve/), row.locator('button', { hasText: /^Approve$/ }).click()]);
    await expect(page.textContent('.notice')).resolves.toContain('1 comment approved.');
    expect(await page.locator('.admin-menu .badge').count()).toBe(0);
    await expect(page.textContent('[data-count="pending"]')).resolves.toBe('0');

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}${permalinkPath(post, defaultSettings)}`);
    const mentions = reader.locator('section.mentions');
    await expect(mentions.locator('h2').textContent()).resolves.toContain('Mentions');
    const link = mentions.locator('a.mention-source');
    await expect(link.textContent()).resolves.toBe('Their <em>thoughtful</em> reply');
    await expect(link.getAttribute('href')).resolves.toBe('http://127.0.0.1:9/their-post');
    await expect(link.getAttribute('rel')).resolves.toBe('nofollow ugc');
    expect(await mentions.locator('em').count()).toBe(0);
    await reader.context().close();
  });

  it('selects a range with shift-click and applies a bulk action', async () => {
    const a = await pendingPing('http://one.example/a', 'First of three');
    const b = await pendingPing('http://two.example/b', 'Second of three');
    const c = await pendingPing('http://three.example/c', 'Third of three');
    await page.goto(`${base}/admin/comments?status=pending`);
    await page.click(`#comment-${c.id} input[name="ids"]`);
    await page.click(`#comment-${a.id} input[name="ids"]`, { modifiers: ['Shift'] });
    expect(await page.locator('input[name="ids"]:checked').count()).toBe(3);
    await page.selectOption('#bulk-action', 'spam');
    await Promise.all([page.waitForURL(/done=spam/), page.click('button:has-text("Apply")')]);
    await expect(page.textContent('.notice')).resolves.toContain('3 comments marked as spam.');
    const statuses = await t.ctx.db.selectFrom('comments').select('status').where('id', 'in', [a.id, b.id, c.id]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['spam', 'spam', 'spam']);
  });

  it('trashes a pingback and brings it back with Undo', async () => {
    const ping = await pendingPing('http://localhost:9/another', 'Another reply') // another host: 127.0.0.1 is now previously approved;
    await page.goto(`${base}/admin/comments?status=pending`);
    await Promise.all([page.waitForURL(/done=trash/), page.locator(`#comment-${ping.id} button`, { hasText: /^Trash$/ }).click()]);
    await expect(page.textContent('.notice')).resolves.toMatch(/1 comment moved to the trash\.\s*Undo/);
    await Promise.all([page.waitForURL(/done=restore/), page.click('.notice button:has-text("Undo")')]);
    await expect(page.textContent('.notice')).resolves.toContain('1 comment restored from the trash.');
    const row = await t.ctx.db.selectFrom('comments').select('status').where('id', '=', ping.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
