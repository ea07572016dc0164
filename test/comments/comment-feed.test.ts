// Comment feeds: well-formed RSS 2.0 carrying approved readers' comments and linkbacks together, each
// labelled, everything from outside escaped, site-wide and per post (permalink + feed/ and ?p=).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/settings/definitions.js';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { xmlError } from '../support/xml.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post } from '../../src/db/schema.js';
import { makeComment, makePost } from './fixtures.js';

let t: TestApp;
let post: Post;
let other: Post;
beforeAll(async () => {
  t = await createTestApp();
  await saveSettings(t.ctx.db, { site_url: 'https://example.org' });
  const author = await createUser(t.ctx, 'author');
  post = await makePost(t.ctx, author.id, { title: 'Fish & <Chips>', published_at: '2026-01-10T10:00:00.000Z' });
  other = await makePost(t.ctx, author.id, { title: 'Other', published_at: '2026-01-11T10:00:00.000Z' });
  const draft = await makePost(t.ctx, author.id, { status: 'draft' });
  await makeComment(t.ctx, post.id, { status: 'approved', author_name: 'Ann <b>', content: '<p>I agree &amp; more ]]> here</p>', created_at: '2026-01-12T08:00:00.000Z' });
  await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', author_email: '', title: 'Their <i>post</i>', source_url: 'http://them.example/p?a=1&b=2', excerpt: 'they said <script>x</script>\u0001', created_at: '2026-01-13T08:00:00.000Z' });
  await makeComment(t.ctx, post.id, { status: 'pending', author_name: 'Waiting Will' });
  await makeComment(t.ctx, other.id, { status: 'approved', author_name: 'Bob', created_at: '2026-01-14T08:00:00.000Z' });
  await makeComment(t.ctx, draft.id, { status: 'approved', author_name: 'Hidden Hal' });
});
afterAll(() => t.close());

const feed = async (url: string) => {
  const res = await t.app.inject({ url });
  return { res, $: cheerio.load(res.body, { xml: true }) };
};

describe('comment feeds', () => {
  it('site-wide: well-formed, newest first, comments and linkbacks labelled, nothing unapproved or on unpublished posts', async () => {
    const { res, $ } = await feed('/comments/feed/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(xmlError(res.body)).toBeNull();
    const titles = $('item > title').map((_, e) => $(e).text()).get();
    expect(titles).toEqual(['Comment by Bob on “Other”', 'Pingback from Their <i>post</i> on “Fish & <Chips>”', 'Comment by Ann <b> on “Fish & <Chips>”']);
    expect(res.body).not.toMatch(/Waiting Will|Hidden Hal|<script>/);
    const ping = $('item').eq(1);
    expect(ping.children('link').text()).toBe(`https://example.org${permalinkPath(post, defaultSettings)}#mention-${/mention-(\d+)/.exec(ping.children('link').text())![1]}`);
    expect(ping.children('content\\:encoded').text()).toContain('<a href="http://them.example/p?a=1&amp;b=2" rel="nofollow ugc">Their &lt;i&gt;post&lt;/i&gt;</a>');
    expect(ping.children('content\\:encoded').text()).toContain('they said &lt;script&gt;x&lt;/script&gt;');
    // Comments are sanitised when stored and carried as stored; "]]>" survives the CDATA split intact.
    expect($('item').eq(2).children('content\\:encoded').text()).toContain('<p>I agree &amp; more ]]> here</p>');
    expect((await t.app.inject({ url: '/comments/feed' })).statusCode).toBe(301);
  });

  it('per post, at the permalink + feed/ and at /feed/comments/?p=ID, with only that post’s items', async () => {
    for (const url of [`${permalinkPath(post, defaultSettings)}feed/`, `/feed/comments/?p=${post.id}`]) {
      const { res, $ } = await feed(url);
      expect(res.statusCode).toBe(200);
      expect(xmlError(res.body)).toBeNull();
      expect($('channel > title').text()).toBe('Comments on: Fish & <Chips>');
      expect($('item > title').map((_, e) => $(e).text()).get()).toEqual(['Pingback from Their <i>post</i>', 'Comment by Ann <b>']);
    }
    const html = (await t.app.inject({ url: permalinkPath(post, defaultSettings) })).body;
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Comments on: Fish &amp; &lt;Chips&gt;" href="https://example.org${permalinkPath(post, defaultSettings)}feed/">`);
    expect((await t.app.inject({ url: '/feed/comments/?p=999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/2020/01/01/nope/feed/' })).statusCode).toBe(404);
  });
});
