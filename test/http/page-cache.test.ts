// Issue 11 point 3: anonymous pages and feeds carry validators and answer 304s; rendered pages are served from
// memory until something they show changes — checked through the site generation, so a write from another
// connection (another process or instance on the same database) invalidates too. Signed-in and
// cookie-bearing requests bypass the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../support/clock.js';
import { testConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { createHttpClient } from '../../src/net/http-client.js';
import { moderateComment } from '../../src/comments/moderation.js';
import { submitComment } from '../../src/comments/service.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post } from '../../src/db/schema.js';
import { loopbackOnly } from '../support/loopback-only.js';
import { createSharedDatabase, type CountingHandle, type SharedDatabase } from '../support/shared-database.js';
import { createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import { addComment, html, publish } from '../support/public-site.js';

async function appOn(handle: CountingHandle, overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const clock = new ManualClock();
  const app = await buildApp(config, { database: handle, clock, random: () => 0.5, http: loopbackOnly(createHttpClient(config)) });
  await app.ready();
  return { app, ctx: app.ctx, clock, close: () => app.close() };
}

const permalink = '/2026/01/14/cached-words/';
const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { ...html, ...headers } });

describe('page cache and HTTP validators', () => {
  let shared: SharedDatabase;
  let main: CountingHandle;
  let other: CountingHandle;
  let t: TestApp;
  let post: Post;
  beforeAll(async () => {
    shared = await createSharedDatabase();
    main = shared.open();
    t = await appOn(main);
    other = shared.open();
    const author = await createUser(t.ctx, 'author', 'cora');
    post = await publish(t, author, 'Cached words', { date: '2026-01-14T09:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
    await main.close();
    await other.close();
    await shared.drop();
  });

  it('serves a second anonymous GET from memory with one query (the generation read)', async () => {
    const first = await get(t.app, permalink);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const before = main.queries();
    const second = await get(t.app, permalink);
    expect(second.headers['x-cache']).toBe('hit');
    expect(main.queries() - before).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    // The post's own headers (linkback endpoint advertisement) come back with the cached bytes.
    expect(first.headers.link).toMatch(/webmention/);
    expect(second.headers.link).toBe(first.headers.link);
    expect(second.headers['x-pingback']).toBe(first.headers['x-pingback']);
    const head = await t.app.inject({ method: 'HEAD', url: permalink, headers: html });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-cache']).toBe('hit');
    expect(head.body).toBe('');
    expect(second.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(second.headers.vary).toBe('Cookie');
  });

  it('caches every public page type: home, month archive, feeds', async () => {
    for (const url of ['/', '/2026/01/', '/feed/', '/feed/atom/', '/comments/feed/', `${permalink}feed/`, `/feed/comments/?p=${post.id}`]) {
      expect((await get(t.app, url)).headers['x-cache'], url).toBe('miss');
      const again = await get(t.app, url);
      expect(again.headers['x-cache'], url).toBe('hit');
      expect(again.headers.etag, url).toMatch(/^"[\w-]+"$/);
      expect(again.headers['last-modified'], url).toMatch(/GMT$/);
    }
  });

  it('keeps the page through a write it does not show (a pending comment), drops it on approval', async () => {
    await get(t.app, permalink);
    const pending = await addComment(t, post, { content: 'Awaiting a nod.', approve: false });
    expect((await get(t.app, permalink)).headers['x-cache']).toBe('hit');
    await moderateComment(t.ctx, pending.id, 'approve');
    const after = await get(t.app, permalink);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body).toContain('Awaiting a nod.');
    await moderateComment(t.ctx, pending.id, 'unapprove');
    const hidden = await get(t.app, permalink);
    expect(hidden.headers['x-cache']).toBe('miss');
    expect(hidden.body).not.toContain('Awaiting a nod.');
  });

  it('drops every page on a settings change, and the cached settings with it', async () => {
    await get(t.app, '/');
    await saveSettings(t.ctx.db, { site_title: 'Renamed Here' });
    const home = await get(t.app, '/');
    expect(home.headers['x-cache']).toBe('miss');
    expect(home.body).toContain('Renamed Here');
  });

  it('drops pages when ANOTHER connection writes to the same database (worker, import, second instance)', async () => {
    expect((await get(t.app, '/')).headers['x-cache']).toBe('hit');
    await saveSettings(other.db, { site_title: 'Written Elsewhere' });
    const home = await get(t.app, '/');
    expect(home.headers['x-cache']).toBe('miss');
    expect(home.body).toContain('Written Elsewhere');

    // Straight into the table from the other connection, as an import script would: the triggers still bump.
    const r = await submitComment(t.ctx, post, { postId: post.id, kind: 'comment', authorName: 'Ola', authorEmail: 'ola@example.org', authorUrl: '', content: 'From afar.', ip: '192.0.2.77', userAgent: 't' });
    if (!r.ok) throw new Error(r.decision.reason);
    await moderateComment(t.ctx, r.comment.id, 'unapprove');
    expect((await get(t.app, permalink)).headers['x-cache']).toBe('miss');
    expect((await get(t.app, permalink)).headers['x-cache']).toBe('hit');
    await other.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', r.comment.id).execute();
    const page = await get(t.app, permalink);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body).toContain('From afar.');
  });

  it('a second app instance on the same database sees the first one\'s writes', async () => {
    const second = await appOn(other);
    try {
      await get(second.app, permalink);
      expect((await get(second.app, permalink)).headers['x-cache']).toBe('hit');
      await saveSettings(t.ctx.db, { tagline: 'Tagline from instance one' });
      const page = await get(second.app, permalink);
      expect(page.headers['x-cache']).toBe('miss');
      expect(page.body).toContain('Tagline from instance one');
    } finally {
      await second.app.close();
    }
  });

  it('answers If-None-Match and If-Modified-Since with 304, and 200 once the page changed', async () => {
    const page = await get(t.app, permalink);
    const etag = String(page.headers.etag);
    const lastModified = String(page.headers['last-modified']);
    const byTag = await get(t.app, permalink, { 'if-none-match': etag });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.etag).toBe(etag);
    expect((await get(t.app, permalink, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
    expect((await get(t.app, permalink, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get(t.app, permalink, { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() })).statusCode).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    expect((await get(t.app, permalink, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).statusCode).toBe(200);
    const feed = await get(t.app, '/feed/');
    expect((await get(t.app, '/feed/', { 'if-none-match': String(feed.headers.etag) })).statusCode).toBe(304);

    await addComment(t, post, { content: 'A change.' });
    const changed = await get(t.app, permalink, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('bypasses the cache for a signed-in user and marks the page private', async () => {
    const admin = await createUser(t.ctx, 'admin', 'ada');
    const s = await signIn(t, admin);
    await get(t.app, permalink);
    const own = await get(t.app, permalink, s.headers);
    expect(own.headers['x-cache']).toBeUndefined();
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers.etag).toBeUndefined();
    expect(own.body).toContain('href="/admin">Dashboard');
    const anon = await get(t.app, permalink);
    expect(anon.headers['x-cache']).toBe('hit');
    expect(anon.body).not.toContain('Dashboard');
  });

  it('bypasses it for a commenter cookie, a post password cookie and an unknown query', async () => {
    for (const headers of [{ cookie: 'comment_author_1a2b=Eve' }, { cookie: 'theme=dark; wp-postpass_1a2b=secret' }]) {
      const res = await get(t.app, permalink, headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-cache']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect((await get(t.app, permalink, { cookie: 'theme=dark' })).headers['x-cache']).toBe('hit');
    expect((await get(t.app, `${permalink}?utm_source=x`)).headers['x-cache']).toBeUndefined();
    expect((await get(t.app, `${permalink}?moderation=1`)).headers['x-cache']).toBeUndefined();
  });

  it('does not serve a post page past the moment its comments close by age', async () => {
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: true, close_comments_days_old: 30 });
    t.clock.set(new Date('2026-02-10T00:00:00Z'));
    const open = await get(t.app, permalink);
    expect(open.body).toContain('name="form_token"');
    expect((await get(t.app, permalink)).headers['x-cache']).toBe('hit');
    t.clock.set(new Date('2026-02-14T09:00:01Z'));
    const closed = await get(t.app, permalink);
    expect(closed.headers['x-cache']).toBe('miss');
    expect(closed.body).not.toContain('name="form_token"');
    expect(closed.body).toContain('Comments are closed.');
  });
});

describe('with PAGE_CACHE off', () => {
  let shared: SharedDatabase;
  let handle: CountingHandle;
  let t: TestApp;
  beforeAll(async () => {
    shared = await createSharedDatabase();
    handle = shared.open();
    t = await appOn(handle, { pageCache: false });
    await publish(t, await createUser(t.ctx, 'author', 'uma'), 'Cached words', { date: '2026-01-14T09:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
    await handle.close();
    await shared.drop();
  });

  it('renders every request but still sends validators and 304s', async () => {
    const first = await get(t.app, permalink);
    const before = handle.queries();
    const second = await get(t.app, permalink);
    expect(handle.queries() - before).toBeGreaterThan(3);
    expect(second.headers['x-cache']).toBeUndefined();
    expect(second.headers.etag).toBe(first.headers.etag);
    expect((await get(t.app, permalink, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
  });
});
