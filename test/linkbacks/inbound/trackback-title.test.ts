// Issue 10 point 6: a received TrackBack keeps its title and shows it as WordPress does, the blog's name as
// the sender and <strong>title</strong> before the excerpt, on the post page and in the comment feed.
// Everything from the other site is text: escaped, never markup.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/definitions.js';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { permalinkPath } from '../../../src/posts/permalink.js';
import { commentsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

describe('a received TrackBack title', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));

  it('is stored, and shown in bold before the excerpt under the blog name, as text', async () => {
    const p = await publishedPost(t.ctx);
    peer.route('/tb-title', { body: fixture('h-entry.html', permalink(t.ctx, p)) });
    const body = new URLSearchParams({ url: `${peer.url}/tb-title`, title: 'Why <em>this</em> & that < "5"', excerpt: 'An excerpt <script>x</script>& more', blog_name: 'Alice’s blog' }).toString();
    const res = await t.app.inject({ method: 'POST', url: `/trackback/${p.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body, remoteAddress: freshIp() });
    expect(res.body).toContain('<error>0</error>');
    const [c] = await commentsOf(t.ctx, p.id);
    // Markup in the fields is read as text (tags dropped), as before; the title is kept.
    expect(c).toMatchObject({ kind: 'trackback', title: 'Why this & that < "5"', excerpt: 'An excerpt & more', author_name: 'Alice’s blog' });
    await t.ctx.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', c.id).execute();

    const page = (await t.app.inject({ url: permalinkPath(p, defaultSettings) })).body;
    const mention = /<li class="mention mention-trackback[^"]*"[\s\S]*?<\/li>/.exec(page)?.[0] ?? '';
    expect(mention).toContain('rel="nofollow ugc">Alice’s blog</a>');
    expect(mention).toContain('<p><strong class="mention-title">Why this &amp; that &lt; &quot;5&quot;</strong> … An excerpt &amp; more …</p>');

    const feed = (await t.app.inject({ url: `${permalinkPath(p, defaultSettings)}feed/` })).body;
    expect(feed).toContain('<title>Trackback from Alice’s blog</title>');
    expect(feed).toContain('<p><strong>Why this &amp; that &lt; &quot;5&quot;</strong> An excerpt &amp; more</p>');
  });
});
