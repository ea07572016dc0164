// Issue 10 point 5: readers keep no state. Anonymous GETs of every public page type write nothing and set no
// cookie; a reader with no cookie can still comment, and the comment form refuses cross-site posts without
// any cookie or per-reader token (Origin / Sec-Fetch-Site / Referer plus the post's form token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import type { Post } from '../../src/db/schema.js';
import { addComment, formBody, html, publish } from '../support/public-site.js';

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables =
    t.ctx.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.ctx.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(t.ctx.db)).rows.map((r) => r.name);
  const out: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(t.ctx.db);
    out[name] = Number(r.rows[0].n);
  }
  return out;
}

describe('a reader keeps no state', () => {
  let t: TestApp;
  let post: Post;
  const permalink = '/2026/01/14/quiet-reading/';
  beforeAll(async () => {
    t = await createTestApp();
    const author = await createUser(t.ctx, 'author', 'rosa');
    post = await publish(t, author, 'Quiet reading', { date: '2026-01-14T09:00:00Z' });
    await addComment(t, post, { content: 'A first word.' });
    await addComment(t, post, { kind: 'webmention', author: 'elsewhere' });
  });
  afterAll(() => t.close());

  const pages = ['/', permalink, '/2026/01/', '/feed/', '/feed/atom/', '/comments/feed/', `${permalink}feed/`, '/no-such-page/', '/xmlrpc.php?rsd', '/search/quiet/', '/sitemap.xml', '/robots.txt', '/wlwmanifest.xml'];

  it('answers 100 anonymous GETs of every public page type without writing a row or setting a cookie', async () => {
    const before = await rowCounts(t);
    const statuses = new Map<string, Set<number>>();
    for (const url of pages) {
      const bodies = new Set<string>();
      for (let i = 0; i < 100; i++) {
        const res = await t.app.inject({ url, headers: { ...html, 'user-agent': `Reader ${i}` }, remoteAddress: `198.51.100.${i + 1}` });
        expect(res.headers['set-cookie'], url).toBeUndefined();
        bodies.add(res.body);
        statuses.set(url, (statuses.get(url) ?? new Set()).add(res.statusCode));
      }
      // The same bytes for every anonymous reader, so the page can be cached (issue 11 point 3).
      expect(bodies.size, url).toBe(1);
    }
    expect(Object.fromEntries([...statuses].map(([u, s]) => [u, [...s]]))).toEqual({
      '/': [200], [permalink]: [200], '/2026/01/': [200], '/feed/': [200], '/feed/atom/': [200], '/comments/feed/': [200], [`${permalink}feed/`]: [200], '/no-such-page/': [404], '/xmlrpc.php?rsd': [200],
      '/search/quiet/': [200], '/sitemap.xml': [200], '/robots.txt': [200], '/wlwmanifest.xml': [200],
    });
    expect(await rowCounts(t)).toEqual(before);
  });

  const token = () => cheerio.load(readerPage)('input[name=form_token]').val() as string;
  let readerPage = '';
  const post_ = (headers: Record<string, string>, fields: Record<string, string>) => {
    t.clock.advance(16_000);
    return t.app.inject({
      method: 'POST',
      url: '/comments',
      remoteAddress: `203.0.113.${Math.floor(Math.random() * 200) + 1}`,
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: formBody({ post_id: String(post.id), author: 'Nell', email: 'nell@example.org', content: 'Typed with care.', ...fields }),
    });
  };

  it('takes a comment from a reader with no cookie, using the token in the page', async () => {
    readerPage = (await t.app.inject({ url: permalink, headers: html })).body;
    expect(token()).toMatch(/^[\w-]{32}$/);
    const res = await post_({ origin: 'http://blog.test', 'sec-fetch-site': 'same-origin' }, { form_token: token() });
    expect(res.statusCode).toBe(303);
    // No session: the one cookie is the short-lived signed list of the reader's own held comments, so they
    // alone see theirs "awaiting moderation" (issue 16; comments/pending-cookie.ts).
    expect(String(res.headers['set-cookie'])).toMatch(/^backtalk_pending=[\d,]+\.\d+\.[\w-]{32}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/);
    const stored = await t.ctx.db.selectFrom('comments').select('content').where('post_id', '=', post.id).where('author_name', '=', 'Nell').execute();
    expect(stored).toHaveLength(1);
  });

  it('also takes it when only a same-site Referer vouches for it (Origin withheld)', async () => {
    const res = await post_({ referer: `http://blog.test${permalink}` }, { form_token: token(), content: 'Second, via referer.' });
    expect(res.statusCode).toBe(303);
  });

  const refusals: [string, Record<string, string>, boolean][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }, true],
    ['Origin "null" (sandboxed or data: page)', { origin: 'null' }, true],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, true],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, true],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/page' }, true],
    ['no form token, same origin', { origin: 'http://blog.test' }, false],
  ];
  for (const [name, headers, withToken] of refusals) {
    it(`refuses ${name} with a 403 post page that keeps the typed comment`, async () => {
      const before = await t.ctx.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await post_(headers, { content: `Words for ${name}`, ...(withToken ? { form_token: token() } : {}) });
      expect(res.statusCode).toBe(403);
      const $ = cheerio.load(res.body);
      expect($('header.site-header').length).toBe(1);
      expect($('.form-error').text()).toMatch(/another site|expired/);
      expect($('textarea[name=content]').text()).toBe(`Words for ${name}`);
      expect($('input[name=author]').val()).toBe('Nell');
      const after = await t.ctx.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  }

  it("refuses another post's token", async () => {
    const author = await createUser(t.ctx, 'author', 'ivo');
    const other = await publish(t, author, 'Other post', { date: '2026-01-15T09:00:00Z' });
    const otherToken = cheerio.load((await t.app.inject({ url: '/2026/01/15/other-post/', headers: html })).body)('input[name=form_token]').val() as string;
    expect(otherToken).not.toBe(token());
    expect(other.id).not.toBe(post.id);
    const res = await post_({ origin: 'http://blog.test' }, { form_token: otherToken });
    expect(res.statusCode).toBe(403);
  });
});
