// Home page and month archives: newest first, paginated by posts_per_page, dates per settings, counts that
// match what the post pages show, and 404s (never 500s) for pages that do not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post, User } from '../../src/db/schema.js';
import { addComment, html, publish } from '../support/public-site.js';

describe('home page and archives', () => {
  let t: TestApp;
  let admin: User;
  const posts: Post[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'alice');
    await saveSettings(t.ctx.db, { posts_per_page: 2 });
    // Five posts: Dec 30, Jan 2, Jan 5, Jan 8, Jan 11 (two in December 2025's neighbourhood for archives).
    const dates = ['2025-12-30T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-05T10:00:00Z', '2026-01-08T10:00:00Z', '2026-01-11T10:00:00Z'];
    for (const [i, date] of dates.entries()) posts.push(await publish(t, admin, `Post ${i + 1}`, { date }));
    await publish(t, admin, 'Secret draft', { status: 'draft' });
    await publish(t, admin, 'Future post', { date: '2026-06-01T10:00:00Z' });
  });
  afterAll(() => t.close());

  const titles = ($: cheerio.CheerioAPI) => $('article .post-title').map((_, e) => $(e).text().trim()).get();
  const get = async (url: string) => {
    const res = await t.app.inject({ url, headers: html });
    return { res, $: cheerio.load(res.body) };
  };

  it('lists published posts newest first, posts_per_page at a time', async () => {
    const one = await get('/');
    expect(one.res.statusCode).toBe(200);
    expect(titles(one.$)).toEqual(['Post 5', 'Post 4']);
    expect(one.$('.pagination a.older').attr('href')).toBe('/page/2/');
    expect(one.$('.pagination a.newer').length).toBe(0);
    const two = await get('/page/2/');
    expect(titles(two.$)).toEqual(['Post 3', 'Post 2']);
    expect(two.$('.pagination a.newer').attr('href')).toBe('/');
    const three = await get('/page/3/');
    expect(titles(three.$)).toEqual(['Post 1']);
    expect(three.$('.pagination a.older').length).toBe(0);
    expect(one.res.body + two.res.body + three.res.body).not.toMatch(/Secret draft|Future post/);
  });

  it('answers pages that do not exist with 404 and canonicalises the others', async () => {
    for (const url of ['/page/4/', '/page/0/', '/page/abc/', '/page/-1/', '/page/99999999999/']) {
      const { res } = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('Not found');
    }
    expect((await get('/page/1/')).res.headers.location).toBe('/');
    const slashless = (await get('/page/2')).res;
    expect(slashless.statusCode).toBe(301);
    expect(slashless.headers.location).toBe('/page/2/');
  });

  it('shows title, author, date in the site format and timezone, and links to the permalink', async () => {
    await saveSettings(t.ctx.db, { date_format: 'Y-m-d', timezone: 'Asia/Tokyo' });
    const { $ } = await get('/');
    const first = $('article').first();
    expect(first.find('.post-title a').attr('href')).toBe('/2026/01/11/post-5/');
    expect(first.find('time').text()).toBe('2026-01-11');
    expect(first.find('.byline').text()).toContain('Alice');
    await saveSettings(t.ctx.db, { date_format: 'F j, Y', timezone: 'America/Los_Angeles' });
    const later = await get('/');
    // 10:00 UTC on Jan 11 is 02:00 the same day in Los Angeles; Jan 2 10:00 UTC stays Jan 2.
    expect(later.$('article time').first().text()).toBe('January 11, 2026');
  });

  it('cuts at <!--more--> with a link to the rest', async () => {
    const p = await publish(t, admin, 'Long read', { content: '<p>Opening words.</p><!--more--><p>Hidden second half.</p>', date: '2026-01-12T10:00:00Z' });
    const { $, res } = await get('/');
    const article = $(`#post-${p.id}`);
    expect(article.find('.post-content').text()).toContain('Opening words.');
    expect(res.body).not.toContain('Hidden second half.');
    expect(article.find('.more-link a').attr('href')).toBe('/2026/01/12/long-read/#more');
    const single = await get('/2026/01/12/long-read/');
    expect(single.res.body).toContain('Hidden second half.');
    expect(single.$('#more').length).toBe(1);
  });

  it('counts approved comments and mentions only', async () => {
    const target = posts[3];
    await addComment(t, target, { author: 'C1' });
    await addComment(t, target, { author: 'C2' });
    await addComment(t, target, { author: 'Pending', approve: false });
    await addComment(t, target, { kind: 'pingback', author: 'Elsewhere' });
    const { $ } = await get('/page/2/');
    const article = $(`#post-${target.id}`);
    expect(article.find('.comment-count').text().trim()).toBe('2 comments');
    expect(article.find('.mention-count').text().trim()).toBe('1 mention');
    const single = await get('/2026/01/08/post-4/');
    expect(single.$('.post-meta .comment-count').text().trim()).toBe('2 comments');
    expect(single.$('#comments h2').text().trim()).toBe('2 comments');
    expect(single.$('.comment-list > li')).toHaveLength(2);
  });

  it('serves month archives, paginated, and lists the months', async () => {
    const jan = await get('/2026/01/');
    expect(jan.res.statusCode).toBe(200);
    expect(jan.$('.archive-title').text()).toContain('January 2026');
    expect(titles(jan.$)).toEqual(['Long read', 'Post 5']);
    expect(jan.$('.pagination a.older').attr('href')).toBe('/2026/01/page/2/');
    const jan2 = await get('/2026/01/page/2/');
    expect(titles(jan2.$)).toEqual(['Post 4', 'Post 3']);
    const jan3 = await get('/2026/01/page/3/');
    expect(titles(jan3.$)).toEqual(['Post 2']);
    const dec = await get('/2025/12/');
    expect(titles(dec.$)).toEqual(['Post 1']);
    const links = jan.$('.archive-list a').map((_, e) => `${jan.$(e).text()} ${jan.$(e).attr('href')}`).get();
    expect(links).toEqual(['January 2026 /2026/01/', 'December 2025 /2025/12/']);
    expect(jan.$('.archive-list li').first().text()).toContain('(5)');
    expect((await get('/2026/01')).res.headers.location).toBe('/2026/01/');
    expect((await get('/2026/01/page/1/')).res.headers.location).toBe('/2026/01/');
  });

  it('answers empty and impossible months with 404', async () => {
    for (const url of ['/2026/03/', '/2026/13/', '/2026/00/', '/0000/01/', '/2026/01/page/9/', '/2026/01/page/x/', '/2026/06/']) {
      const { res } = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });
});
