// The post page advertises our endpoints only while the post takes pings (PB §2, WM §3.1.2, TB12
// "Auto-Discovery"), and the advertised TrackBack URL is one the receiver accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/definitions.js';
import * as cheerio from 'cheerio';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { permalinkPath } from '../../../src/posts/permalink.js';
import { commentsOf, fixture, permalink, publishedPost } from './helpers.js';

describe('endpoint advertisement on the post page', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));

  it('sends the headers, head links, commented RDF and a visible Trackback URL, escaped', async () => {
    const post = await publishedPost(t.ctx, { title: 'Quotes " and <tags> -- and --> too' });
    const res = await t.app.inject({ url: permalinkPath(post, defaultSettings) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-pingback']).toBe('http://blog.test/xmlrpc');
    expect(res.headers.link).toBe('<http://blog.test/webmention>; rel="webmention"');
    // The exact form the Pingback discovery regex looks for (PB §2.3).
    expect(res.body).toMatch(/<link rel="pingback" href="([^"]+)" ?\/?>/);
    expect(/<link rel="pingback" href="([^"]+)" ?\/?>/.exec(res.body)![1]).toBe('http://blog.test/xmlrpc');
    const $ = cheerio.load(res.body);
    expect($('link[rel="webmention"]').attr('href')).toBe('http://blog.test/webmention');
    const comment = /<!--\s*(<rdf:RDF[\s\S]*?<\/rdf:RDF>)\s*-->/.exec(res.body);
    expect(comment).not.toBeNull();
    const rdf = cheerio.load(comment![1], { xml: true });
    const d = rdf('rdf\\:Description');
    expect(d.attr('rdf:about')).toBe(permalink(t.ctx, post));
    expect(d.attr('dc:identifier')).toBe(permalink(t.ctx, post));
    expect(d.attr('dc:title')).toBe(post.title);
    expect(d.attr('trackback:ping')).toBe(`http://blog.test/trackback/${post.id}`);
    expect(comment![1]).not.toContain('--');
    expect($('.trackback-url').text()).toContain(`Trackback URL: http://blog.test/trackback/${post.id}`);
  });

  it('advertises nothing while pings are closed, or closed by age', async () => {
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    const old = await publishedPost(t.ctx, { published_at: new Date(t.clock.now().getTime() - 40 * 86_400_000).toISOString() });
    for (const [post, label] of [[closed, 'closed'], [old, 'old']] as const) {
      if (label === 'old') await saveSettings(t.ctx.db, { close_comments_for_old_posts: true, close_comments_days_old: 30 });
      const res = await t.app.inject({ url: permalinkPath(post, defaultSettings) });
      expect(res.statusCode, label).toBe(200);
      expect(res.headers['x-pingback'], label).toBeUndefined();
      expect(res.headers.link, label).toBeUndefined();
      expect(res.body, label).not.toContain('rel="pingback"');
      expect(res.body, label).not.toContain('rel="webmention"');
      expect(res.body, label).not.toContain('rdf:RDF');
      expect(res.body, label).not.toContain('Trackback URL');
    }
    // Once the age limit is off again, the old post is advertised again.
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: false });
    expect((await t.app.inject({ url: permalinkPath(old, defaultSettings) })).headers['x-pingback']).toBe('http://blog.test/xmlrpc');
  });

  it('accepts a TrackBack at the URL it advertises', async () => {
    const post = await publishedPost(t.ctx);
    const page = await t.app.inject({ url: permalinkPath(post, defaultSettings) });
    const ping = /trackback:ping="([^"]+)"/.exec(page.body)![1];
    peer.route('/tb', { body: fixture('h-entry.html', permalink(t.ctx, post)) });
    const res = await t.app.inject({ method: 'POST', url: new URL(ping).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `url=${encodeURIComponent(`${peer.url}/tb`)}&title=Hi` });
    expect(res.body).toContain('<error>0</error>');
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(1);
  });
});
