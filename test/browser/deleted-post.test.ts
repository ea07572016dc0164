// A deleted post in a real browser (issue 19 point 3): its permalink shows the tombstone in the public layout
// (410), and the delivery log lists the delete notice sent to the blog it mentioned and the one not told
// (Pingback). BACKTALK_SCREENSHOTS=<dir> keeps screenshots at 1280 and 375 px for a look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';
import { trashPost } from '../../src/posts/service.js';
import { DELETE_NOTICE_DELAY_MS } from '../../src/jobs/job-types.js';
import type { Post, User } from '../../src/db/schema.js';
import type { Peer } from '../support/peer.js';
import { pingbackPeer, webmentionPeer } from '../linkbacks/outbound/peers.js';

describe.skipIf(NO_CHROMIUM)('a deleted post in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: User;
  let post: Post;
  let permalink: string;
  const peers: Peer[] = [];

  beforeAll(async () => {
    t = await createTestApp({}, { clock: new ManualClock(new Date()) });
    base = await listenOnLoopback(t.app);
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
    browser = await launchChromium();
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
    await screenshot(page, 'deleted-post-tombstone');
  });

  it('lists the delete notices in the delivery log', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, 'editor', 'a long passphrase');
    await page.goto(`${base}/admin/deliveries?post=${post.id}`);
    const rows = page.locator('tr.delivery');
    const texts = (await rows.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(texts.filter((s) => s.includes('Delete notice:'))).toHaveLength(2);
    expect(texts.some((s) => s.includes('Delete notice:') && s.includes('webmention') && s.includes('Sent'))).toBe(true);
    expect(texts.some((s) => s.includes('Delete notice:') && s.includes('pingback') && s.includes('Skipped'))).toBe(true);
    await screenshot(page, 'deleted-post-deliveries');
  });
});
