// Search in a real browser (Debian's Chromium through playwright-core) against the app on loopback: a reader
// types into the header's box and presses Enter, lands on /search/<terms>/ with the matches and the words
// marked, and on a search with no match sees "Nothing found" with the box again. At 1280 and 375 px the box
// fits without a horizontal scrollbar. Screenshots go to SHOTS_DIR (default: a temp dir).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';


describe.skipIf(NO_CHROMIUM)('search in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let dir: string;
  let shots: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-search-browser-'));
    shots = process.env.SHOTS_DIR ?? join(dir, 'shots');
    await mkdir(shots, { recursive: true });
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date('2026-11-30T12:00:00Z')) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base, posts_per_page: 3 });
    const user = await createUser(t.ctx, 'admin', 'writer', 'a long passphrase');
    const story = (n: number) =>
      `<p>Field notes, part ${n}. We walked along the river before dawn and counted birds.</p><p>The heron stood in the shallows, perfectly still, while a kingfisher flashed past twice. Later the fog lifted over the meadow.</p>`;
    await publish(t, user, 'Herons of the lower river', { content: story(1), date: '2026-11-01T08:00:00Z' });
    await publish(t, user, 'A morning on the marsh', { content: story(2), date: '2026-11-05T08:00:00Z' });
    await publish(t, user, 'Counting birds in winter', { content: story(3), excerpt: 'Our winter count: a heron, two egrets and many gulls.', date: '2026-11-10T08:00:00Z' });
    await publish(t, user, 'Kitchen garden', { content: '<p>Leeks and kale, nothing else.</p>', date: '2026-11-12T08:00:00Z' });
    await publish(t, user, 'The heron came back', { content: '<p>Short note: the heron came back to the pond.</p>', date: '2026-11-20T08:00:00Z' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (!process.env.SHOTS_DIR) await rm(dir, { recursive: true, force: true });
  });

  for (const width of [1280, 375]) {
    it(`searches from the header's box and shows marked results at ${width} px`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await page.goto(`${base}/`);
      const box = page.getByRole('searchbox', { name: 'Search for:' }).first();
      expect(await box.isVisible()).toBe(true);
      await page.screenshot({ path: join(shots, `home-search-box-${width}.png`), fullPage: false });
      await box.fill('heron');
      await Promise.all([page.waitForURL(`${base}/search/heron/`), box.press('Enter')]);
      expect(await page.locator('h1').textContent()).toContain('Search results for “heron”');
      expect(await page.locator('article.search-result').count()).toBe(3);
      expect(await page.locator('article.search-result').first().locator('.post-title').textContent()).toContain('heron');
      expect(await page.locator('.search-excerpt mark').count()).toBeGreaterThan(0);
      expect(await page.locator('header input[name=s]').inputValue()).toBe('heron');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(shots, `search-results-${width}.png`), fullPage: true });
      await page.click('a[rel=next]');
      await page.waitForURL(`${base}/search/heron/page/2/`);
      expect(await page.locator('article.search-result').count()).toBe(1);

      await page.goto(`${base}/?s=${encodeURIComponent('albatross "NEAR(')}`);
      expect(await page.locator('.nothing-found h2').textContent()).toBe('Nothing found');
      expect(await page.getByLabel('Search for:').last().inputValue()).toBe('albatross "NEAR(');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(shots, `search-nothing-found-${width}.png`), fullPage: true });
      await page.context().close();
    });
  }

  for (const width of [1280, 375]) {
    it(`offers the site icon and "discourage search engines" on Settings → General at ${width} px`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await signIn(page, base, 'writer', 'a long passphrase');
      await page.goto(`${base}/admin/settings`);
      await page.getByLabel("or the icon's address").fill(`${base}/uploads/icon.png`);
      await page.getByLabel('Discourage search engines from indexing this site').check();
      await Promise.all([page.waitForURL(`${base}/admin/settings`), page.click('button:has-text("Save changes")')]);
      expect(await page.getByLabel('Discourage search engines from indexing this site').isChecked()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.locator('fieldset', { hasText: 'Site icon' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `settings-icon-visibility-${width}.png`), fullPage: true });
      const robots = await (await fetch(`${base}/robots.txt`)).text();
      expect(robots).toBe('User-agent: *\nDisallow: /\n');
      await page.getByLabel('Discourage search engines from indexing this site').uncheck();
      await page.getByLabel("or the icon's address").fill('');
      await Promise.all([page.waitForURL(`${base}/admin/settings`), page.click('button:has-text("Save changes")')]);
      await page.context().close();
    });
  }
});
