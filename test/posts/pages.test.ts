// Issue 13, points 2 and 5: pages at /<parent>/<child>/, kept out of the home page, feeds, archives and the
// post counts; the pages menu; date and author archives with and without their trailing slash; the
// permalink structure setting with 301s from every other structure; a static front page and posts page;
// the admin pages list and the editor's page attributes; linkback targets resolved by the same resolver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post, User } from '../../src/db/schema.js';
import { html, publish } from '../support/public-site.js';
import { countPostsByStatus, findPageByPath, findPostById } from '../../src/posts/repository.js';
import { updatePost } from '../../src/posts/service.js';
import { resolveTarget } from '../../src/linkbacks/inbound/target.js';
import { archiveMonths } from '../../src/db/counters.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const blank = { title: '', slug: '', content: '', excerpt: '', status: 'published', date: '', to_ping: '' };

describe('pages, archives and permalinks', () => {
  let t: TestApp;
  let admin: User;
  let asAdmin: SignedIn;
  let about: Post;
  let team: Post;
  const posts: Post[] = [];
  const get = async (url: string) => {
    const res = await t.app.inject({ url, headers: html });
    return { res, $: cheerio.load(res.body) };
  };
  const titles = ($: cheerio.CheerioAPI) => $('article .post-title').map((_, e) => $(e).text().trim()).get();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'alice');
    asAdmin = await signIn(t, admin);
    for (const [i, date] of ['2025-12-20T10:00:00Z', '2026-01-05T10:00:00Z', '2026-01-10T10:00:00Z'].entries()) posts.push(await publish(t, admin, `Post ${i + 1}`, { date }));
    about = await publish(t, admin, 'About', { type: 'page', date: '2026-01-05T12:00:00Z', menuOrder: 2 });
    team = await publish(t, admin, 'Team', { type: 'page', parentId: about.id, date: '2026-01-05T12:00:00Z' });
    await publish(t, admin, 'Contact', { type: 'page', menuOrder: 1 });
  });
  afterAll(() => t.close());

  it('serves a page and its child at their paths, without a date, and slashless addresses 301', async () => {
    expect(team.page_path).toBe('about/team');
    const page = await get('/about/team/');
    expect(page.res.statusCode).toBe(200);
    expect(page.$('h1.post-title').text()).toBe('Team');
    expect(page.$('.post-meta').length).toBe(0);
    expect(page.res.headers['x-pingback']).toBe('http://blog.test/xmlrpc');
    expect(page.res.body).toContain('<link rel="webmention"');
    const slashless = await get('/about/team');
    expect([slashless.res.statusCode, slashless.res.headers.location]).toEqual([301, '/about/team/']);
    expect((await get('/team/')).res.headers.location).toBe('/about/team/');
    expect((await get('/about/nobody/')).res.statusCode).toBe(404);
  });

  it('keeps pages out of the home page, the feed, the month archive list and the published-post count', async () => {
    expect(titles((await get('/')).$)).toEqual(['Post 3', 'Post 2', 'Post 1']);
    expect((await get('/feed/')).res.body).not.toContain('About');
    expect(titles((await get('/2026/01/05/')).$)).toEqual(['Post 2']);
    expect(await archiveMonths(t.ctx.db, 10)).toEqual([{ month: '2026-01', count: 2 }, { month: '2025-12', count: 1 }]);
    expect((await countPostsByStatus(t.ctx.db)).published).toBe(3);
    expect((await countPostsByStatus(t.ctx.db, undefined, 'page')).published).toBe(3);
  });

  it('shows a menu of top-level pages in menu order, and none when the setting is off', async () => {
    const { $ } = await get('/');
    expect($('.pages-menu a').map((_, a) => [[$(a).text(), $(a).attr('href')]]).get()).toEqual([['Contact', '/contact/'], ['About', '/about/']]);
    await saveSettings(t.ctx.db, { pages_menu: false });
    expect((await get('/')).$('.pages-menu').length).toBe(0);
    await saveSettings(t.ctx.db, { pages_menu: true });
  });

  it('serves year, month and day archives with and without the trailing slash, paged, and 404s impossible dates', async () => {
    for (const url of ['/2026/', '/2026/01/', '/2026/01/05/']) expect((await get(url)).res.statusCode, url).toBe(200);
    for (const url of ['/2026', '/2026/01', '/2026/01/05']) expect((await get(url)).res.headers.location, url).toBe(`${url}/`);
    expect((await get('/2026/11/30/')).res.statusCode).toBe(404);
    expect((await get('/2026/02/30/')).res.statusCode).toBe(404);
    await saveSettings(t.ctx.db, { posts_per_page: 1 });
    const two = await get('/2026/page/2/');
    expect([two.res.statusCode, titles(two.$)]).toEqual([200, ['Post 2']]);
    expect((await get('/2026/01/page/2/')).res.statusCode).toBe(200);
    expect((await get('/2025/12/page/2/')).res.statusCode).toBe(404);
    expect((await get('/2026/01/page/1/')).res.headers.location).toBe('/2026/01/');
    expect((await get('/2026/01/page/9/')).res.statusCode).toBe(404);
    await saveSettings(t.ctx.db, { posts_per_page: 10 });
  });

  it('serves author archives with their feeds, and 404s an unknown author', async () => {
    const page = await get('/author/alice/');
    expect([page.res.statusCode, titles(page.$)]).toEqual([200, ['Post 3', 'Post 2', 'Post 1']]);
    expect((await get('/author/alice')).res.headers.location).toBe('/author/alice/');
    const feed = await get('/author/alice/feed/');
    expect(feed.res.headers['content-type']).toContain('application/rss+xml');
    expect(feed.res.body).toContain('Post 3');
    expect((await get('/author/alice/feed/atom/')).res.headers['content-type']).toContain('application/atom+xml');
    expect((await get('/author/nobody/')).res.statusCode).toBe(404);
  });

  it('follows the permalink structure setting, and every other structure answers 301 to it', async () => {
    const p = posts[1]!;
    for (const [structure, canonical] of [
      ['/%postname%/', '/post-2/'],
      ['/%year%/%monthnum%/%postname%/', '/2026/01/post-2/'],
      ['/archives/%post_id%/', `/archives/${p.id}/`],
      ['/%year%/%monthnum%/%day%/%postname%/', '/2026/01/05/post-2/'],
    ] as const) {
      await saveSettings(t.ctx.db, { permalink_structure: structure });
      expect((await get(canonical)).res.statusCode, canonical).toBe(200);
      expect((await get('/')).$('article .post-title a').eq(1).attr('href')).toBe(canonical);
      for (const old of ['/post-2/', '/2026/01/post-2/', `/archives/${p.id}/`, '/2026/01/05/post-2/', `/?p=${p.id}`]) {
        if (old === canonical) continue;
        const res = (await get(old)).res;
        expect([res.statusCode, res.headers.location], `${old} under ${structure}`).toEqual([301, canonical]);
      }
    }
  });

  it('lets pages and post-name permalinks coexist: a path first matches a page', async () => {
    await saveSettings(t.ctx.db, { permalink_structure: '/%postname%/' });
    expect((await get('/about/')).$('h1.post-title').text()).toBe('About');
    expect((await get('/post-1/')).$('h1.post-title').text()).toBe('Post 1');
    await saveSettings(t.ctx.db, { permalink_structure: '/%year%/%monthnum%/%day%/%postname%/' });
  });

  it('serves a static front page at / and the posts page as the listing', async () => {
    const blog = await publish(t, admin, 'Blog', { type: 'page' });
    await saveSettings(t.ctx.db, { show_on_front: 'page', page_on_front: about.id, page_for_posts: blog.id });
    expect((await get('/')).$('h1.post-title').text()).toBe('About');
    expect((await get('/about/')).res.headers.location).toBe('/');
    expect((await get('/about/team/')).res.statusCode).toBe(200);
    expect(titles((await get('/blog/')).$)).toEqual(['Post 3', 'Post 2', 'Post 1']);
    await saveSettings(t.ctx.db, { show_on_front: 'posts', page_on_front: 0, page_for_posts: 0 });
  });

  it('takes linkbacks to pages through the same resolver as the public site', async () => {
    const found = await resolveTarget(t.ctx.db, new URL('http://blog.test/about/team/'), 'http://blog.test');
    expect(found.ok && found.post.id).toBe(team.id);
    const nothing = await resolveTarget(t.ctx.db, new URL('http://blog.test/about/nobody/'), 'http://blog.test');
    expect(nothing.ok).toBe(false);
  });

  it('lists pages in admin with the hierarchy, and writes pages with a parent and order from the editor', async () => {
    const list = await t.app.inject({ url: '/admin/pages', headers: { ...asAdmin.headers, accept: 'text/html' } });
    expect(list.statusCode).toBe(200);
    const $ = cheerio.load(list.body);
    expect($('td.title strong').map((_, e) => $(e).text()).get()).toEqual(['About', '— Team', 'Blog', 'Contact']);
    const editor = await t.app.inject({ url: '/admin/pages/new', headers: { ...asAdmin.headers, accept: 'text/html' } });
    expect(editor.body).toContain('name="parent_id"');
    expect(editor.body).toContain('action="/admin/pages"');
    const saved = await t.app.inject({ method: 'POST', url: '/admin/pages', headers: { ...asAdmin.headers, ...form }, payload: asAdmin.form({ ...blank, post_type: 'page', title: 'History', content: '<p>Since 2026</p>', parent_id: String(about.id), menu_order: '3' }) });
    expect(saved.statusCode).toBe(303);
    const id = Number(/\/admin\/posts\/(\d+)\/edit/.exec(String(saved.headers.location))![1]);
    expect(await findPostById(t.ctx.db, id)).toMatchObject({ type: 'page', parent_id: about.id, menu_order: 3, page_path: 'about/history' });
    expect((await get('/about/history/')).res.statusCode).toBe(200);
    // A loop is refused with the form kept as typed.
    const loop = await t.app.inject({ method: 'POST', url: `/admin/posts/${about.id}`, headers: { ...asAdmin.headers, ...form }, payload: asAdmin.form({ ...blank, post_type: 'page', title: 'About typed', content: '<p>x</p>', slug: 'about', parent_id: String(team.id), menu_order: '2' }) });
    expect(loop.statusCode).toBe(400);
    expect(loop.body).toContain('cannot be placed under one of its own subpages');
    expect(loop.body).toContain('value="About typed"');
    const badOrder = await t.app.inject({ method: 'POST', url: '/admin/pages', headers: { ...asAdmin.headers, ...form }, payload: asAdmin.form({ ...blank, post_type: 'page', title: 'Odd', content: '<p>x</p>', menu_order: 'first' }) });
    expect(badOrder.statusCode).toBe(400);
    expect(badOrder.body).toContain('Order must be a whole number');
  });

  it('moves a subtree when a parent is renamed, and the old path redirects', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/admin/posts/${about.id}`, headers: { ...asAdmin.headers, ...form }, payload: asAdmin.form({ ...blank, post_type: 'page', title: 'About us', content: '<p>x</p>', slug: 'about-us', parent_id: '', menu_order: '2' }) });
    expect(res.statusCode).toBe(303);
    expect((await findPostById(t.ctx.db, team.id))?.page_path).toBe('about-us/team');
    expect((await get('/about-us/team/')).res.statusCode).toBe(200);
    expect((await get('/about/team/')).res.headers.location).toBe('/about-us/team/');
    expect((await get('/about/')).res.headers.location).toBe('/about-us/');
  });
});

// Issue 13 point 2, migration 0026: a page's slug is unique among its siblings only, as WordPress's
// wp_unique_post_slug; a post's among posts (and clear of top-level pages, which share /<slug>/).
describe('page slugs unique among siblings', () => {
  let t: TestApp;
  let admin: User;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'alice');
  });
  afterAll(() => t.close());
  const title = async (url: string) => {
    const res = await t.app.inject({ url, headers: html });
    return [res.statusCode, cheerio.load(res.body)('h1.post-title').text(), res.headers.location];
  };

  it('lets /about/team/ and /jobs/team/ coexist, each resolved by its whole path', async () => {
    const about = await publish(t, admin, 'About', { type: 'page' });
    const jobs = await publish(t, admin, 'Jobs', { type: 'page' });
    const aboutTeam = await publish(t, admin, 'About the team', { type: 'page', parentId: about.id, slug: 'team' });
    const jobsTeam = await publish(t, admin, 'Join the team', { type: 'page', parentId: jobs.id, slug: 'team' });
    expect([aboutTeam.slug, aboutTeam.page_path, jobsTeam.slug, jobsTeam.page_path]).toEqual(['team', 'about/team', 'team', 'jobs/team']);
    expect(await title('/about/team/')).toEqual([200, 'About the team', undefined]);
    expect(await title('/jobs/team/')).toEqual([200, 'Join the team', undefined]);
    expect(await title('/jobs/team')).toEqual([301, '', '/jobs/team/']);
    // A third "team" under the same parent takes the next free slug among its siblings.
    const again = await publish(t, admin, 'Team again', { type: 'page', parentId: jobs.id, slug: 'team' });
    expect(again.page_path).toBe('jobs/team-2');
    // With two pages named team, /team/ cannot guess which one moved: no guess rather than a wrong one.
    expect((await title('/team/'))[0]).toBe(404);
  });

  it('keeps post slugs unique among posts and clear of top-level pages, but not of child pages', async () => {
    const first = await publish(t, admin, 'Team', { slug: 'team' });
    expect(first.slug).toBe('team');
    const second = await publish(t, admin, 'Team', { slug: 'team' });
    expect(second.slug).toBe('team-2');
    const clash = await publish(t, admin, 'About', { slug: 'about' });
    expect(clash.slug).toBe('about-2');
    const top = await publish(t, admin, 'Team page', { type: 'page', slug: 'team' });
    expect(top.slug).toBe('team-3');
    await saveSettings(t.ctx.db, { permalink_structure: '/%postname%/' });
    expect(await title('/team/')).toEqual([200, 'Team', undefined]);
    expect(await title('/about/team/')).toEqual([200, 'About the team', undefined]);
    await saveSettings(t.ctx.db, { permalink_structure: '/%year%/%monthnum%/%day%/%postname%/' });
  });

  it('renames a page moved under a parent that already has its slug, instead of failing', async () => {
    const jobs = (await findPageByPath(t.ctx.db, 'jobs'))!;
    const loose = await publish(t, admin, 'Loose team', { type: 'page', slug: 'crew' });
    const crew = await publish(t, admin, 'Crew', { type: 'page', parentId: jobs.id, slug: 'crew' });
    const moved = await updatePost(t.ctx, admin, loose.id, { title: 'Loose team', content: 'x', status: 'published', parentId: jobs.id });
    expect(moved.ok && [moved.post.slug, moved.post.page_path]).toEqual(['crew-2', 'jobs/crew-2']);
    expect((await findPostById(t.ctx.db, crew.id))?.page_path).toBe('jobs/crew');
  });
});
