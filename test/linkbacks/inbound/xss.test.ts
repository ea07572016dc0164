// Display safety end to end (WM §4.1, TrackBack §2.7): hostile titles, excerpts and blog names arrive
// through the real doors, are stored as plain text, and come out escaped on the post page and in the feeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/definitions.js';
import * as cheerio from 'cheerio';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { permalinkPath } from '../../../src/posts/permalink.js';
import { moderateComment } from '../../../src/comments/moderation.js';
import { encodeMethodCall } from '../../../src/xmlrpc/codec.js';
import { commentsOf, fixture, permalink, publishedPost } from './helpers.js';

describe('hostile linkback text', () => {
  let t: TestApp;
  let peer: Peer;
  let postPath = '';
  beforeAll(async () => {
    t = await createTestApp();
    peer = await startPeer();
    const post = await publishedPost(t.ctx);
    postPath = permalinkPath(post, defaultSettings);
    const target = permalink(t.ctx, post);
    peer.route('/xss', { body: fixture('xss.html', target) });
    peer.route('/tb', { body: fixture('title-only.html', target) });
    peer.route('/wm', { body: fixture('xss.html', target).replace('<title>', '<title>WM ') });

    const ping = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: encodeMethodCall('pingback.ping', [`${peer.url}/xss`, target]), remoteAddress: '198.51.100.1' });
    expect(ping.body).toContain('registered');
    t.clock.advance(20_000);
    const tb = new URLSearchParams({ url: `${peer.url}/tb`, title: '&lt;script&gt;alert(3)&lt;/script&gt;"quoted"', blog_name: '&lt;img src=x onerror=alert(4)&gt;', excerpt: '&lt;/blockquote&gt;&lt;iframe src=javascript:alert(5)&gt;' });
    expect((await t.app.inject({ method: 'POST', url: `/trackback/${post.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: tb.toString(), remoteAddress: '198.51.100.2' })).body).toContain('<error>0</error>');
    t.clock.advance(20_000);
    expect((await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source: `${peer.url}/wm`, target }).toString(), remoteAddress: '198.51.100.3' })).statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const stored = await commentsOf(t.ctx, post.id);
    expect(stored.map((c) => c.kind).sort()).toEqual(['pingback', 'trackback', 'webmention']);
    for (const c of stored) await moderateComment(t.ctx, c.id, 'approve');
  });
  afterAll(async () => {
    await peer.stop();
    await t.close();
  });

  it('stores the text as text', async () => {
    const rows = await t.ctx.db.selectFrom('comments').selectAll().orderBy('id').execute();
    expect(rows[0].title).toBe('<script>alert("title")</script> & friends');
    expect(rows[1]).toMatchObject({ title: '<script>alert(3)</script>"quoted"', author_name: '<img src=x onerror=alert(4)>', excerpt: '</blockquote><iframe src=javascript:alert(5)>' });
  });

  it('escapes it on the post page', async () => {
    const res = await t.app.inject({ url: postPath });
    expect(res.statusCode).toBe(200);
    for (const raw of ['<script>alert', '<img src=x', '<iframe', '</blockquote><iframe', '"quoted"']) expect(res.body).not.toContain(raw);
    expect(res.body).toContain('&lt;script&gt;alert(');
    const $ = cheerio.load(res.body);
    // The theme's own scripts (comment replies, the Edit link) come from /static with no inline code; nothing else runs.
    expect($('script').filter((_, el) => !($(el).attr('src') ?? '').startsWith('/static/') || $(el).text().trim() !== '').length).toBe(0);
    expect($('iframe, img[onerror]').length).toBe(0);
    expect($('.mentions').text()).toContain('<script>alert("title")</script> & friends');
  });

  it('escapes it in the comment feeds', async () => {
    for (const url of ['/comments/feed/', `${postPath}feed/`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/<script|<img|<iframe/);
      const $ = cheerio.load(res.body, { xml: true });
      const items = $('item');
      expect(items.length, url).toBeGreaterThanOrEqual(3);
      items.each((_i, item) => {
        // Feed readers render <description> as HTML: once XML-decoded it must hold escaped markup only.
        const html = $(item).find('description').text();
        expect(html).not.toMatch(/<(script|img|iframe)\b/i);
        expect(cheerio.load(html)('script, img, iframe').length).toBe(0);
      });
    }
  });
});
