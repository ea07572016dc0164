// A deleted post in a real browser (issue 19 point 3): its permalink shows the tombstone in the public layout
// (410), and the delivery log lists the delete notice sent to the blog it mentioned and the one not told
// (Pingback). BACKTALK_SCREENSHOTS=<dir> keeps screenshots at 1280 and 375 px for a look.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';
import { trashPost } from '../../src/posts/service.js';
import { DELETE_NOTICE_DELAY_MS } from '../../src/jobs/job-types.js';
import type { Post, User } from '../../src/db/schema.js';
import type { Peer } from '../support/peer.js';
import { pingbackPeer, webmentionPeer } from '../linkbacks/outbound/peers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = process.env.BACKTALK_SCREENSHOTS;

describe.skipIf(!existsSync(CHROMIUM))('a deleted post in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: User;
  let post: Post;
  let permalink: string;
  const peers: Peer[] = [];

  async function shoot(page: Page, name: string) {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    await saveSettings(t.ctx.db, { site_url: base });
    admin = await createUser(t.ctx, 'admin', 'editor', 'a long passphrase');
    await publish(t, admin, 'Still here');
    const [wm, pb] = [await webmentionPeer(), await pingbackPeer()];
    peers.push(wm, pb);
    post = await publish(t, admin, 'A post about to go', { content: `<p>See <a href="${wm.url}/post">this</a> and <a href="${pb.url}/post">that</a>.</p>` });
    await t.app.worker.runUntilIdle();
    permalink = new URL((await t.app.inject({ url: `/?p=${post.id}` })).headers.location as string, base).toString();
    await trashPost(t.ctx, admin, post.id);
    t.clock.advance(DELETE_NOTICE_DELAY_MS);
    await t.app.worker.runUntilIdle();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(peers.map((p) => p.stop()));
    await t?.close();
  });

  it('shows the tombstone in the public layout, with 410', async () => {
    const page = await (await browser.newContext()).newPage();
    const res = await page.goto(permalink);
    expect(res?.status()).toBe(410);
    expect((await page.locator('h1').textContent())?.trim()).toBe('This post was deleted');
    expect(await page.title()).toContain('Deleted');
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.content()).not.toContain('A post about to go');
    await shoot(page, 'deleted-post-tombstone');
  });

  it('lists the delete notices in the delivery log', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('#username', 'editor');
    await page.fill('#password', 'a long passphrase');
    await page.click('button[type=submit]');
    await page.goto(`${base}/admin/deliveries?post=${post.id}`);
    const rows = page.locator('tr.delivery');
    const texts = (await rows.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(texts.filter((s) => s.includes('Delete notice:'))).toHaveLength(2);
    expect(texts.some((s) => s.includes('Delete notice:') && s.includes('webmention') && s.includes('Sent'))).toBe(true);
    expect(texts.some((s) => s.includes('Delete notice:') && s.includes('pingback') && s.includes('Skipped'))).toBe(true);
    await shoot(page, 'deleted-post-deliveries');
  });
});
