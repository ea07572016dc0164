// Search (issue 13 point 4) over a real socket: /?s= sends the reader to /search/<terms>/, results are the
// published posts matching every word, best first, paginated, with the words marked in the excerpt; the index
// follows every write (publish, edit, unpublish, trash, delete) without a rebuild; hostile queries are 200s.
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';
import { saveSettings } from '../../src/settings/repository.js';
import { deletePostForever, trashPost, updatePost } from '../../src/posts/service.js';
import type { Post, User } from '../../src/db/schema.js';
import { SEARCH_RATE_LIMIT } from '../../src/search/routes.js';

describe('search', () => {
  let t: TestApp;
  let base: string;
  let admin: User;
  let fox: Post;
  // Each test starts a fresh rate-limit window (the limit has its own test below).
  beforeEach(() => t.clock.advance(61_000));
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, { redirect: 'manual', headers: { accept: 'text/html' }, ...init });
    const body = await res.text();
    return { res, body, $: cheerio.load(body) };
  };
  const titles = ($: cheerio.CheerioAPI) => $('article.search-result .post-title').map((_, e) => $(e).text().trim()).get();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'searcher');
    await saveSettings(t.ctx.db, { posts_per_page: 2 });
    fox = await publish(t, admin, 'The quick brown fox', { content: '<p>Jumps over the <strong>lazy</strong> dog.</p>', date: '2026-01-01T10:00:00Z' });
    await publish(t, admin, 'Dogs and cats', { content: '<p>A story where a fox appears <em>once</em>, in passing, near the end.</p>', date: '2026-01-02T10:00:00Z' });
    await publish(t, admin, 'Excerpt only', { content: '<p>Nothing here.</p>', excerpt: 'The foxes of the north', date: '2026-01-03T10:00:00Z' });
    await publish(t, admin, 'Draft fox', { status: 'draft', content: '<p>fox fox fox</p>' });
    await publish(t, admin, 'Future fox', { content: '<p>fox</p>', date: '2027-06-01T10:00:00Z' });
    await publish(t, admin, 'Markup', { content: '<p class="strong-words"><a href="http://example.com/zebra">link</a> text &amp; more</p>', date: '2026-01-04T10:00:00Z' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('sends /?s= to the /search/ address of what was typed', async () => {
    const { res } = await get('/?s=quick%20%20fox');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search/quick+fox/');
    const paged = await get('/?s=fox&paged=2');
    expect(paged.res.headers.get('location')).toBe('/search/fox/page/2/');
    expect((await get('/search/fox')).res.headers.get('location')).toBe('/search/fox/');
  });

  it('lists published posts matching every word, title matches first, paginated', async () => {
    const one = await get('/search/fox/');
    expect(one.res.status).toBe(200);
    expect(one.$('h1').text()).toContain('Search results for “fox”');
    // Title match first; draft and scheduled posts never.
    expect(titles(one.$)).toEqual(['The quick brown fox', 'Excerpt only']);
    expect(one.$('.search-count').text()).toContain('3 posts found');
    expect(one.$('.pagination a.older').attr('href')).toBe('/search/fox/page/2/');
    expect(one.$('meta[name=robots]').attr('content')).toBe('noindex, follow');
    const two = await get('/search/fox/page/2/');
    expect(titles(two.$)).toEqual(['Dogs and cats']);
    expect(two.body).not.toMatch(/Draft fox|Future fox/);
    expect((await get('/search/fox/page/3/')).res.status).toBe(404);
    expect((await get('/search/fox/page/1/')).res.headers.get('location')).toBe('/search/fox/');
    // Every word must match, as WordPress requires.
    expect(titles((await get('/search/fox+lazy/')).$)).toEqual(['The quick brown fox']);
  });

  it('has RSS and Atom feeds of a search, as WordPress (/search/<terms>/feed/, ?s=…&feed=rss2), ranked and bounded', async () => {
    expect((await get('/?s=fox&feed=rss2')).res.headers.get('location')).toBe('/search/fox/feed/');
    expect((await get('/?s=quick+fox&feed=atom')).res.headers.get('location')).toBe('/search/quick+fox/feed/atom/');
    expect((await get('/search/fox/feed')).res.headers.get('location')).toBe('/search/fox/feed/');
    const rss = await get('/search/fox/feed/');
    expect(rss.res.status).toBe(200);
    expect(rss.res.headers.get('content-type')).toContain('application/rss+xml');
    const $r = cheerio.load(rss.body, { xml: true });
    expect($r('channel > title').text()).toBe('Backtalk » Search Results for “fox”');
    expect($r('item > title').map((_, e) => $r(e).text()).get()).toEqual(['The quick brown fox', 'Excerpt only', 'Dogs and cats']);
    expect(rss.body).not.toMatch(/Draft fox|Future fox/);
    const atom = await get('/search/fox/feed/atom/');
    expect(atom.res.headers.get('content-type')).toContain('application/atom+xml');
    const $a = cheerio.load(atom.body, { xml: true });
    expect($a('entry').length).toBe(3);
    expect($a('link[rel=self]').attr('href')).toBe(`http://blog.test/search/fox/feed/atom/`);
    // The feed holds at most FEED_SIZE posts, whatever the number of matches.
    for (let i = 0; i < 22; i++) await publish(t, admin, `Otter ${i}`, { content: '<p>otter</p>', date: '2026-01-05T10:00:00Z' });
    const many = cheerio.load((await get('/search/otter/feed/')).body, { xml: true });
    expect(many('item').length).toBe(20);
  });

  it('links each result to its permalink and marks the words in its excerpt', async () => {
    const { $ } = await get('/search/lazy/');
    expect($('article.search-result a[rel=bookmark]').attr('href')).toBe('/2026/01/01/the-quick-brown-fox/');
    expect($('.search-excerpt mark').first().text()).toBe('lazy');
    expect($('.search-excerpt').text()).toContain('Jumps over the lazy dog.');
  });

  it('indexes the words readers see, not the markup', async () => {
    for (const word of ['strong', 'href', 'zebra', 'amp', 'class']) expect(titles((await get(`/search/${word}/`)).$), word).toEqual([]);
    expect(titles((await get('/search/more/')).$)).toEqual(['Markup']);
  });

  it('shows a clear "Nothing found" page with the box again, keeping the text', async () => {
    const { res, $ } = await get('/search/unicorn+zzz/');
    expect(res.status).toBe(200);
    expect($('.nothing-found h2').text()).toBe('Nothing found');
    expect($('.nothing-found input[name=s]').val()).toBe('unicorn zzz');
    const label = $('.nothing-found label');
    expect($(`#${label.attr('for')}`).attr('name')).toBe('s');
  });

  it('has a labelled search box in the header of every public page', async () => {
    for (const path of ['/', fox ? '/2026/01/01/the-quick-brown-fox/' : '/', '/no-such-page/']) {
      const { $ } = await get(path);
      const input = $('header form[role=search] input[name=s]');
      expect(input.length, path).toBe(1);
      expect($(`label[for="${input.attr('id')}"]`).text()).toContain('Search');
      expect($('header form[role=search]').attr('action')).toBe('/');
    }
  });

  it('answers FTS syntax, odd bytes and very long input with a page, never a 500', async () => {
    const nasty = ['"', '"fox', 'fox"', 'NEAR(fox dog)', 'fox NEAR dog', '*', 'fox*', '-fox', 'fox -dog', '((fox', 'fox)', 'title:fox', 'fox AND', 'OR', 'NOT fox', '^fox', "fox:* & !dog", "'", '\\', '%', '%25', '<script>alert(1)</script>', 'x'.repeat(5000), 'fox '.repeat(500), '🦊 fox', 'x'.repeat(199) + '🦊🦊', 'ﬁ', '\u0000fox'];
    for (const q of nasty) {
      t.clock.advance(61_000);
      const via = await fetch(`${base}/?s=${encodeURIComponent(q)}`, { redirect: 'follow', headers: { accept: 'text/html' } });
      expect(via.status, q).toBeLessThan(500);
      expect([200, 404], q).toContain(via.status);
      const body = await via.text();
      expect(body, q).not.toContain('<script>alert(1)</script>');
    }
    // NEAR is a word here, not an operator: the post with "fox … near the end" is found.
    expect(titles((await get('/search/%22fox%22+NEAR/')).$)).toEqual(['Dogs and cats']);
    expect(titles((await get('/search/((fox/')).$)).toEqual(['The quick brown fox', 'Excerpt only']);
    expect((await get('/search/%ZZ/')).res.status).toBe(400);
  });

  it('follows every write: an edit, unpublishing, the trash and deletion take effect at once', async () => {
    const post = await publish(t, admin, 'Walrus notes', { content: '<p>About a walrus.</p>', date: '2025-02-01T10:00:00Z' });
    expect(titles((await get('/search/walrus/')).$)).toEqual(['Walrus notes']);
    const edited = await updatePost(t.ctx, admin, post.id, { title: 'Seal notes', content: '<p>About a seal.</p>', status: 'published', date: '2025-02-01T10:00:00Z' });
    expect(edited.ok).toBe(true);
    expect(titles((await get('/search/walrus/')).$)).toEqual([]);
    expect(titles((await get('/search/seal/')).$)).toEqual(['Seal notes']);
    await updatePost(t.ctx, admin, post.id, { title: 'Seal notes', content: '<p>About a seal.</p>', status: 'draft' });
    expect(titles((await get('/search/seal/')).$)).toEqual([]);
    await updatePost(t.ctx, admin, post.id, { title: 'Seal notes', content: '<p>About a seal.</p>', status: 'published', date: '2025-02-01T10:00:00Z' });
    expect(titles((await get('/search/seal/')).$)).toEqual(['Seal notes']);
    await trashPost(t.ctx, admin, post.id);
    expect(titles((await get('/search/seal/')).$)).toEqual([]);
    await deletePostForever(t.ctx, admin, post.id);
    expect(titles((await get('/search/seal/')).$)).toEqual([]);
  });

  it('limits how many searches one address may have rendered a minute; cached pages do not count', async () => {
    // A reader's search costs no database write, not even a rate-limit counter.
    const rows = async () => Number((await t.ctx.db.selectFrom('rate_counters').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await rows();
    for (let i = 0; i < SEARCH_RATE_LIMIT.max; i++) expect((await get(`/search/word${i}/`)).res.status).toBe(200);
    const refused = await get('/search/one-more/');
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBeTruthy();
    expect(refused.$('h1').text()).toBe('Too many requests');
    expect(refused.$('.error-page').text()).toContain('Too many searches from your address');
    expect(await rows()).toBe(before);
    // Already rendered, so answered from the cache without counting.
    expect((await get('/search/word0/')).res.headers.get('x-cache')).toBe('hit');
    t.clock.advance(61_000);
    expect((await get('/search/one-more/')).res.status).toBe(200);
  });

  it('serves a repeated search from the page cache until the site changes', async () => {
    const first = await get('/search/dog/');
    const again = await get('/search/dog/');
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.body).toBe(first.body);
    await publish(t, admin, 'Another dog', { date: '2025-03-01T10:00:00Z' });
    const after = await get('/search/dog/');
    expect(after.res.headers.get('x-cache')).toBe('miss');
    expect(titles(after.$)).toContain('Another dog');
  });
});
