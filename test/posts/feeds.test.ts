// Both feeds parsed by a strict XML parser: newest 20 published posts, absolute permalinks from the site
// URL, full content (with "]]>" and markup intact), proper escaping and content types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { saveSettings } from '../../src/settings/repository.js';
import { trashPost } from '../../src/posts/service.js';
import type { User } from '../../src/db/schema.js';
import { publish } from '../support/public-site.js';
import { xmlError } from '../support/xml.js';

describe('RSS and Atom feeds', () => {
  let t: TestApp;
  let admin: User;
  const tricky = '<p>Tom &amp; Jerry say <code>a ]]> b</code> and 😀</p>';
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'ann');
    await saveSettings(t.ctx.db, { site_title: 'Q&A <Blog>', tagline: 'Fish & "chips"', site_url: 'https://example.org/blog' });
    for (let i = 1; i <= 22; i++) {
      const day = String(i).padStart(2, '0');
      await publish(t, admin, `Post ${i}`, { date: `2025-12-${day}T08:00:00Z` });
    }
    await publish(t, admin, 'Fish & <Chips> "special"', { content: tricky, date: '2026-01-10T08:00:00Z' });
    await publish(t, admin, 'Unpublished draft', { status: 'draft' });
    await publish(t, admin, 'Scheduled later', { date: '2026-05-01T08:00:00Z' });
  });
  afterAll(() => t.close());

  it('serves well-formed RSS 2.0 with the newest 20 published posts', async () => {
    const res = await t.app.inject({ url: '/feed/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(xmlError(res.body)).toBeNull();
    const $ = cheerio.load(res.body, { xml: true });
    expect($('rss').attr('version')).toBe('2.0');
    expect($('channel > title').text()).toBe('Q&A <Blog>');
    expect($('channel > description').text()).toBe('Fish & "chips"');
    expect($('channel > link').text()).toBe('https://example.org/blog/');
    expect($('channel > atom\\:link[rel=self]').attr('href')).toBe('https://example.org/blog/feed/');
    const items = $('item');
    expect(items).toHaveLength(20);
    expect(items.map((_, e) => $(e).children('title').text()).get().slice(0, 3)).toEqual(['Fish & <Chips> "special"', 'Post 22', 'Post 21']);
    expect(res.body).not.toMatch(/Unpublished draft|Scheduled later|Post 2<|Post 1</);
    const first = items.first();
    expect(first.children('link').text()).toBe('https://example.org/blog/2026/01/10/fish-chips-special/');
    expect(first.children('pubDate').text()).toBe('Sat, 10 Jan 2026 08:00:00 GMT');
    expect(first.children('content\\:encoded').text()).toBe(tricky);
    expect(first.children('dc\\:creator').text()).toBe('Ann');
    // <description> is HTML to RSS readers: the plain-text summary arrives HTML-escaped, shown as typed.
    expect(first.children('description').text()).toBe('Tom &amp; Jerry say a ]]&gt; b and 😀');
  });

  it('serves well-formed Atom with HTML content and RFC 3339 dates', async () => {
    const res = await t.app.inject({ url: '/feed/atom/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(xmlError(res.body)).toBeNull();
    const $ = cheerio.load(res.body, { xml: true });
    expect($('feed').attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect($('feed > title').text()).toBe('Q&A <Blog>');
    expect($('feed > link[rel=self]').attr('href')).toBe('https://example.org/blog/feed/atom/');
    const entries = $('entry');
    expect(entries).toHaveLength(20);
    const first = entries.first();
    expect(first.children('title').text()).toBe('Fish & <Chips> "special"');
    expect(first.children('link[rel=alternate]').attr('href')).toBe('https://example.org/blog/2026/01/10/fish-chips-special/');
    expect(first.children('content').attr('type')).toBe('html');
    expect(first.children('content').text()).toBe(tricky);
    expect(first.children('published').text()).toBe('2026-01-10T08:00:00Z');
    expect(first.children('updated').text()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(first.children('author').children('name').text()).toBe('Ann');
    expect(first.children('id').text()).toMatch(/^https:\/\/example\.org\/blog\/\?p=\d+$/);
  });

  it('answers a conditional GET with 304 until the feed changes, even when a post is withdrawn', async () => {
    for (const url of ['/feed/', '/feed/atom/']) {
      const first = await t.app.inject({ url });
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect((await t.app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    }
    const before = String((await t.app.inject({ url: '/feed/' })).headers.etag);
    t.clock.advance(60_000);
    const fresh = await publish(t, admin, 'Brand new', {});
    const withNew = await t.app.inject({ url: '/feed/', headers: { 'if-none-match': before } });
    expect(withNew.statusCode).toBe(200);
    await trashPost(t.ctx, admin, fresh.id);
    const withdrawn = await t.app.inject({ url: '/feed/', headers: { 'if-none-match': String(withNew.headers.etag) } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.body).not.toContain('Brand new');
  });

  it('makes links inside the content absolute', async () => {
    await publish(t, admin, 'Linking back', { content: '<p>See <a href="/2026/01/10/fish-chips-special/">this</a>.</p>', date: '2026-01-12T08:00:00Z' });
    const $ = cheerio.load((await t.app.inject({ url: '/feed/' })).body, { xml: true });
    const item = $('item').filter((_, e) => $(e).children('title').text() === 'Linking back');
    expect(item.children('content\\:encoded').text()).toBe('<p>See <a href="https://example.org/2026/01/10/fish-chips-special/">this</a>.</p>');
  });

  it('redirects the slash-less feed addresses', async () => {
    expect((await t.app.inject({ url: '/feed' })).headers.location).toBe('/feed/');
    expect((await t.app.inject({ url: '/feed/atom' })).headers.location).toBe('/feed/atom/');
  });

  it('stays well-formed with characters XML forbids in a post', async () => {
    // (No NUL here: PostgreSQL refuses it in text columns, so it never reaches a feed.)
    await publish(t, admin, 'Bell\u0007 and ESC\u001B', { content: '<p>form\u000Cfeed \uFFFE</p>', date: '2026-01-11T08:00:00Z' });
    for (const url of ['/feed/', '/feed/atom/']) {
      const res = await t.app.inject({ url });
      expect(xmlError(res.body), url).toBeNull();
      expect(res.body).toContain('Bell and ESC');
    }
  });
});
