// What crawlers and desktop editors read (issue 13 point 5), over a real socket: the sitemap index and its
// files (split at the configured size, valid XML in the sitemaps.org namespace, lastmod from the post),
// robots.txt, the "discourage search engines" setting, the site icon, and the EditURI / wlwmanifest links.
import { defaultSettings } from '../../src/settings/definitions.js';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { publish } from '../support/public-site.js';
import { signIn, type SignedIn } from '../support/session.js';
import { xmlError } from '../support/xml.js';
import { loadSettings } from '../../src/settings/repository.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import type { Post, User } from '../../src/db/schema.js';

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const general = { site_title: 'Backtalk', tagline: 'Just another Backtalk blog', site_url: '', posts_per_page: '10', timezone: 'UTC', date_format: 'F j, Y' };
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe('sitemaps, robots.txt and discovery links', () => {
  let t: TestApp;
  let base: string;
  let admin: SignedIn;
  let author: User;
  const published: Post[] = [];
  const get = async (path: string) => {
    const res = await fetch(base + path, { redirect: 'manual', headers: { accept: 'text/html' } });
    return { res, body: await res.text() };
  };
  const xml = (body: string) => cheerio.load(body, { xml: true });
  const saveGeneral = async (extra: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...formHeaders }, payload: admin.form({ ...general, ...extra }) });

  beforeAll(async () => {
    // Three URLs a file: post ids in ranges of two, the home page in the first file's spare slot.
    t = await createTestApp({ sitemapMaxUrls: 3 });
    const user = await createUser(t.ctx, 'admin', 'mapper');
    author = user;
    admin = await signIn(t, user);
    for (let i = 1; i <= 7; i++) {
      if (i === 3) await publish(t, user, 'A draft', { status: 'draft' });
      else published.push(await publish(t, user, `Post ${i} & more`, { date: `2026-01-0${i}T10:00:00Z` }));
    }
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('serves a valid sitemap index that lists a file per range holding posts', async () => {
    const { res, body } = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(xmlError(body)).toBeNull();
    const $ = xml(body);
    expect($('sitemapindex').attr('xmlns')).toBe(NS);
    const files = $('sitemap > loc').map((_, e) => $(e).text()).get();
    for (const f of files) expect(f).toMatch(/^http:\/\/blog\.test\/sitemap-(posts|pages|categories|tags)-\d+\.xml$/);
    expect(files.filter((f) => f.includes('/sitemap-posts-')).length).toBeGreaterThan(1);
    // Every post is filed under the default category, which therefore has a file; no page or tag exists yet.
    expect(files).toContain('http://blog.test/sitemap-categories-1.xml');
    expect(files.some((f) => /sitemap-(pages|tags)-/.test(f))).toBe(false);
  });

  it('splits the URLs over files of at most the configured size, each post once, drafts never', async () => {
    const { body } = await get('/sitemap.xml');
    const $ = xml(body);
    const locs: string[] = [];
    for (const file of $('sitemap > loc').map((_, e) => $(e).text()).get().filter((f) => f.includes('/sitemap-posts-'))) {
      const { res, body: part } = await get(new URL(file).pathname);
      expect(res.status, file).toBe(200);
      expect(xmlError(part), file).toBeNull();
      const p = xml(part);
      expect(p('urlset').attr('xmlns')).toBe(NS);
      const urls = p('url');
      expect(urls.length, file).toBeGreaterThan(0);
      expect(urls.length, file).toBeLessThanOrEqual(3);
      urls.each((_, u) => {
        locs.push(p(u).find('loc').text());
      });
    }
    const expected = ['http://blog.test/', ...published.map((post) => `http://blog.test${permalinkPath(post, defaultSettings)}`)];
    expect(locs.sort()).toEqual(expected.sort());
    expect(locs.join(' ')).not.toContain('a-draft');
  });

  it('gives each post its last modification time', async () => {
    const post = published[0]!;
    const { body } = await get('/sitemap-posts-1.xml');
    const $ = xml(body);
    const url = $('url').filter((_, u) => $(u).find('loc').text().endsWith(permalinkPath(post, defaultSettings)));
    expect(url.find('lastmod').text()).toBe(post.updated_at.replace(/\.\d+Z$/, 'Z'));
  });

  it('is cached by the site generation: served again until a post changes', async () => {
    const first = await get('/sitemap.xml');
    const again = await get('/sitemap.xml');
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.body).toBe(first.body);
    const late = await publish(t, author, 'Late addition', { date: '2026-01-09T10:00:00Z' });
    const after = await get('/sitemap.xml');
    expect(after.res.headers.get('x-cache')).toBe('miss');
    const index = xml(after.body);
    const files = index('sitemap > loc').map((_, e) => index(e).text()).get().filter((f) => f.includes('/sitemap-posts-'));
    const last = await get(new URL(files[files.length - 1]!).pathname);
    expect(last.body).toContain(permalinkPath(late, defaultSettings));
    published.push(late);
  });

  it('lists published pages, categories and tags with posts, and never a protected post', async () => {
    const page = await publish(t, author, 'About us', { type: 'page', slug: 'about-us' });
    const hidden = await publish(t, author, 'Behind a password', { date: '2026-01-08T10:00:00Z', password: 'secret' });
    await t.ctx.db.insertInto('terms').values({ taxonomy: 'post_tag', name: 'Foxes', slug: 'foxes', description: '', parent_id: null }).execute();
    const tag = await t.ctx.db.selectFrom('terms').select('id').where('slug', '=', 'foxes').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('term_relationships').values({ post_id: published[0]!.id, term_id: tag.id }).execute();
    const index = xml((await get('/sitemap.xml')).body);
    const files = index('sitemap > loc').map((_, e) => index(e).text()).get();
    const bodies = (await Promise.all(files.map((f) => get(new URL(f).pathname)))).map((r) => r.body).join('\n');
    expect(bodies).toContain('<loc>http://blog.test/about-us/</loc>');
    expect(bodies).toContain('<loc>http://blog.test/category/uncategorized/</loc>');
    expect(bodies).toContain('<loc>http://blog.test/tag/foxes/</loc>');
    expect(bodies).not.toContain(permalinkPath(hidden, defaultSettings));
    expect(page.type).toBe('page');
  });

  it('answers 404 for files that do not exist', async () => {
    for (const path of ['/sitemap-posts-99.xml', '/sitemap-posts-0.xml', '/sitemap-nothing-1.xml', '/sitemap-posts-x.xml']) expect((await get(path)).res.status, path).toBe(404);
  });

  it("serves WordPress's robots.txt with the sitemap line", async () => {
    const { res, body } = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(body).toBe('User-agent: *\nDisallow: /admin/\n\nSitemap: http://blog.test/sitemap.xml\n');
  });

  it('links the RSD document and the Live Writer manifest from every public page', async () => {
    const post = published[0]!;
    for (const path of ['/', permalinkPath(post, defaultSettings), '/search/post/', '/no-such-page/']) {
      const $ = cheerio.load((await get(path)).body);
      const rsd = $('link[rel=EditURI]');
      expect(rsd.attr('type'), path).toBe('application/rsd+xml');
      expect(rsd.attr('href'), path).toBe('http://blog.test/xmlrpc.php?rsd');
      expect($('link[rel=wlwmanifest]').attr('href'), path).toBe('http://blog.test/wlwmanifest.xml');
      expect($('meta[name=robots]').attr('content') ?? '', path).not.toContain('nofollow');
    }
    const rsd = await get('/xmlrpc.php?rsd');
    expect(rsd.res.headers.get('content-type')).toMatch(/^application\/rsd\+xml/);
  });

  it('serves a valid wlwmanifest.xml whose options follow the XML-RPC methods registered', async () => {
    const { res, body } = await get('/wlwmanifest.xml');
    expect(res.status).toBe(200);
    expect(xmlError(body)).toBeNull();
    const $ = xml(body);
    expect($('manifest').attr('xmlns')).toBe('http://schemas.microsoft.com/wlw/manifest/weblog');
    expect($('options clientType').text()).toBe('WordPress');
    expect($('options supportsFileUpload').text()).toBe('Yes');
    expect($('options supportsSlug').text()).toBe('Yes');
    const has = (m: string) => t.app.xmlrpcMethods.get(m) !== undefined;
    expect($('options supportsPages').text()).toBe(has('wp.getPages') ? 'Yes' : 'No');
    expect($('options supportsCategories').text()).toBe(has('wp.getCategories') || has('metaWeblog.getCategories') ? 'Yes' : 'No');
    expect($('options supportsKeywords').text()).toBe(has('wp.getTags') ? 'Yes' : 'No');
    expect($('weblog postEditingUrl').text().trim()).toBe('{blog-postapi-url}/../admin/posts/{post-id}/edit');
  });

  it('with "discourage search engines": Disallow: /, noindex on every page, no sitemap', async () => {
    // Rendered and cached first, so the setting must reach cached pages too.
    await get('/');
    const saved = await saveGeneral({ blog_discourage: '1' });
    expect(saved.statusCode).toBe(303);
    expect((await loadSettings(t.ctx.db)).blog_public).toBe(false);
    expect((await get('/robots.txt')).body).toBe('User-agent: *\nDisallow: /\n');
    for (const path of ['/', permalinkPath(published[1]!, defaultSettings), '/search/post/', '/no-such-page/']) {
      const $ = cheerio.load((await get(path)).body);
      expect($('meta[name=robots]').attr('content'), path).toBe('noindex, nofollow');
      expect($('meta[name=robots]').length, path).toBe(1);
    }
    for (const path of ['/sitemap.xml', '/sitemap-posts-1.xml']) expect((await get(path)).res.status, path).toBe(404);
    const screen = await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } });
    expect(cheerio.load(screen.body)('input[name=blog_discourage]').attr('checked')).toBeDefined();
    await saveGeneral({});
    expect((await get('/sitemap.xml')).res.status).toBe(200);
    expect(cheerio.load((await get('/')).body)('meta[name=robots]').length).toBe(0);
  });

  it('has no icon and a 404 favicon.ico until one is set', async () => {
    const res = await get('/favicon.ico');
    expect(res.res.status).toBe(404);
    expect(cheerio.load((await get('/')).body)('link[rel=icon]').length).toBe(0);
  });

  it('sets the site icon from the media library or an address: a link on every page, favicon.ico redirects', async () => {
    const now = t.clock.now().toISOString();
    const user = await t.ctx.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const media = await t.ctx.db
      .insertInto('media')
      .values({ author_id: user.id, title: 'Logo', alt: '', caption: '', original_name: 'logo.png', mime: 'image/png', kind: 'image', path: '2026/01/logo.png', month: '2026-01', bytes: 10, width: 600, height: 600, state: 'ready', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const screen = cheerio.load((await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } })).body);
    expect(screen(`select[name=site_icon_media] option[value="${media.id}"]`).text()).toBe('Logo');
    expect((await saveGeneral({ site_icon_media: String(media.id) })).statusCode).toBe(303);
    const icon = (await loadSettings(t.ctx.db)).site_icon;
    expect(icon).toBe('/uploads/2026/01/logo-150x150.png');
    for (const path of ['/', permalinkPath(published[0]!, defaultSettings), '/no-such-page/']) expect(cheerio.load((await get(path)).body)('link[rel=icon]').attr('href'), path).toBe(icon);
    const fav = await get('/favicon.ico');
    expect(fav.res.status).toBe(302);
    expect(fav.res.headers.get('location')).toBe(`http://blog.test${icon}`);

    expect((await saveGeneral({ site_icon: 'https://cdn.example/icon.png' })).statusCode).toBe(303);
    expect((await get('/favicon.ico')).res.headers.get('location')).toBe('https://cdn.example/icon.png');
    expect((await saveGeneral({})).statusCode).toBe(303);
    expect((await get('/favicon.ico')).res.status).toBe(404);
  });

  it('refuses a bad icon with the form again, what was typed kept', async () => {
    for (const [field, value] of [['site_icon', 'javascript:alert(1)'], ['site_icon', '/etc/passwd'], ['site_icon_media', '999999'], ['site_icon_media', 'abc']] as const) {
      const res = await saveGeneral({ [field]: value, blog_discourage: '1' });
      expect(res.statusCode, value).toBe(400);
      const $ = cheerio.load(res.body);
      expect($('#site_icon-error').text(), value).toMatch(/Site icon must be|no longer in the media library/);
      if (field === 'site_icon') expect($('input[name=site_icon]').val()).toBe(value);
      expect($('input[name=blog_discourage]').attr('checked')).toBeDefined();
    }
    expect((await loadSettings(t.ctx.db)).blog_public).toBe(true);
  });
});
