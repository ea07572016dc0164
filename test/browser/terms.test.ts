// Categories and tags in a real browser (issue 13): add a category under another on Posts → Categories,
// write a post ticking it and typing tags (an existing tag suggested by the tag field's script), then read
// the post and its category and tag archives on the public site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { createTerm } from '../../src/terms/service.js';
import { htmlView } from './editor-view.js';

describe.skipIf(NO_CHROMIUM)('categories and tags in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'admin', 'editor', 'a long passphrase');
    await createTerm(t.ctx, 'post_tag', { name: 'Red fox' });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await signIn(page, base, 'editor', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds a category under a parent on Posts → Categories', async () => {
    await page.goto(`${base}/admin/categories`);
    await page.fill('#term-name', 'Animals');
    await page.fill('#term-description', 'Creatures great and small');
    await Promise.all([page.waitForURL(`${base}/admin/categories`), page.click('button:has-text("Add new category")')]);
    await page.fill('#term-name', 'Foxes');
    await page.selectOption('#term-parent', { label: 'Animals' });
    await Promise.all([page.waitForURL(`${base}/admin/categories`), page.click('button:has-text("Add new category")')]);
    await expect(page.textContent('table.terms')).resolves.toContain('Foxes');
    await screenshot(page, 'admin-categories');
  });

  it('writes a post in Foxes with tags, an existing one suggested as it is typed', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'A fox at dusk');
    await htmlView(page);
    await page.fill('#content', '<p>It trotted past.</p>');
    await page.selectOption('#status', 'published');
    await page.check('.category-checklist label:has-text("Foxes") input');
    await page.uncheck('.category-checklist label:has-text("Uncategorized") input');
    await page.fill('#tags_input', 'dusk, re');
    await page.waitForFunction(() => document.querySelectorAll('#tag-suggestions option').length > 0);
    await expect(page.getAttribute('#tag-suggestions option', 'value')).resolves.toBe('dusk, Red fox');
    await page.fill('#tags_input', 'dusk, Red fox');
    await screenshot(page, 'editor-terms');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit$/), page.click('#publish-button')]);
    await expect(page.inputValue('#tags_input')).resolves.toBe('dusk, Red fox');
  });

  it('shows the post in its category and tag archives, with its terms under the title', async () => {
    await page.goto(`${base}/category/animals/foxes/`);
    await expect(page.textContent('h1.archive-title')).resolves.toBe('Category: Foxes');
    await expect(page.textContent('article .post-title')).resolves.toContain('A fox at dusk');
    await screenshot(page, 'category-archive');
    await page.click('.tag-links a:has-text("Red fox")');
    expect(new URL(page.url()).pathname).toBe('/tag/red-fox/');
    await page.click('article .post-title a');
    await expect(page.textContent('.post-terms')).resolves.toMatch(/Posted in Foxes\s+Tagged dusk, Red fox/);
    await screenshot(page, 'post-terms');
  });
});
