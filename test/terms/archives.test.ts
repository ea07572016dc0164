// Term archives and their feeds (issue 13 point 1): /category/<parent>/<child>/ and /tag/<slug>/, paginated,
// canonical addresses by 301, terms shown on posts and in RSS (<category>) and Atom (<category term>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTerm, updateTerm } from '../../src/terms/service.js';
import { updatePost } from '../../src/posts/service.js';
import type { Post, Term, User } from '../../src/db/schema.js';
import { html, publish } from '../support/public-site.js';

describe('term archives', () => {
  let t: TestApp;
  let admin: User;
  let animals: Term;
  let foxes: Term;
  const posts: Post[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'alice');
    await saveSettings(t.ctx.db, { posts_per_page: 2 });
    const a = await createTerm(t.ctx, 'category', { name: 'Animals', description: 'Creatures great & small' });
    if (!a.ok) throw new Error('a');
    animals = a.term;
    const f = await createTerm(t.ctx, 'category', { name: 'Foxes', parentId: animals.id });
    if (!f.ok) throw new Error('f');
    foxes = f.term;
    const dates = ['2026-01-02T10:00:00Z', '2026-01-05T10:00:00Z', '2026-01-08T10:00:00Z'];
    for (const [i, date] of dates.entries()) posts.push(await publish(t, admin, `Fox ${i + 1}`, { date, categoryIds: [foxes.id], tags: ['Red <b>fox</b>', 'Night'] }));
    await publish(t, admin, 'Fox draft', { status: 'draft', categoryIds: [foxes.id], tags: ['Night'] });
    await publish(t, admin, 'Plain', { date: '2026-01-09T10:00:00Z' });
  });
  afterAll(() => t.close());

  const get = async (url: string) => {
    const res = await t.app.inject({ url, headers: html });
    return { res, $: cheerio.load(res.body) };
  };
  const titles = ($: cheerio.CheerioAPI) => $('article .post-title').map((_, e) => $(e).text().trim()).get();

  it('lists a child category’s published posts at its full path, newest first, paginated', async () => {
    const one = await get('/category/animals/foxes/');
    expect(one.res.statusCode).toBe(200);
    expect(one.$('h1.archive-title').text()).toBe('Category: Foxes');
    expect(titles(one.$)).toEqual(['Fox 3', 'Fox 2']);
    expect(one.$('.pagination a.older').attr('href')).toBe('/category/animals/foxes/page/2/');
    const two = await get('/category/animals/foxes/page/2/');
    expect(titles(two.$)).toEqual(['Fox 1']);
    expect(two.$('.pagination a.newer').attr('href')).toBe('/category/animals/foxes/');
    expect((await get('/category/animals/foxes/page/3/')).res.statusCode).toBe(404);
    expect(one.res.body + two.res.body).not.toContain('Fox draft');
    expect(one.$('link[type="application/rss+xml"][href$="/category/animals/foxes/feed/"]').length).toBe(1);
  });

  it('redirects to the canonical address: trailing slash, missing or wrong parents, page 1', async () => {
    const cases: [string, string][] = [
      ['/category/animals/foxes', '/category/animals/foxes/'],
      ['/category/foxes/', '/category/animals/foxes/'],
      ['/category/plants/foxes/page/2/', '/category/animals/foxes/page/2/'],
      ['/category/animals/foxes/page/1/', '/category/animals/foxes/'],
      ['/tag/night', '/tag/night/'],
      ['/tag/night/page/1/', '/tag/night/'],
    ];
    for (const [from, to] of cases) {
      const { res } = await get(from);
      expect([from, res.statusCode, res.headers.location]).toEqual([from, 301, to]);
    }
  });

  it('answers unknown terms and malformed paths with 404', async () => {
    for (const url of ['/category/nope/', '/tag/nope/', '/tag/night/extra/', '/category/animals/page/abc/', '/category/']) {
      expect((await get(url)).res.statusCode, url).toBe(404);
    }
    // Broken percent-encoding is refused before routing, as for every other address.
    expect((await get('/category/%E0%A4%A/')).res.statusCode).toBe(400);
  });

  it('shows an empty category as an empty archive with its description', async () => {
    const made = await createTerm(t.ctx, 'category', { name: 'Minerals', description: 'Rocks & stones' });
    if (!made.ok) throw new Error('minerals');
    const { res, $ } = await get('/category/minerals/');
    expect(res.statusCode).toBe(200);
    expect($('.archive-description').text()).toBe('Rocks & stones');
    expect($('.empty').length).toBe(1);
    expect((await get('/category/minerals/page/2/')).res.statusCode).toBe(404);
  });

  it('lists a parent category’s subcategory posts in its archive and feeds, as WordPress does', async () => {
    const one = await get('/category/animals/');
    expect(one.$('h1.archive-title').text()).toBe('Category: Animals');
    expect(titles(one.$)).toEqual(['Fox 3', 'Fox 2']);
    expect(one.$('.pagination a.older').attr('href')).toBe('/category/animals/page/2/');
    expect(titles((await get('/category/animals/page/2/')).$)).toEqual(['Fox 1']);
    const rss = cheerio.load((await t.app.inject({ url: '/category/animals/feed/' })).body, { xml: true });
    expect(rss('item title').map((_, e) => rss(e).text()).get()).toEqual(['Fox 3', 'Fox 2', 'Fox 1']);
  });

  it('shows categories and tags on listings and the post page, escaped, linking to their archives', async () => {
    const tag = await get('/tag/night/');
    expect(titles(tag.$)).toEqual(['Fox 3', 'Fox 2']);
    const first = tag.$('article').first();
    expect(first.find('.cat-links a').attr('href')).toBe('/category/animals/foxes/');
    expect(first.find('.tag-links a').map((_, e) => tag.$(e).text()).get()).toEqual(['Night', 'Red <b>fox</b>']);
    expect(tag.res.body).not.toContain('<b>fox</b>');
    const home = await get('/');
    expect(home.$('article').first().find('.cat-links a').text()).toBe('Uncategorized');
  });

  it('has RSS and Atom feeds per term, with every post’s terms as categories', async () => {
    const rss = await t.app.inject({ url: '/tag/night/feed/' });
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const $r = cheerio.load(rss.body, { xml: true });
    expect($r('channel > title').text()).toBe('Backtalk » Night');
    expect($r('item').length).toBe(3);
    expect($r('item').first().find('category').map((_, e) => $r(e).text()).get()).toEqual(['Foxes', 'Night', 'Red <b>fox</b>']);
    const atom = await t.app.inject({ url: '/category/animals/foxes/feed/atom/' });
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    const $a = cheerio.load(atom.body, { xml: true });
    expect($a('entry').length).toBe(3);
    expect($a('entry').first().find('category').map((_, e) => $a(e).attr('term')).get()).toEqual(['Foxes', 'Night', 'Red <b>fox</b>']);
    const main = cheerio.load((await t.app.inject({ url: '/feed/' })).body, { xml: true });
    expect(main('item').first().find('category').text()).toBe('Uncategorized');
  });

  it('merges a category tree three deep, newest first, each post once, and 404s past the last page', async () => {
    const top = await createTerm(t.ctx, 'category', { name: 'Trees' });
    if (!top.ok) throw new Error('top');
    const mid = await createTerm(t.ctx, 'category', { name: 'Oaks', parentId: top.term.id });
    if (!mid.ok) throw new Error('mid');
    const leaf = await createTerm(t.ctx, 'category', { name: 'Cork oaks', parentId: mid.term.id });
    if (!leaf.ok) throw new Error('leaf');
    const under: [string, number[], string][] = [
      ['T top', [top.term.id], '2025-12-01T10:00:00Z'],
      ['T leaf', [leaf.term.id], '2025-12-03T10:00:00Z'],
      ['T both', [mid.term.id, leaf.term.id], '2025-12-05T10:00:00Z'],
      ['T mid', [mid.term.id], '2025-12-02T10:00:00Z'],
      ['T all three', [top.term.id, mid.term.id, leaf.term.id], '2025-12-04T10:00:00Z'],
    ];
    for (const [title, categoryIds, date] of under) await publish(t, admin, title, { date, categoryIds });
    await publish(t, admin, 'T drafted', { status: 'draft', categoryIds: [leaf.term.id] });
    const all: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { res, $ } = await get(page === 1 ? '/category/trees/' : `/category/trees/page/${page}/`);
      expect(res.statusCode, `page ${page}`).toBe(200);
      all.push(...titles($));
      if (page === 3) expect($('.pagination a.older').length).toBe(0);
    }
    expect(all).toEqual(['T both', 'T all three', 'T leaf', 'T mid', 'T top']);
    // The counts sum to 8 (posts filed twice), so page 4 is within the bound but empty: a 404, not an empty page.
    expect((await get('/category/trees/page/4/')).res.statusCode).toBe(404);
    expect(titles((await get('/category/trees/oaks/')).$)).toEqual(['T both', 'T all three']);
    const atom = cheerio.load((await t.app.inject({ url: '/category/trees/oaks/feed/atom/' })).body, { xml: true });
    expect(atom('entry title').map((_, e) => atom(e).text()).get()).toEqual(['T both', 'T all three', 'T leaf', 'T mid']);
  });

  it('follows renames and unpublishing at once (the page cache follows the site generation)', async () => {
    expect((await get('/category/animals/foxes/')).res.statusCode).toBe(200);
    await updateTerm(t.ctx, animals.id, { name: 'Beasts', slug: 'beasts' });
    expect((await get('/category/animals/foxes/')).res.headers.location).toBe('/category/beasts/foxes/');
    expect((await get('/category/animals/')).res.statusCode).toBe(404);
    expect((await get('/category/beasts/foxes/')).res.statusCode).toBe(200);
    await updatePost(t.ctx, admin, posts[2]!.id, { title: 'Fox 3', content: 'x', status: 'draft' });
    expect(titles((await get('/category/beasts/foxes/')).$)).toEqual(['Fox 2', 'Fox 1']);
  });
});
