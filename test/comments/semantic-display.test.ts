// Semantic linkbacks on the post page (issue 19 point 2): sources in Bridgy and IndieWeb markup served on
// 127.0.0.1 and received by Webmention and Pingback, approved, then shown: likes and reposts as a facepile
// with counts, each face linking to the reaction's own page; a reply to one of our comments threaded under
// it; RSVPs and mentions listed apart, each linking to the mentioning entry; no third-party image anywhere.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import type { Peer } from '../support/peer.js';
import { useAppWithPeer } from '../support/app-with-peer.js';
import { addComment } from '../support/comment-factory.js';
import { defaultSettings } from '../../src/settings/definitions.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import { FACES_PER_TYPE } from '../../src/comments/reaction-repository.js';
import { freshIp, permalink, publishedPost } from '../linkbacks/inbound/helpers.js';
import { mf2Fixture } from '../linkbacks/inbound/mf2-fixtures.js';
import { makeComment } from './fixtures.js';

describe('semantic linkbacks on the post page', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  async function webmention(source: string, target: string) {
    const res = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: freshIp() });
    expect(res.statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
  }

  it('shows a facepile with counts, a threaded reply, an RSVP and a mention, and no third-party image', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    const root = await addComment(t.ctx, post, { status: 'approved', author: 'Rita Reader', content: 'First!' });
    const pages: [string, string, string?][] = [
      ['/like', 'bridgy-like.html'],
      ['/repost', 'bridgy-repost.html'],
      ['/reply', 'reply-to-comment-no-hcard.html', `${target}#comment-${root.id}`],
      ['/rsvp', 'rsvp.html'],
      ['/essay', 'mention-long.html'],
    ];
    for (const [path, name, comment] of pages) peer.route(path, { body: mf2Fixture(name, { target, comment }) });
    for (const [path] of pages) await webmention(`${peer.url}${path}`, target);
    const method = t.app.xmlrpcMethods.get('pingback.ping')!;
    peer.route('/pingback-like', { body: mf2Fixture('bridgy-like.html', { target }).replaceAll('carol', 'zoe').replace('Carol 🌻', 'Zoe') });
    await method.handler({ params: [`${peer.url}/pingback-like`, target], ip: freshIp(), userAgent: 't', ctx: t.ctx });
    const stored = await t.ctx.db.selectFrom('comments').select(['id', 'mention_type']).where('post_id', '=', post.id).where('kind', '!=', 'comment').execute();
    expect(stored.map((s) => s.mention_type).sort()).toEqual(['like', 'like', 'mention', 'reply', 'repost', 'rsvp']);
    await t.ctx.db.updateTable('comments').set({ status: 'approved' }).where('post_id', '=', post.id).execute();

    const html = (await t.app.inject({ url: permalinkPath(post, defaultSettings) })).body;
    const reactions = /<section class="reactions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(reactions).toContain('Reactions <span class="count">(2 likes, 1 repost)</span>');
    expect(reactions).toContain('href="https://mastodon.example/@carol/109#favorited-by-42"');
    expect(reactions).toContain('title="Carol 🌻 liked this"');
    expect(reactions).toContain('title="Dave reposted this"');
    expect(reactions).toContain('alt="Zoe"');

    // The reply sits in the children of the comment it answered, with a link to where it was written.
    const thread = new RegExp(`<li class="comment depth-1[^"]*" id="comment-${root.id}">[\\s\\S]*?<ol class="children">([\\s\\S]*?)</ol>`).exec(html)?.[1] ?? '';
    expect(thread).toContain('comment-linkback');
    expect(thread).toContain('https://erin.example/about');
    expect(thread).toContain('<em>pingback</em> has the XML-RPC baggage');
    expect(thread).toContain('replied on 127.0.0.1');
    expect(thread).not.toContain('comment-reply-link');

    const mentions = /<section class="mentions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(mentions).toContain('Mentions <span class="count">(2)</span>');
    expect(mentions).toContain('RSVP yes:');
    // Dated as comments are, in the site's date format (not a bare ISO date).
    expect(mentions).toMatch(/<time datetime="[^"]+">[A-Z][a-z]+ \d{1,2}, \d{4}<\/time>/);
    expect(mentions).not.toMatch(/<time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>/);
    // Its page is titled with the author's name: said once, linking to the RSVP itself.
    expect(mentions).toContain('<a class="mention-source" href="https://ivan.example/rsvp/1" rel="nofollow ugc">Ivan</a>');
    expect(mentions).not.toContain('<span class="mention-author">Ivan</span>');
    expect(mentions).toContain('<span class="mention-author">Judy</span>');
    expect(mentions).not.toContain('Carol');
    // No reader's browser is sent to another site for a picture: every image is ours or inline.
    expect([...html.matchAll(/<img[^>]+src="([^"]*)"/g)].map((m) => m[1]).filter((src) => !src.startsWith('data:') && !src.startsWith('/'))).toEqual([]);
    expect(html).not.toContain('files.mastodon.example');
  });

  it('counts every reaction but draws a bounded number of faces, newest kept', async () => {
    const post = await publishedPost(t.ctx);
    for (let i = 0; i < FACES_PER_TYPE + 5; i++) {
      await makeComment(t.ctx, post.id, { kind: 'webmention', status: 'approved', source_url: `http://likes.test/${i}`, mention_type: 'like', mention_author_name: `Fan ${i}`, created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
    }
    const html = (await t.app.inject({ url: permalinkPath(post, defaultSettings) })).body;
    expect(html).toContain(`(${FACES_PER_TYPE + 5} likes)`);
    expect(html).toContain('<li class="face face-more">+5</li>');
    expect(html).toContain(`alt="Fan ${FACES_PER_TYPE + 4}"`);
    expect(html).not.toContain('alt="Fan 0"');
    expect(html).not.toContain('class="mentions"');
  });
});
