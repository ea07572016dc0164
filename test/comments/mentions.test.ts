// The "Mentions" section of the post page (views/partials/mentions.eta): approved linkbacks only, apart
// from readers' comments, everything from the other site escaped, rel="nofollow ugc", counts that match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/settings/definitions.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import type { Post } from '../../src/db/schema.js';
import { makeComment, makePost } from './fixtures.js';

let t: TestApp;
let post: Post;
beforeAll(async () => {
  t = await createTestApp();
  const author = await createUser(t.ctx, 'author');
  post = await makePost(t.ctx, author.id, { published_at: '2026-01-10T10:00:00.000Z' });
});
afterAll(() => t.close());

const page = async (p: Post) => (await t.app.inject({ url: permalinkPath(p, defaultSettings) })).body;
const section = (html: string) => /<section class="mentions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('mentions on the post page', () => {
  it('prints nothing when there are no approved linkbacks', async () => {
    await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'pending', source_url: 'http://waiting.example/' });
    const html = await page(post);
    expect(html).toContain(`id="post-${post.id}"`);
    expect(html).not.toContain('class="mentions"');
  });

  it('lists approved linkbacks with protocol, linked title, escaped excerpt and date; readers’ comments stay apart', async () => {
    await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', source_url: 'http://blog.example/a?x=1&y=2', title: 'Nice <b>post</b> & "more"', excerpt: 'see <script>alert(1)</script> here', created_at: '2026-01-12T08:00:00.000Z' });
    await makeComment(t.ctx, post.id, { kind: 'webmention', status: 'approved', source_url: 'javascript:alert(1)', title: '', author_name: 'Mallory' });
    await makeComment(t.ctx, post.id, { kind: 'trackback', status: 'spam', source_url: 'http://spam.example/', title: 'Spammy' });
    await makeComment(t.ctx, post.id, { kind: 'comment', status: 'approved', author_name: 'Reader Rita', content: 'Reader text' });
    const html = await page(post);
    const m = section(html);
    expect(m).toContain('Mentions <span class="count">(2)</span>');
    expect(m).toContain('<a class="mention-source" href="http://blog.example/a?x=1&amp;y=2" rel="nofollow ugc">Nice &lt;b&gt;post&lt;/b&gt; &amp; &quot;more&quot;</a>');
    expect(m).toContain('Pingback:');
    expect(m).toContain('Webmention:');
    expect(m).toContain('see &lt;script&gt;alert(1)&lt;/script&gt; here');
    // Dated in the site's date format, as readers' comments are.
    expect(m).toContain('<time datetime="2026-01-12T08:00:00.000Z">January 12, 2026</time>');
    expect(m).not.toContain('href="javascript:');
    expect(m).toContain('<span class="mention-source">Mallory</span>');
    expect(m).not.toContain('Spammy');
    expect(m).not.toContain('Reader Rita');
    expect((m.match(/<li class="mention /g) ?? []).length).toBe(2);
    expect(html).not.toContain('<script>alert(1)');
  });
});
