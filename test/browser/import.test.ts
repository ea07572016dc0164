// Tools → Import in a real browser (issue 17): the export and the uploads zip chosen with the form's file
// inputs, the authors mapped on the next page, the run page following the job with its progress bar (the job
// is stepped here), then the report once the page's script sees the run finished. A second run downloads the
// attachments from the old site (a loopback server). Screenshots at 1280 and 375 px go to BACKTALK_SCREENSHOTS=<dir>
// when it is set.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { FIXTURE_DIR, FIXTURE_FILE, FIXTURE_UPLOADS } from '../import/helpers.js';
import { startPeer, type Peer } from '../support/peer.js';

describe.skipIf(NO_CHROMIUM)('Tools → Import in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let dir: string;
  let peer: Peer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-import-browser-'));
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'admin', 'owner', 'a long passphrase');
    await createUser(t.ctx, 'editor', 'helen');
    await createUser(t.ctx, 'editor', 'ida');
    peer = await startPeer();
    for (const image of ['2025/03/harbour-boats.png', '2025/06/harbour-fish-market.jpg', '2025/12/harbour-lights-quay.png', '2025/12/harbour-lights-blue.png']) {
      peer.route(`GET /wp-content/uploads/${image}`, { body: readFileSync(join(FIXTURE_UPLOADS, image)), headers: { 'content-type': 'image/png' } });
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, base, 'owner', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await peer?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads the export and the zip, follows the job and shows the report', async () => {
    await page.goto(`${base}/admin/tools/import`);
    await screenshot(page, 'import-form');
    await page.setInputFiles('#wxr', FIXTURE_FILE);
    await page.setInputFiles('#uploads', join(FIXTURE_DIR, 'uploads.zip'));
    await Promise.all([page.waitForURL(/\/admin\/tools\/import\/\d+$/), page.click('button:has-text("Upload and continue")')]);
    // The mapping step: both authors of the file are new here, so "Create new author" is preselected.
    expect(await page.locator('h1').innerText()).toContain('assign authors');
    expect(await page.locator('#author_1 option:checked').innerText()).toBe('Create new author mara');
    await screenshot(page, 'import-authors');
    await page.selectOption('#author_1', { label: 'helen (Helen)' });
    await Promise.all([page.waitForURL(/\/admin\/tools\/import\/\d+$/), page.click('button:has-text("Start import")')]);
    await page.waitForSelector('progress[data-progress]');
    await screenshot(page, 'import-waiting');
    await t.app.worker.runUntilIdle();
    await page.waitForSelector('#report');
    expect(await page.locator('.import-counts').innerText()).toMatch(/posts\s+15/);
    await screenshot(page, 'import-report');
    await page.goto(`${base}/2025/03/22/boats-coming-home-to-the-harbour/`);
    expect(await page.locator('#mentions').innerText()).toContain('Spring arrivals');
    const mara = await t.ctx.db.selectFrom('posts').innerJoin('users', 'users.id', 'posts.author_id').select('users.username').where('posts.type', '=', 'post').where('users.username', '=', 'helen').execute();
    expect(mara).toHaveLength(7);
  });

  it('downloads the attachments from the old site, after a refused choice that kept the others', async () => {
    // The same export as if from another blog, played by the loopback peer.
    const file = join(dir, 'elsewhere.xml');
    await writeFile(file, readFileSync(FIXTURE_FILE, 'utf8').replaceAll('127.0.0.1:8081', new URL(peer.url).host));
    await page.goto(`${base}/admin/tools/import`);
    await page.setInputFiles('#wxr', file);
    await page.check('#fetch_attachments');
    await Promise.all([page.waitForURL(/\/admin\/tools\/import\/\d+$/), page.click('button:has-text("Upload and continue")')]);
    await page.selectOption('#author_0', { label: 'ida (Ida)' });
    await page.selectOption('#author_1', { label: 'owner (Owner)' });
    // Ida is deleted while the page is open: the choice is refused, the other is kept.
    await t.ctx.db.deleteFrom('users').where('username', '=', 'ida').execute();
    await page.click('button:has-text("Start import")');
    await page.waitForSelector('.field-error');
    expect(await page.locator('.field-error').innerText()).toContain('The user chosen for "admin" does not exist');
    expect(await page.locator('#author_1 option:checked').innerText()).toBe('owner (Owner)');
    // The refused choice is not replaced by a suggestion the next click would take: the admin must choose.
    expect(await page.locator('#author_0 option:checked').innerText()).toBe('Choose…');
    await screenshot(page, 'import-authors-error');
    await page.click('button:has-text("Start import")');
    await page.waitForSelector('.field-error');
    expect(await page.locator('.field-error').innerText()).toContain('Choose who the posts of "admin" go to.');
    await page.selectOption('#author_0', { label: 'owner (Owner)' });
    await Promise.all([page.waitForURL(/\/admin\/tools\/import\/\d+$/), page.click('button:has-text("Start import")')]);
    await t.app.worker.runUntilIdle();
    await page.waitForSelector('#report');
    await page.waitForSelector('#fetches');
    // The report may show while fetches were still running (the page polls as the queue is stepped); it
    // keeps polling while any is waiting and updates its counts.
    await page.waitForFunction(() => document.querySelector('[data-fetch-counts]')?.textContent === '4 fetched, 0 waiting, 0 failed.', undefined, { timeout: 15_000 });
    expect(peer.requests.every((r) => r.path.startsWith('/wp-content/uploads/'))).toBe(true);
    await screenshot(page, 'import-fetched');
  });
});
