// Mail in a real browser (Debian's Chromium) against the app on loopback, with a real SMTP server on
// 127.0.0.1: "Lost your password?" from the login page, the link read from the mail that arrived, the new
// password set, and a held comment's approve link confirmed with its button. Screenshots of each page at
// 1280 and 375 px go to $BACKTALK_SCREENSHOTS when set (for a person to look at).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';
import { publish } from '../support/public-site.js';
import { submitComment } from '../../src/comments/service.js';
import { findComment } from '../../src/comments/repository.js';


describe.skipIf(NO_CHROMIUM)('mail in a browser', () => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let base: string;


  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ mail: { smtpUrl: smtp.url, from: 'Blog <blog@blog.test>' } }, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base, site_title: 'Browser Blog', comment_moderation: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('resets a forgotten password through the mail', async () => {
    const user = await createUser(t.ctx, 'admin', 'marguerite');
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/login`);
    await Promise.all([page.waitForURL(`${base}/admin/lost-password`), page.click('text=Lost your password?')]);
    await page.fill('#login', 'marguerite@example.test');
    await screenshot(page, 'lost-password');
    await Promise.all([page.waitForURL(`${base}/admin/login`), page.click('button:has-text("Get a new password")')]);
    await expect(page.textContent('.flash')).resolves.toContain('a mail with a link to choose a new password is on its way');

    await t.app.worker.runUntilIdle();
    expect(smtp.mails.map((m) => m.to)).toEqual([[user.email]]);
    const link = /^(http:\/\/127\.0\.0\.1:\d+\/admin\/reset-password\?key=\S+)$/m.exec(smtp.mails[0].text)![1];
    await page.goto(link);
    await expect(page.textContent('h1')).resolves.toBe('Set a new password');
    await screenshot(page, 'reset-password');
    await page.fill('#password', 'a brand new passphrase');
    await page.fill('#password2', 'a different passphrase');
    await page.click('button:has-text("Save password")');
    await expect(page.textContent('#password2-error')).resolves.toContain('do not match');
    await screenshot(page, 'reset-password-error');
    await page.fill('#password', 'a brand new passphrase');
    await page.fill('#password2', 'a brand new passphrase');
    await Promise.all([page.waitForURL(`${base}/admin/login`), page.click('button:has-text("Save password")')]);
    await expect(page.textContent('.flash')).resolves.toContain('Your password has been reset');
    await page.fill('#username', 'marguerite');
    await page.fill('#password', 'a brand new passphrase');
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button:has-text("Log in")')]);
    await page.goto(link);
    await expect(page.textContent('.form-error')).resolves.toContain('already been used');
    await screenshot(page, 'reset-password-used');
  });

  it('approves a held comment from the mail, after confirming on the page', async () => {
    smtp.mails.length = 0;
    const admin = await createUser(t.ctx, 'admin', 'moderator');
    const post = await publish(t, admin, 'A post with a question');
    const r = await submitComment(t.ctx, post, { postId: post.id, kind: 'comment', authorName: 'Curious Reader', authorEmail: 'curious@example.org', authorUrl: 'https://curious.example.org/', content: 'Could you say more about the second point? https://example.org/a/very/long/path/that/should/wrap/nicely', ip: '192.0.2.9', userAgent: 'test' });
    if (!r.ok) throw new Error('refused');
    await t.app.worker.runUntilIdle();
    const mail = smtp.mails.find((m) => m.to[0] === admin.email)!;
    const approve = /^Approve it: (\S+)$/m.exec(mail.text)![1];
    const page = await (await browser.newContext()).newPage();
    await page.goto(approve);
    await expect(page.textContent('h1')).resolves.toBe('Approve this comment?');
    await screenshot(page, 'confirm-approve');
    expect((await findComment(t.ctx.db, r.comment.id))!.status).toBe('pending');
    await Promise.all([page.waitForURL(approve), page.click('button:has-text("Approve comment")')]);
    await expect(page.textContent('.flash')).resolves.toContain('approved');
    await screenshot(page, 'confirm-done');
    expect((await findComment(t.ctx.db, r.comment.id))!.status).toBe('approved');
    await page.goto(approve);
    await expect(page.textContent('.form-error')).resolves.toContain('already been used');
    await screenshot(page, 'confirm-used');
  });
});
