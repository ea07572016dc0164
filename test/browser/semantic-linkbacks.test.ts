// Issue 19 point 2 in a real browser (Debian's Chromium through playwright-core, app and source pages on
// loopback): Bridgy likes and reposts received by Webmention show as a facepile, a reply to a reader's comment
// sits under it, a reply to the post sits among the comments, authors' photos fetched by the job show from
// our origin, and the page asks no other origin for anything (the authors' photos are never hot-linked).
// Screenshots at 1280 and 375 px go to BACKTALK_SCREENSHOTS=<dir> when it is set.
import { defaultSettings } from '../../src/settings/definitions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot } from './harness.js';
import { saveSettings } from '../../src/settings/repository.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { startPeer, type Peer } from '../support/peer.js';
import { addComment } from '../support/comment-factory.js';
import { makePost } from '../comments/fixtures.js';
import { mf2Fixture } from '../linkbacks/inbound/mf2-fixtures.js';
import sharp from 'sharp';

describe.skipIf(NO_CHROMIUM)('semantic linkbacks in a browser', () => {
  let t: TestApp;
  let peer: Peer;
  let browser: Browser;
  let url: string;
  let ip = 0;

  beforeAll(async () => {
    t = await createTestApp();
    peer = await startPeer();
    const base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    const author = await createUser(t.ctx, 'author', 'host', 'a long passphrase');
    const post = await makePost(t.ctx, author.id, { title: 'Three protocols, one conversation', content: '<p>Pingback, TrackBack and Webmention, compared.</p>' });
    url = `${base}${permalinkPath(post, defaultSettings)}`;
    const root = await addComment(t.ctx, post, { status: 'approved', author: 'Rita Reader', content: '<p>Which one would you pick today?</p>' });
    const jpeg = (r: number, g: number, b: number) => sharp({ create: { width: 240, height: 180, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
    peer.route('/avatars/dana.jpg', { body: await jpeg(220, 120, 40), headers: { 'content-type': 'image/jpeg' } });
    peer.route('/images/ann.jpg', { body: await jpeg(40, 110, 200), headers: { 'content-type': 'image/jpeg' } });
    const sources: [string, string][] = [
      ['/like', mf2Fixture('bridgy-like.html', { target: url })],
      ['/like2', mf2Fixture('bridgy-like.html', { target: url }).replaceAll('carol', 'zoe').replace('Carol 🌻', 'Zoe')],
      ['/repost', mf2Fixture('bridgy-repost.html', { target: url })],
      ['/reply', mf2Fixture('reply-to-comment-no-hcard.html', { target: url, comment: `${url}#comment-${root.id}` })],
      ['/rsvp', mf2Fixture('rsvp.html', { target: url })],
      ['/dana-like', mf2Fixture('bridgy-like-local-photo.html', { target: url, photo: '/avatars/dana.jpg' })],
      ['/2026/11/re-linkbacks', mf2Fixture('reply-with-hcard.html', { target: url })],
    ];
    for (const [path, body] of sources) {
      peer.route(path, { body });
      t.clock.advance(60_000);
      const res = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source: `${peer.url}${path}`, target: url }).toString(), remoteAddress: `198.51.100.${++ip}` });
      expect(res.statusCode).toBe(201);
    }
    await t.app.worker.runUntilIdle();
    await t.ctx.db.updateTable('comments').set({ status: 'approved' }).where('post_id', '=', post.id).execute();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await peer?.stop();
    await t?.close();
  });

  for (const width of [1280, 375]) {
    it(`shows the facepile and the threaded reply at ${width} px, asking no other origin`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const origins = new Set<string>();
      page.on('request', (r) => {
        if (!r.url().startsWith('data:')) origins.add(new URL(r.url()).origin);
      });
      await page.goto(url);
      await page.locator('#reactions').waitFor();
      expect(await page.locator('#reactions-title').textContent()).toContain('3 likes, 1 repost');
      expect(await page.locator('.facepile .face img').count()).toBe(4);
      // Dana's photo was fetched by the job: our copy, from our origin, and it loaded.
      const fetched = page.locator('.facepile .face img[src^="/avatars/"]');
      expect(await fetched.count()).toBe(1);
      await fetched.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img[src^="/avatars/"]')].every((i) => i.complete && i.naturalWidth > 0));
      // Ann's reply to the post is a top-level entry among the comments, with her fetched photo.
      const toPost = page.locator('.comment-list > li.depth-1.comment-linkback');
      expect(await toPost.locator('.comment-author').first().textContent()).toBe('Ann Example');
      expect(await toPost.first().locator('img.avatar').getAttribute('src')).toMatch(/^\/avatars\/[0-9a-f]{64}-64\.webp$/);
      expect(await page.locator('#mentions .mention-type-reply').count()).toBe(0);
      const reply = page.locator('.comment-list > li.depth-1 .children .comment-linkback');
      expect(await reply.locator('.comment-author').textContent()).toBe('erin.example');
      expect(await page.locator('.mention-type-rsvp .mention-protocol').textContent()).toBe('RSVP yes:');
      await page.locator('#reactions').scrollIntoViewIfNeeded();
      // The helper shoots both widths (and puts this context's 1280x900 back): once is enough.
      if (width === 1280) await screenshot(page, 'semantic');
      expect([...origins]).toEqual([new URL(url).origin]);
      await context.close();
    });
  }
});
