// Issue 16 point 1 as a reader checks it in a real browser (Debian's Chromium through playwright-core, app on
// loopback): reply three levels deep (the Reply link moves the form under the comment), post too fast and get
// the text back, tick "remember me" and find the form filled next time, and see one's own held comment in
// one browser context and not in another. Screenshots at 1280 and 375 px go to SHOTS_DIR (default: a temp dir).
import { defaultSettings } from '../../src/settings/definitions.js';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { submitComment } from '../../src/comments/service.js';
import { moderateComment } from '../../src/comments/moderation.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import type { Post } from '../../src/db/schema.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { makePost } from '../comments/fixtures.js';


describe.skipIf(NO_CHROMIUM)("readers' comments in a browser", () => {
  let t: TestApp;
  let clock: ManualClock;
  let browser: Browser;
  let base: string;
  let url: string;
  let post: Post;
  let reader: BrowserContext;
  let page: Page;
  let shots: string;

  beforeAll(async () => {
    shots = process.env.SHOTS_DIR ?? join(await mkdtemp(join(tmpdir(), 'backtalk-comments-browser-')), 'shots');
    await mkdir(shots, { recursive: true });
    // Real time (an hour back), so cookie lifetimes agree with the browser's clock; moved by hand past the
    // form's minimum time to send (comments/form-time.ts) instead of waiting.
    clock = new ManualClock(new Date(Date.now() - 3_600_000));
    t = await createTestApp({}, { clock });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    const author = await createUser(t.ctx, 'author', 'host', 'a long passphrase');
    post = await makePost(t.ctx, author.id, { title: 'Where shall we meet?', content: '<p>Somewhere with good coffee and a long table.</p>' });
    url = `${base}${permalinkPath(post, defaultSettings)}`;
    const first = await submitComment(t.ctx, post, { postId: post.id, kind: 'comment', authorName: 'Olga Opener', authorEmail: 'olga@example.org', authorUrl: 'https://olga.example/', content: '<p>The café on the corner, https://cafe.example/ has room.</p>', ip: '192.0.2.10', userAgent: 'seed' });
    if (!first.ok) throw new Error(first.decision.reason);
    await moderateComment(t.ctx, first.comment.id, 'approve');
    browser = await launchChromium();
    reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await reader.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Types into the form wherever it is, waits past the minimum time, sends, and waits for the next page. */
  async function send(p: Page, fields: { author?: string; email?: string; content: string; remember?: boolean }) {
    if (fields.author !== undefined) await p.fill('#comment-author', fields.author);
    if (fields.email !== undefined) await p.fill('#comment-email', fields.email);
    await p.fill('#comment-content', fields.content);
    if (fields.remember) await p.check('#wp-comment-cookies-consent');
    clock.advance(5_000);
    await Promise.all([p.waitForEvent('load'), p.click('#commentform button[type=submit]')]);
  }

  it('replies under a comment with the Reply link, sees it held for itself alone, and remembers the reader', async () => {
    await page.goto(url);
    const olga = page.locator('.comment-list > li').first();
    await olga.locator('.comment-reply-link').click();
    // The form moved under Olga's comment and says whom it answers.
    await expect(page.locator('#reply-title').textContent()).resolves.toContain('Reply to Olga Opener');
    expect(await olga.locator('#respond').count()).toBe(1);
    await send(page, { author: 'Rita Reader', email: 'rita@example.org', content: 'The corner café it is.', remember: true });
    const mine = page.locator('.comment-pending');
    await expect(mine.locator('.comment-awaiting-moderation').textContent()).resolves.toBe('Your comment is awaiting moderation.');
    expect(await olga.locator('ol.children .comment-pending').count()).toBe(1);

    // Another reader sees neither the held reply nor Rita's details.
    const other = await browser.newContext();
    const theirs = await other.newPage();
    await theirs.goto(url);
    expect(await theirs.locator('text=The corner café it is.').count()).toBe(0);
    await expect(theirs.inputValue('#comment-author')).resolves.toBe('');
    await other.close();

    // Rita comes back: the form is filled from her own cookie, the box ticked.
    await page.goto(url);
    await expect(page.inputValue('#comment-author')).resolves.toBe('Rita Reader');
    await expect(page.inputValue('#comment-email')).resolves.toBe('rita@example.org');
    expect(await page.isChecked('#wp-comment-cookies-consent')).toBe(true);
  });

  it('goes three levels deep once the reply is approved', async () => {
    const [held] = await t.ctx.db.selectFrom('comments').select('id').where('status', '=', 'pending').execute();
    await moderateComment(t.ctx, held.id, 'approve');
    await page.goto(url);
    const level2 = page.locator(`#comment-${held.id}`);
    await level2.locator('> article .comment-reply-link').click();
    clock.advance(20_000); // past the flood window since Rita's last comment
    // Rita has an approved comment now, so this one is approved at once (previously approved author).
    await send(page, { content: 'See you at eight, then. https://maps.example/corner' });
    const level3 = page.locator('.comment-list > li > ol.children > li > ol.children > li');
    await expect(level3.locator('.comment-content').textContent()).resolves.toContain('See you at eight');
    await expect(level3.getAttribute('class')).resolves.toContain('depth-3');
    await expect(level3.locator('.comment-content a').getAttribute('rel')).resolves.toBe('nofollow ugc');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await page.screenshot({ path: join(shots, `comments-thread-${width}.png`), fullPage: true });
      // Nothing wider than the screen, even three levels deep on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('gives the text back with why when a comment is sent too soon after the last one', async () => {
    await page.goto(url);
    await send(page, { content: 'One more thing.' });
    await page.goto(url);
    await send(page, { content: 'And another thing I do not want to lose.' });
    await expect(page.locator('#comment-form .form-error').textContent()).resolves.toMatch(/posting comments too quickly/);
    await expect(page.inputValue('#comment-content')).resolves.toBe('And another thing I do not want to lose.');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('#comment-form').screenshot({ path: join(shots, `comments-too-fast-${width}.png`) });
    }
  });
});
