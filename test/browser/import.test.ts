// Tools → Import in a real browser (issue 17): the export and the uploads zip chosen with the form's file
// inputs, the run page following the job with its progress bar (the job is stepped here), then the report
// once the page's script sees the run finished. Screenshots at 1280 and 375 px go to SHOTS_DIR.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { FIXTURE_DIR, FIXTURE_FILE } from '../import/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('Tools → Import in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let dir: string;
  let shots: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-import-browser-'));
    shots = process.env.SHOTS_DIR ?? join(dir, 'shots');
    await mkdir(shots, { recursive: true });
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date()) });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'admin', 'owner', 'a long passphrase');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('#username', 'owner');
    await page.fill('#password', 'a long passphrase');
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button:has-text("Log in")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads the export and the zip, follows the job and shows the report', async () => {
    await page.goto(`${base}/admin/tools/import`);
    await page.screenshot({ path: join(shots, 'import-form-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(shots, 'import-form-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.setInputFiles('#wxr', FIXTURE_FILE);
    await page.setInputFiles('#uploads', join(FIXTURE_DIR, 'uploads.zip'));
    await Promise.all([page.waitForURL(/\/admin\/tools\/import\/\d+$/), page.click('button:has-text("Upload and import")')]);
    await page.waitForSelector('progress[data-progress]');
    await page.screenshot({ path: join(shots, 'import-waiting-1280.png'), fullPage: true });
    await t.app.worker.runUntilIdle();
    await page.waitForSelector('#report');
    expect(await page.locator('.import-counts').innerText()).toMatch(/posts\s+15/);
    await page.screenshot({ path: join(shots, 'import-report-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(shots, 'import-report-375.png'), fullPage: true });
    await page.goto(`${base}/2025/03/22/boats-coming-home-to-the-harbour/`);
    expect(await page.locator('#mentions').innerText()).toContain('Spring arrivals');
  });
});
