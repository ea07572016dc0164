// Issue 14 in a real browser (Debian's Chromium through playwright-core) against the app on loopback: two
// photos picked with the editor's file input upload with a progress bar each, one is inserted into the
// content, the other set as featured image, the post is published, and its page shows the <img> with srcset.
// Screenshots of the Media screen and the editor at 1280 and 375 px go to SHOTS_DIR (default: a temp dir).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { findPostById } from '../../src/posts/repository.js';
import { jpegWithGps, png } from '../media/helpers.js';
import { htmlView } from './editor-view.js';


describe.skipIf(NO_CHROMIUM)('media in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let dir: string;
  let shots: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-media-browser-'));
    shots = process.env.SHOTS_DIR ?? join(dir, 'shots');
    await mkdir(shots, { recursive: true });
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'author', 'writer', 'a long passphrase');
    await writeFile(join(dir, 'beach.jpg'), await jpegWithGps(1600, 1200));
    await writeFile(join(dir, 'portrait.png'), await png(900, 1400));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, base, 'writer', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads two images from the editor, inserts one, features the other and publishes', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Photos from the beach');
    await htmlView(page);
    await page.fill('#content', '<p>We went to the sea.</p>');
    await page.setInputFiles('#editor-file', [join(dir, 'beach.jpg'), join(dir, 'portrait.png')]);
    await page.waitForSelector('.upload.done >> nth=1');
    expect(await page.locator('.upload progress').count()).toBe(2);
    await t.app.worker.runUntilIdle();
    await page.locator('.upload', { hasText: 'beach.jpg' }).locator('button:has-text("Insert into post")').click();
    await page.locator('.upload', { hasText: 'portrait.png' }).locator('button:has-text("Set featured image")').click();
    expect(await page.inputValue('#content')).toMatch(/<img src="\/uploads\/[^"]+-1024x768\.jpg"[^>]* srcset="[^"]+ 300w, [^"]+ 1024w, [^"]+ 1600w"/);
    expect(await page.locator('#featured-preview img').count()).toBe(1);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(shots, `editor-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('#status', 'published');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit$/), page.click('#publish-button')]);
    await expect(page.textContent('.flash')).resolves.toContain('Post published.');
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    const post = await findPostById(t.ctx.db, id);
    expect(post!.featured_media_id).toBeGreaterThan(0);

    const permalink = (await page.getAttribute('a:has-text("View post")', 'href'))!;
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${base}${permalink}`);
    const img = reader.locator('.post-content img');
    expect(await img.getAttribute('srcset')).toMatch(/-300x225\.jpg 300w/);
    expect(await img.getAttribute('loading')).toBe('lazy');
    // The browser really loaded one of the sizes.
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await reader.context().close();
  });

  it('says why a disguised HTML file is refused, in its own row, and shows an item\'s page', async () => {
    await writeFile(join(dir, 'fake.jpg'), '<!doctype html><script>alert(1)</script>');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/admin/media`);
    await page.setInputFiles('#media-file', [join(dir, 'fake.jpg')]);
    await page.waitForSelector('.upload.failed');
    await expect(page.textContent('.upload.failed .upload-status')).resolves.toContain('This kind of file is not allowed');
    await page.screenshot({ path: join(shots, 'media-refused-1280.png') });
    await page.click('.media-grid a >> nth=0');
    await page.waitForSelector('.media-edit');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(shots, `media-edit-${width}.png`), fullPage: true });
    }
  });

  it('shows the Media screen as grid and list at desktop and phone widths', async () => {
    for (const mode of ['grid', 'list']) {
      await page.goto(`${base}/admin/media${mode === 'list' ? '?mode=list' : ''}`);
      expect(await page.locator(mode === 'grid' ? '.media-grid li' : '.media-table tbody tr').count()).toBe(2);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: join(shots, `media-${mode}-${width}.png`), fullPage: true });
      }
    }
  });
});
