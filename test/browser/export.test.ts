// Tools → Export in a real browser (issue 17 point 2): the admin menu leads to the page, the button
// downloads the WXR file under WordPress's file name, and the file reads back with the blog's posts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { createPost } from '../../src/posts/service.js';
import { field, readWxr } from '../support/wxr-read.js';

describe.skipIf(NO_CHROMIUM)('Tools → Export in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base, site_title: 'Harbour Notes' });
    const admin = await createUser(t.ctx, 'admin', 'editor', 'a long passphrase');
    const r = await createPost(t.ctx, admin, { title: 'Boats at dawn', content: '<p>Home at last.</p>', status: 'published' });
    if (!r.ok) throw new Error('seed');
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, base, 'editor', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('downloads the whole blog as a WXR file from the admin menu', async () => {
    await Promise.all([page.waitForURL(`${base}/admin/tools/export`), page.click('nav.admin-menu a:has-text("Export")')]);
    await expect(page.textContent('h1')).resolves.toBe('Export');
    await screenshot(page, 'admin-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download Export File")')]);
    expect(download.suggestedFilename()).toBe(`harbournotes.WordPress.${new Date().toISOString().slice(0, 10)}.xml`);
    const doc = readWxr(readFileSync((await download.path())!, 'utf8'));
    expect(field(doc.channel, 'title')).toBe('Harbour Notes');
    expect(doc.items.map((i) => field(i, 'title'))).toEqual(['Boats at dawn']);
    // The page stays as it was: a download does not navigate.
    expect(page.url()).toBe(`${base}/admin/tools/export`);
  });
});
