// Single posts: permalinks and their 301s (slash, wrong date, old slug), 404s for what is not published or
// not well-formed, previews for those who may edit, and the post-page hooks other features plug in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import { updatePost, trashPost } from '../../src/posts/service.js';
import type { Post, User } from '../../src/db/schema.js';
import { addComment, html, publish } from '../support/public-site.js';
import { verifyHtml } from '../../src/linkbacks/inbound/verify.js';

describe('single post pages', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  let other: User;
  let post: Post;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author', 'bob');
    other = await createUser(t.ctx, 'author', 'carol');
    post = await publish(t, author, 'Hello World', { content: '<p>The <em>first</em> words.</p>', date: '2026-01-10T09:00:00Z' });
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { ...html, ...headers } });

  it('shows a published post at /YYYY/MM/DD/slug/', async () => {
    const res = await get('/2026/01/10/hello-world/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const $ = cheerio.load(res.body);
    expect($('h1.post-title').text()).toBe('Hello World');
    expect($('.post-content').html()).toBe('<p>The <em>first</em> words.</p>');
    expect($('title').text()).toContain('Hello World');
    expect($('.byline').text()).toContain('Bob');
    expect($('meta[name=robots]').length).toBe(0);
    expect($('form[action^="/comments"]').length).toBe(1);
    expect($('head link[rel=canonical]').attr('href')).toBe('http://blog.test/2026/01/10/hello-world/');
  });

  it('is an h-entry, so a blog verifying our linkback takes the post title, not the page title', async () => {
    const res = await get('/2026/01/10/hello-world/');
    const $ = cheerio.load(res.body);
    expect($('.h-entry .p-name').text()).toBe('Hello World');
    expect($('.h-entry .e-content').text()).toBe('The first words.');
    expect($('.h-entry .dt-published').attr('datetime')).toBe('2026-01-10T09:00:00.000Z');
    expect($('.h-entry .u-url').attr('href')).toBe('http://blog.test/2026/01/10/hello-world/');
    const link = verifyHtml(res.body.replace('</article>', '<a href="https://elsewhere.example/">x</a></article>'), 'http://blog.test/2026/01/10/hello-world/', 'https://elsewhere.example/');
    expect(link.title).toBe('Hello World');
  });

  it('redirects to the trailing-slash form, keeping the query', async () => {
    const res = await get('/2026/01/10/hello-world?utm=x');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/2026/01/10/hello-world/?utm=x');
  });

  it('redirects a wrong date with the right slug to the real permalink', async () => {
    const res = await get('/2025/12/31/hello-world/');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/2026/01/10/hello-world/');
  });

  it('redirects an old slug to the current permalink after a rename', async () => {
    const renamed = await publish(t, author, 'Draft name', { date: '2026-01-11T09:00:00Z' });
    const r = await updatePost(t.ctx, author, renamed.id, { title: 'Better name', slug: 'better-name', content: '<p>x</p>', status: 'published' });
    expect(r.ok).toBe(true);
    for (const url of ['/2026/01/11/draft-name/', '/2020/02/02/draft-name/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location).toBe('/2026/01/11/better-name/');
    }
    expect((await get('/2026/01/11/better-name/')).statusCode).toBe(200);
  });

  it('answers drafts, scheduled and trashed drafts with 404, and a trashed published post with 410 and a tombstone', async () => {
    await publish(t, author, 'Not yet', { status: 'draft' });
    await publish(t, author, 'Later', { date: '2026-09-01T09:00:00Z' });
    const binnedDraft = await publish(t, author, 'Binned draft', { status: 'draft', date: '2026-01-12T09:00:00Z' });
    await trashPost(t.ctx, author, binnedDraft.id);
    for (const url of ['/2026/01/15/not-yet/', '/2026/09/01/later/', '/2026/01/12/binned-draft/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('<article');
    }
    // Once public, gone for good (WM §3.1.5): 410 with a tombstone that shows nothing of the post.
    const gone = await publish(t, author, 'Binned', { date: '2026-01-12T09:00:00Z', content: '<p>Secret words.</p>' });
    await trashPost(t.ctx, author, gone.id);
    const res = await get('/2026/01/12/binned/');
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This post was deleted');
    expect(res.body).not.toContain('<article');
    expect(res.body).not.toContain('Binned');
    expect(res.body).not.toContain('Secret words');
    // Its comment feed and comment pages are simply not there.
    expect((await get('/2026/01/12/binned/feed/')).statusCode).toBe(404);
    // A page says so in its own words.
    const page = await publish(t, admin, 'Gone page', { type: 'page' });
    await trashPost(t.ctx, admin, page.id);
    const pageRes = await get('/gone-page/');
    expect(pageRes.statusCode).toBe(410);
    expect(pageRes.body).toContain('This page was deleted');
  });

  it('never answers malformed addresses with a 500', async () => {
    const cases: [string, number][] = [
      ['/2026/13/45/hello-world/', 404],
      ['/2026/02/30/hello-world/', 404],
      ['/2026/00/10/hello-world/', 404],
      ['/2026/01/10/no-such-post/', 404],
      ['/2026/01/10/%E0%A4%A/', 400],
      ['/2026/01/10/%ff%fe/', 400],
      ['/2026/01/10/%3Cscript%3E/', 404],
      ['/2026/01/10/' + 'a'.repeat(400) + '/', 404],
      ['/2026/01/10/' + 'a'.repeat(5000) + '/', 414],
      ['/?p=abc', 404],
      ['/?p=0', 404],
      ['/?p=1e3', 404],
      ['/?p=-1', 404],
      ['/?p=99999999999999999999', 404],
      ['/?p=1&p=2', 404],
      ['/?p=999', 404],
    ];
    for (const [url, status] of cases) expect((await get(url)).statusCode, url).toBe(status);
  });

  it('sends /?p=ID of a published post to its permalink', async () => {
    const res = await get(`/?p=${post.id}`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/2026/01/10/hello-world/');
  });

  it('serves long slugs, Latin or not', async () => {
    for (const title of ['word '.repeat(45), 'слово '.repeat(45)]) {
      const p = await publish(t, author, title, { date: '2026-01-13T09:00:00Z' });
      expect(Array.from(p.slug).length).toBeGreaterThan(150);
      const res = await get(`/2026/01/13/${encodeURIComponent(p.slug)}/`);
      expect(res.statusCode).toBe(200);
    }
  });

  it('serves non-Latin slugs percent-encoded in links and redirects', async () => {
    const p = await publish(t, author, 'Привет мир', { date: '2026-01-13T09:00:00Z' });
    const path = `/2026/01/13/${encodeURIComponent(p.slug)}/`;
    expect((await get(path)).statusCode).toBe(200);
    const moved = await get(`/2026/01/14/${encodeURIComponent(p.slug)}/`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(path);
  });

  describe('previews', () => {
    let draft: Post;
    beforeAll(async () => {
      draft = await publish(t, author, 'Work in progress', { status: 'draft', content: '<p>Unfinished thoughts</p>' });
    });

    it('are 404 for visitors and for authors who may not edit the post', async () => {
      expect((await get(`/?p=${draft.id}&preview=true`)).statusCode).toBe(404);
      expect((await get(`/?p=${draft.id}`)).statusCode).toBe(404);
      const carol = await signIn(t, other);
      const res = await get(`/?p=${draft.id}&preview=true`, carol.headers);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Unfinished thoughts');
    });

    it('show the post with a Preview banner and noindex to its author and to admins', async () => {
      for (const who of [author, admin]) {
        const s = await signIn(t, who);
        const res = await get(`/?p=${draft.id}&preview=true`, s.headers);
        expect(res.statusCode).toBe(200);
        const $ = cheerio.load(res.body);
        expect($('.preview-banner').text()).toContain('Preview');
        expect($('meta[name=robots]').attr('content')).toContain('noindex');
        expect(res.headers['x-robots-tag']).toContain('noindex');
        expect($('.post-content').text()).toContain('Unfinished thoughts');
        expect($('form[action^="/comments"]').length).toBe(0);
        expect($('.post-meta .comment-count').attr('href')).toBe(`/?p=${draft.id}&preview=true#comments`);
      }
    });

    it('work for scheduled posts too, but not for trashed ones', async () => {
      const later = await publish(t, author, 'Scheduled one', { date: '2026-10-01T09:00:00Z' });
      expect(later.status).toBe('scheduled');
      const s = await signIn(t, author);
      expect((await get(`/?p=${later.id}&preview=true`, s.headers)).statusCode).toBe(200);
      await trashPost(t.ctx, author, later.id);
      expect((await get(`/?p=${later.id}&preview=true`, s.headers)).statusCode).toBe(404);
    });
  });

  it('applies every post-page hook: headers, head markup and markup after the content', async () => {
    const seen: number[] = [];
    t.ctx.postPageHooks.push((p, siteUrl) => {
      seen.push(p.id);
      return { headers: { 'x-test-hook': `${siteUrl}/hook/${p.id}` }, head: '<link rel="test-hook" href="/hook">', afterContent: '<div class="test-after">after</div>' };
    });
    t.ctx.postPageHooks.push(() => {
      throw new Error('a broken hook');
    });
    try {
      const res = await get('/2026/01/10/hello-world/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-test-hook']).toBe(`http://blog.test/hook/${post.id}`);
      const $ = cheerio.load(res.body);
      expect($('head link[rel=test-hook]').length).toBe(1);
      expect($('article .post-content ~ .test-after').text()).toBe('after');
      expect(seen).toContain(post.id);
    } finally {
      t.ctx.postPageHooks.splice(-2, 2);
    }
  });

  it('keeps readers’ comments and mentions apart, with matching counts', async () => {
    const p = await publish(t, author, 'Talked about', { date: '2026-01-14T09:00:00Z' });
    await addComment(t, p, { author: 'First reader' });
    await addComment(t, p, { author: 'Second reader' });
    await addComment(t, p, { author: 'Third reader' });
    await addComment(t, p, { kind: 'pingback', author: 'Ping source' });
    await addComment(t, p, { kind: 'webmention', author: 'Mention source' });
    await addComment(t, p, { kind: 'trackback', author: 'Held trackback', approve: false });
    const res = await get('/2026/01/14/talked-about/');
    const $ = cheerio.load(res.body);
    expect($('#comments h2').text().trim()).toBe('3 comments');
    expect($('.comment-list .comment-author').map((_, e) => $(e).text()).get()).toEqual(['First reader', 'Second reader', 'Third reader']);
    expect($('.post-meta .mention-count').text().trim()).toBe('2 mentions');
    expect($('.comment-list').text()).not.toMatch(/Ping source|Mention source|Held trackback/);
  });

  it('renders a styled 404 page', async () => {
    const res = await get('/2026/01/10/no-such-post/');
    expect(res.statusCode).toBe(404);
    const $ = cheerio.load(res.body);
    expect($('link[rel=stylesheet]').attr('href')).toBe('/static/style.css');
    expect($('.error-page h1').text()).toBe('Not found');
    expect($('.site-title').text()).toBe('Backtalk');
  });
});
