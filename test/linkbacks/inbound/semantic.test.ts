// Semantic linkbacks end to end (issue 19 points 1 and 3): fixture pages in IndieWeb and Bridgy markup served
// on 127.0.0.1, sent by Webmention, Pingback and TrackBack; each is stored with its kind, author, date and
// content, a reply to one of our comments is threaded under it, a re-sent Webmention updates the parsed
// fields and a 410 removes the mention.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { addComment } from '../../support/comment-factory.js';
import { XmlRpcFault } from '../../../src/xmlrpc/registry.js';
import { commentsOf, freshIp, permalink, publishedPost } from './helpers.js';
import { mf2Fixture } from './mf2-fixtures.js';
import { reverifyLinkback } from '../../../src/linkbacks/inbound/reverify.js';

describe('semantic linkbacks', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  const webmention = async (source: string, target: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: freshIp() });
    expect(res.statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
  };
  const pingback = async (source: string, target: string) => {
    const method = t.app.xmlrpcMethods.get('pingback.ping')!;
    try {
      await method.handler({ params: [source, target], ip: freshIp(), userAgent: 'TestPinger/1.0', ctx: t.ctx });
    } catch (err) {
      if (err instanceof XmlRpcFault) throw new Error(`fault ${err.faultCode}: ${err.faultString}`);
      throw err;
    }
  };
  const trackback = async (source: string, postId: number, blogName = '') => {
    const body = new URLSearchParams({ url: source, title: 'Sent title', ...(blogName ? { blog_name: blogName } : {}) }).toString();
    const res = await t.app.inject({ method: 'POST', url: `/trackback/${postId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body, remoteAddress: freshIp() });
    expect(res.body).toContain('<error>0</error>');
  };

  async function serve(name: string, path: string, fill: { comment?: string } = {}) {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route(path, { body: mf2Fixture(name, { target, ...fill }), headers: { 'content-type': 'text/html; charset=utf-8' } });
    return { post, target, source: `${peer.url}${path}` };
  }

  const protocols = {
    webmention: (s: string, target: string) => webmention(s, target),
    pingback: (s: string, target: string) => pingback(s, target),
    trackback: (s: string, _target: string, postId: number) => trackback(s, postId),
  };
  for (const [protocol, send] of Object.entries(protocols)) {
    it(`stores a ${protocol} from an h-entry reply with its kind, h-card author, date and sanitised content`, async () => {
      const { post, target, source } = await serve('reply-with-hcard.html', `/${protocol}/reply`);
      await send(source, target, post.id);
      const [c] = await commentsOf(t.ctx, post.id);
      expect(c).toMatchObject({
        kind: protocol,
        mention_type: 'reply',
        mention_author_name: 'Ann Example',
        mention_author_url: `${peer.url}/`,
        mention_author_photo: `${peer.url}/images/ann.jpg`,
        mention_published: '2026-11-29T08:30:00.000Z',
        mention_url: `${peer.url}/2026/11/re-linkbacks`,
        verification_state: 'verified',
      });
      expect(c.mention_content).toContain('<strong>Webmention</strong>');
      expect(c.mention_content).not.toMatch(/script|<img|javascript:/);
      // The moderation panel and the rules see the person, not the page title (a TrackBack's blog_name would win).
      expect(c.author_name).toBe('Ann Example');
    });

    it(`keeps today's title and excerpt for a ${protocol} from a page without mf2`, async () => {
      const { post, target, source } = await serve('no-mf2.html', `/${protocol}/plain`);
      await send(source, target, post.id);
      const [c] = await commentsOf(t.ctx, post.id);
      expect(c).toMatchObject({ kind: protocol, mention_type: null, mention_author_name: null, mention_content: null });
      expect(c.title).toBe(protocol === 'trackback' ? 'Sent title' : 'Plain old blog post');
      expect(c.excerpt).toContain('a link to Backtalk');
    });
  }

  it('stores Bridgy likes and reposts, an h-feed bookmark, a nested reply and an RSVP as their kinds', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['bridgy-like.html', 'like', { mention_author_name: 'Carol 🌻', mention_url: 'https://mastodon.example/@carol/109#favorited-by-42', mention_author_photo: 'https://files.mastodon.example/avatars/carol.png' }],
      ['bridgy-repost.html', 'repost', { mention_author_name: 'Dave' }],
      ['feed-bookmark.html', 'bookmark', { mention_author_name: 'Frank Example', mention_author_url: 'https://frank.example/' }],
      ['nested-comment-reply.html', 'reply', { mention_author_name: 'Heidi', mention_content: 'Nested reply text.' }],
      ['rsvp.html', 'rsvp', { mention_rsvp: 'yes', mention_author_name: 'Ivan' }],
    ];
    for (const [name, type, fields] of cases) {
      const { post, target, source } = await serve(name, `/kinds/${name}`);
      await webmention(source, target);
      const [c] = await commentsOf(t.ctx, post.id);
      expect(c, name).toMatchObject({ mention_type: type, ...fields });
    }
  });

  it('threads a reply to one of our comments under that comment, and a reply to a held comment at the top', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    const root = await addComment(t.ctx, post, { status: 'approved' });
    const held = await addComment(t.ctx, post, { status: 'pending', content: 'held one' });
    peer.route('/thread/reply', { body: mf2Fixture('reply-to-comment-no-hcard.html', { target, comment: `${target}#comment-${root.id}` }) });
    peer.route('/thread/held', { body: mf2Fixture('reply-to-comment-no-hcard.html', { target, comment: `${target}#comment-${held.id}` }) });
    await webmention(`${peer.url}/thread/reply`, `${target}#comment-${root.id}`);
    await pingback(`${peer.url}/thread/held`, target);
    const rows = await commentsOf(t.ctx, post.id);
    const reply = rows.find((r) => r.source_url === `${peer.url}/thread/reply`)!;
    expect(reply).toMatchObject({ mention_type: 'reply', parent_id: root.id, thread_id: root.id, mention_author_name: 'erin.example', mention_author_url: 'https://erin.example/about' });
    expect(rows.find((r) => r.source_url === `${peer.url}/thread/held`)).toMatchObject({ parent_id: null, thread_id: null });
  });

  it('updates the parsed fields when a Webmention is sent again for an edited reply, and removes it on 410', async () => {
    const { post, target, source } = await serve('reply-with-hcard.html', '/edited');
    await webmention(source, target);
    const edited = mf2Fixture('reply-with-hcard.html', { target }).replace('Ann Example', 'Ann E. Xample').replace('it is the simplest of the three', 'I changed my mind');
    peer.route('/edited', { body: edited });
    await webmention(source, target);
    const rows = await commentsOf(t.ctx, post.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mention_author_name: 'Ann E. Xample', author_name: 'Ann E. Xample' });
    expect(rows[0].mention_content).toContain('I changed my mind');
    expect(rows[0].mention_type).toBe('reply');

    // Edited from a reply into a bookmark: the kind follows (post-type discovery runs again).
    peer.route('/edited', { body: edited.replace('u-in-reply-to h-cite', 'u-bookmark-of h-cite') });
    await webmention(source, target);
    const [bookmark] = await commentsOf(t.ctx, post.id);
    expect(bookmark).toMatchObject({ mention_type: 'bookmark', mention_author_name: 'Ann E. Xample' });

    peer.route('/edited', { status: 410, body: 'gone' });
    await webmention(source, target);
    const [gone] = await commentsOf(t.ctx, post.id);
    expect(gone).toMatchObject({ status: 'trash', verification_state: 'gone' });
  });

  it('refreshes the parsed fields of a pingback when the periodic re-check finds the source edited', async () => {
    const { post, target, source } = await serve('reply-with-hcard.html', '/recheck');
    await pingback(source, target);
    const [before] = await commentsOf(t.ctx, post.id);
    peer.route('/recheck', { body: mf2Fixture('bridgy-like.html', { target }) });
    await reverifyLinkback(t.ctx, before.id);
    const [after] = await commentsOf(t.ctx, post.id);
    expect(after).toMatchObject({ id: before.id, mention_type: 'like', mention_author_name: 'Carol 🌻', mention_content: null, verification_state: 'verified' });
  });
});
