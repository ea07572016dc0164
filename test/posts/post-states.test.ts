// Issue 13 point 3, WordPress's post states on the public site: private posts only for those who may edit
// them, password-protected posts behind the wp-postpass cookie, pending review, sticky posts on top of the
// home page; and none of private or protected pinging, being pinged or advertising an endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { addComment, formBody, html, publish } from '../support/public-site.js';
import { createPost, updatePost } from '../../src/posts/service.js';
import { postpassFormToken } from '../../src/posts/post-password.js';
import { saveSettings } from '../../src/settings/repository.js';
import { XmlRpcFault } from '../../src/xmlrpc/registry.js';
import type { Post, User } from '../../src/db/schema.js';

describe('post states on the public site', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  let other: User;
  let secret: Post;
  let locked: Post;
  let bare: Post;
  let asAdmin: SignedIn;
  let asAuthor: SignedIn;
  let asOther: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author', 'bob');
    other = await createUser(t.ctx, 'author', 'carol');
    await publish(t, author, 'Public one', { date: '2026-01-05T09:00:00Z' });
    secret = await publish(t, author, 'Diary', { status: 'private', date: '2026-01-06T09:00:00Z', content: '<p>Only for me</p>' });
    locked = await publish(t, author, 'Vault', { password: 'open sesame', excerpt: 'A teaser', date: '2026-01-07T09:00:00Z', content: '<p>The hidden words</p>' });
    bare = await publish(t, author, 'Bare vault', { password: 'x', date: '2026-01-08T09:00:00Z', content: '<p>Bare secret</p>' });
    await addComment(t, locked, { content: 'A comment behind the lock' });
    [asAdmin, asAuthor, asOther] = await Promise.all([signIn(t, admin), signIn(t, author), signIn(t, other)]);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { ...html, ...headers } });

  describe('private', () => {
    it('is a 404 to readers and other authors, as if it did not exist, at its permalink and at ?p=', async () => {
      expect((await get('/2026/01/06/diary/')).statusCode).toBe(404);
      expect((await get(`/?p=${secret.id}`)).statusCode).toBe(404);
      expect((await get('/2026/01/06/diary/', asOther.headers)).statusCode).toBe(404);
    });

    it('shows to its author and to admins, titled "Private:", never shared or indexed, with no endpoints advertised', async () => {
      for (const who of [asAuthor, asAdmin]) {
        const res = await get('/2026/01/06/diary/', who.headers);
        expect(res.statusCode).toBe(200);
        const $ = cheerio.load(res.body);
        expect($('h1.post-title').text()).toBe('Private: Diary');
        expect($('.post-content').text()).toContain('Only for me');
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect($('meta[name=robots]').attr('content')).toBe('noindex, nofollow');
        expect(res.headers['x-pingback']).toBeUndefined();
        expect(res.headers.link).toBeUndefined();
        expect($('link[rel=pingback], link[rel=webmention]').length).toBe(0);
        expect(res.body).not.toContain('trackback:ping');
      }
    });

    it('is listed on the home page and its month only for those who may read it, and never in the feeds', async () => {
      const anonymous = await get('/');
      expect(anonymous.body).not.toContain('Diary');
      expect((await get('/2026/01/')).body).not.toContain('Diary');
      expect((await get('/', asOther.headers)).body).not.toContain('Diary');
      const mine = cheerio.load((await get('/', asAuthor.headers)).body);
      expect(mine('.post-summary .post-title').map((_, el) => mine(el).text()).get()).toContain('Private: Diary');
      expect((await get('/2026/01/', asAdmin.headers)).body).toContain('Private: Diary');
      // The anonymous home page, cached or not, still has no trace of it after a signed-in view.
      const again = await get('/');
      expect(again.body).not.toContain('Diary');
      for (const feed of ['/feed/', '/feed/atom/']) expect((await get(feed, asAdmin.headers)).body).not.toContain('Diary');
    });

    it('takes comments from those who may read it (form and wp.newComment), and from nobody else', async () => {
      const { commentFormToken } = await import('../../src/comments/form-token.js');
      const { formTimeStamp } = await import('../../src/comments/form-time.js');
      const send = (headers: Record<string, string>, content: string) =>
        t.app.inject({
          method: 'POST',
          url: '/comments',
          headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://blog.test', ...headers },
          payload: formBody({ post_id: String(secret.id), form_token: commentFormToken(t.ctx.config.sessionSecret, secret.id), form_time: formTimeStamp(t.ctx.config.sessionSecret, secret.id, new Date(t.clock.now().getTime() - 10_000)), author: 'Someone', email: 'someone@example.org', content }),
          remoteAddress: '198.51.100.30',
        });
      // The form is on the page for those who may read it.
      expect(cheerio.load((await get('/2026/01/06/diary/', asAdmin.headers)).body)('form[action^="/comments"]').length).toBe(1);
      const stored = await send(asAdmin.headers, 'An admin reads the diary');
      expect(stored.statusCode).toBe(303);
      expect(stored.headers.location).toMatch(/^\/2026\/01\/06\/diary\/#comment-\d+$/);
      t.clock.advance(60_000);
      expect((await send(asAuthor.headers, 'The author answers')).statusCode).toBe(303);
      expect((await send({}, 'A stranger tries')).statusCode).toBe(404);
      expect((await send(asOther.headers, 'Another author tries')).statusCode).toBe(404);
      const rows = await t.ctx.db.selectFrom('comments').select(['content', 'status']).where('post_id', '=', secret.id).orderBy('id').execute();
      expect(rows.map((r) => r.content)).toEqual(['An admin reads the diary', 'The author answers']);
      expect((await get('/2026/01/06/diary/', asAuthor.headers)).body).toContain('An admin reads the diary');
      // XML-RPC: WordPress 6's wp_newComment refuses a private post to whoever may not read it.
      const rpc = (who: User) => t.app.xmlrpcMethods.get('wp.newComment')!.handler({ params: ['1', who.username, (who as User & { password: string }).password, secret.id, { content: `By ${who.username} over XML-RPC` }], ip: '198.51.100.31', userAgent: 'x', ctx: t.ctx });
      t.clock.advance(60_000);
      expect(typeof (await rpc(admin))).toBe('number');
      const refused = await rpc(other).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(XmlRpcFault);
      expect(refused).toMatchObject({ faultCode: 403, faultString: 'Sorry, you are not allowed to comment on this post.' });
    });

    it('refuses inbound linkbacks exactly as for a post that does not exist', async () => {
      const ping = async (target: string) => {
        try {
          await t.app.xmlrpcMethods.get('pingback.ping')!.handler({ params: ['http://src.example/a', target], ip: '198.51.100.7', userAgent: 'x', ctx: t.ctx });
          return null;
        } catch (err) {
          return err instanceof XmlRpcFault ? { code: err.faultCode, message: err.faultString } : String(err);
        }
      };
      const missing = await ping('http://blog.test/2026/01/06/no-such-post/');
      expect(missing).not.toBeNull();
      expect(await ping('http://blog.test/2026/01/06/diary/')).toEqual(missing);
      const wm = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ source: 'http://src.example/a', target: 'http://blog.test/2026/01/06/diary/' }), remoteAddress: '198.51.100.8' });
      const wmMissing = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ source: 'http://src.example/a', target: 'http://blog.test/2026/01/06/no-such-post/' }), remoteAddress: '198.51.100.9' });
      expect(wm.statusCode).toBe(wmMissing.statusCode);
      expect(wm.statusCode).toBeGreaterThanOrEqual(400);
      const tb = await t.app.inject({ method: 'POST', url: `/trackback/${secret.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ url: 'http://src.example/a' }), remoteAddress: '198.51.100.10' });
      expect(tb.body).toContain('<error>1</error>');
    });
  });

  describe('password-protected', () => {
    it('shows the title "Protected:", the excerpt and the password form, and hides content, comments and endpoints', async () => {
      const res = await get('/2026/01/07/vault/');
      expect(res.statusCode).toBe(200);
      const $ = cheerio.load(res.body);
      expect($('h1.post-title').text()).toBe('Protected: Vault');
      expect($('.post-excerpt').text()).toBe('A teaser');
      expect($('form.post-password-form input[name=post_password]').length).toBe(1);
      expect(res.body).not.toContain('The hidden words');
      expect(res.body).not.toContain('A comment behind the lock');
      expect($('form[action^="/comments"]').length).toBe(0);
      expect(res.headers['x-pingback']).toBeUndefined();
      expect(res.headers.link).toBeUndefined();
      expect($('link[rel=pingback], link[rel=webmention]').length).toBe(0);
      // Without an excerpt, WordPress's own sentence stands in.
      expect(cheerio.load((await get('/2026/01/08/bare-vault/')).body)('.post-excerpt').text()).toBe('There is no excerpt because this is a protected post.');
    });

    const give = (password: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/postpass',
        headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://blog.test', ...headers },
        payload: formBody({ post_id: String(locked.id), post_password: password, form_token: postpassFormToken(t.ctx.config.sessionSecret, locked.id), ...extra }),
      });

    it('says so in the theme, as a 403, for a wrong password, and refuses a form from another site', async () => {
      const wrong = await give('guess');
      expect(wrong.statusCode).toBe(403);
      const $ = cheerio.load(wrong.body);
      expect($('.post-password-form .form-error').text()).toMatch(/not the right one/);
      expect($('h1.post-title').text()).toBe('Protected: Vault');
      expect(wrong.headers['set-cookie']).toBeUndefined();
      const forged = await give('open sesame', {}, { origin: 'http://evil.example' });
      expect(forged.statusCode).toBe(403);
      expect(forged.headers['set-cookie']).toBeUndefined();
      const badToken = await give('open sesame', { form_token: 'x' });
      expect(badToken.statusCode).toBe(403);
      expect((await give('open sesame', { post_id: String(secret.id) })).statusCode).toBe(404);
    });

    it('unlocks with the right password: a hashed site cookie for 10 days, then content and comments, never shared', async () => {
      const right = await give('open sesame');
      expect(right.statusCode).toBe(303);
      expect(right.headers.location).toBe('/2026/01/07/vault/');
      const setCookie = String(right.headers['set-cookie']);
      expect(setCookie).toMatch(/^wp-postpass_[0-9a-f]{32}=[0-9a-f]{64};/);
      expect(setCookie).not.toContain('sesame');
      expect(setCookie).toMatch(/Max-Age=864000/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).toMatch(/HttpOnly/);
      const cookie = setCookie.split(';')[0]!;
      const res = await get('/2026/01/07/vault/', { cookie });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('The hidden words');
      expect(res.body).toContain('A comment behind the lock');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['x-cache']).toBeUndefined();
      expect(cheerio.load(res.body)('form[action^="/comments"]').length).toBe(1);
      // The same cookie does not open another protected post with another password.
      expect((await get('/2026/01/08/bare-vault/', { cookie })).body).not.toContain('Bare secret');
      // And the anonymous page is still the locked one.
      expect((await get('/2026/01/07/vault/')).body).not.toContain('The hidden words');
    });

    it('shows the unlocked content in listings too (home, month, category), as WordPress does, never shared through the page cache', async () => {
      // Anonymous listings first, so the page cache holds their locked versions.
      for (const url of ['/', '/2026/01/', '/category/uncategorized/']) {
        const anon = await get(url);
        expect(anon.body, url).toContain('A teaser');
        expect(anon.body, url).not.toContain('The hidden words');
        expect((await get(url)).headers['x-cache'], url).toBe('hit');
      }
      const cookie = String((await give('open sesame')).headers['set-cookie']).split(';')[0]!;
      for (const url of ['/', '/2026/01/', '/category/uncategorized/']) {
        const mine = await get(url, { cookie });
        expect(mine.body, url).toContain('The hidden words');
        expect(mine.body, url).not.toContain('Bare secret');
        expect(mine.headers['cache-control'], url).toBe('private, no-store');
        expect(mine.headers['x-cache'], url).toBeUndefined();
        const $ = cheerio.load(mine.body);
        expect($('article').filter((_, e) => $(e).text().includes('Vault')).first().find('.post-excerpt').length, url).toBe(0);
        // The next anonymous reader still gets the locked listing, from the cache.
        const anon = await get(url);
        expect(anon.body, url).not.toContain('The hidden words');
        expect(anon.headers['x-cache'], url).toBe('hit');
      }
      // A cookie for another password unlocks nothing.
      const wrong = `${cookie.split('=')[0]}=${'0'.repeat(64)}`;
      expect((await get('/', { cookie: wrong })).body).not.toContain('The hidden words');
    });

    it('refuses a comment until the password was given', async () => {
      const { commentFormToken } = await import('../../src/comments/form-token.js');
      const res = await t.app.inject({
        method: 'POST',
        url: '/comments',
        headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://blog.test' },
        payload: formBody({ post_id: String(locked.id), form_token: commentFormToken(t.ctx.config.sessionSecret, locked.id), author: 'Eve', email: 'eve@example.org', content: 'Let me in' }),
        remoteAddress: '198.51.100.20',
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('password protected');
    });

    it('gives feeds the excerpt only, titled "Protected:", and keeps its comments out of the comment feeds', async () => {
      for (const feed of ['/feed/', '/feed/atom/']) {
        const body = (await get(feed)).body;
        expect(body).toContain('Protected: Vault');
        expect(body).toContain('A teaser');
        expect(body).toContain('There is no excerpt because this is a protected post.');
        expect(body).not.toContain('The hidden words');
        expect(body).not.toContain('Bare secret');
      }
      expect((await get('/comments/feed/')).body).not.toContain('A comment behind the lock');
      expect((await get('/2026/01/07/vault/feed/')).body).not.toContain('A comment behind the lock');
    });

    it('takes no linkbacks', async () => {
      const tb = await t.app.inject({ method: 'POST', url: `/trackback/${locked.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ url: 'http://src.example/b' }), remoteAddress: '198.51.100.11' });
      expect(tb.body).toContain('<error>1</error>');
    });
  });

  describe('pending review', () => {
    it('is saved as pending, is not public, shows under the Pending tab, and can be published later', async () => {
      const r = await createPost(t.ctx, author, { title: 'Waiting', content: '<p>Review me</p>', status: 'pending' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.post.status).toBe('pending');
      expect(r.post.published_at).toBeNull();
      expect((await get(`/?p=${r.post.id}`)).statusCode).toBe(404);
      expect((await get('/')).body).not.toContain('Waiting');
      const list = cheerio.load((await get('/admin/posts?status=pending', asAdmin.headers)).body);
      expect(list('table.posts td.title').text()).toContain('Waiting');
      expect(list('nav.tabs a[href="/admin/posts?status=pending"] .count').text()).toBe('(1)');
      expect((await get(`/?p=${r.post.id}&preview=true`, asAuthor.headers)).statusCode).toBe(200);
      const published = await updatePost(t.ctx, admin, r.post.id, { title: 'Waiting', content: '<p>Review me</p>', status: 'published' });
      expect(published.ok && published.post.status).toBe('published');
      expect((await get('/')).body).toContain('Waiting');
      const after = cheerio.load((await get('/admin/posts', asAdmin.headers)).body);
      expect(after('nav.tabs a[href="/admin/posts?status=pending"] .count').text()).toBe('(0)');
    });
  });
});

describe('sticky posts on the home page', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    await saveSettings(t.ctx.db, { posts_per_page: 3 });
    for (let d = 1; d <= 7; d++) await publish(t, admin, `Post ${d}`, { date: `2025-12-0${d}T09:00:00Z`, sticky: d === 2 || d === 6 });
  });
  afterAll(() => t.close());

  const titles = async (url: string) => {
    const res = await t.app.inject({ url, headers: html });
    if (res.statusCode !== 200) throw new Error(res.statusCode + res.body.slice(0, 3000));
    const $ = cheerio.load(res.body);
    return $('.post-summary').map((_, el) => `${$(el).find('.post-title').text()}${$(el).find('.sticky-label').length ? ' [sticky]' : ''}`).get();
  };

  it('puts sticky posts first on the first page only, with the label, keeping the page size as WordPress does', async () => {
    // Page 1: the stickies (newest first), then the regular first page (7, 6, 5) without the sticky one.
    expect(await titles('/')).toEqual(['Post 6 [sticky]', 'Post 2 [sticky]', 'Post 7', 'Post 5']);
    // Page 2 is the regular second page, the sticky post in its own place, unlabelled.
    expect(await titles('/page/2/')).toEqual(['Post 4', 'Post 3', 'Post 2']);
    expect(await titles('/2025/12/')).toEqual(['Post 7', 'Post 6', 'Post 5']);
  });

  it('is for admins to set, and never on a private or protected post', async () => {
    const mine = await createPost(t.ctx, author, { title: 'Mine', content: '<p>x</p>', status: 'published', sticky: true });
    expect(mine).toMatchObject({ ok: false, status: 403, errors: { sticky: 'Only an editor or administrator may stick posts to the front page.' } });
    const priv = await createPost(t.ctx, admin, { title: 'Priv', content: '<p>x</p>', status: 'private', sticky: true });
    expect(priv).toMatchObject({ ok: false, status: 400 });
    // A sticky post given a password quietly stops being sticky, as _toggle_sticky does.
    const s = await createPost(t.ctx, admin, { title: 'Was sticky', content: '<p>x</p>', status: 'published', sticky: true, date: '2026-01-01T00:00:00Z' });
    if (!s.ok) throw new Error('not created');
    const u = await updatePost(t.ctx, admin, s.post.id, { title: 'Was sticky', content: '<p>x</p>', status: 'published', password: 'pw' });
    expect(u.ok && u.post.sticky).toBe(0);
  });
});
