// Our own pages in microformats2 (issue 19 point 4), read back with the microformats org's parser
// (microformats-parser, what other sites run): the post page is an h-entry with its title, content, dates,
// permalink, categories, author h-card, what it answers (in-reply-to, like-of, repost-of, each an h-cite) and
// its comments (p-comment h-cite, each with its author h-card); the home page is an h-feed of h-entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mf2 } from 'microformats-parser';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { addComment, html, publish } from '../support/public-site.js';
import { saveSettings } from '../../src/settings/repository.js';
import { postResponses, shortUrl } from '../../src/posts/post-mf2.js';
import { postTargets } from '../../src/linkbacks/outbound/links.js';
import { readSemantic } from '../../src/linkbacks/inbound/mf2.js';

type Item = { type: string[]; properties: Record<string, unknown[]>; children?: Item[]; value?: unknown };
const PERMALINK = 'http://blog.test/2026/01/02/on-herons/';
const parse = (body: string, url: string) => mf2(body, { baseUrl: url }) as unknown as { items: Item[] };
const prop = (item: Item, name: string) => item.properties[name] ?? [];

describe('a post page read as mf2', () => {
  let t: TestApp;
  let body: string;
  let entry: Item;
  beforeAll(async () => {
    t = await createTestApp();
    const author = await createUser(t.ctx, 'author', 'hilda');
    await t.ctx.db.updateTable('users').set({ display_name: 'Hilda Heron', website: 'https://hilda.example/' }).where('id', '=', author.id).execute();
    await saveSettings(t.ctx.db, { use_gravatar: true });
    const post = await publish(t, author, 'On herons', {
      content: '<p>Herons stand <em>very</em> still.</p>',
      date: '2026-01-02T08:30:00Z',
      inReplyTo: 'https://birds.example/2026/03/01/still-birds/',
      likeOf: 'https://photos.example/p/42',
      repostOf: 'https://news.example/heron-census?year=2026',
    });
    await addComment(t, post, { author: 'Rita Reader', content: 'Not when they fish.' });
    const res = await t.app.inject({ url: '/2026/01/02/on-herons/', headers: html });
    expect(res.statusCode).toBe(200);
    body = res.body;
    const entries = parse(body, PERMALINK).items.filter((i) => i.type.includes('h-entry'));
    expect(entries).toHaveLength(1);
    entry = entries[0];
  });
  afterAll(() => t.close());

  it('gives the name, the content as HTML, the published and updated dates, the permalink as url and uid', () => {
    expect(prop(entry, 'name')).toEqual(['On herons']);
    expect(prop(entry, 'content')).toEqual([{ html: '<p>Herons stand <em>very</em> still.</p>', value: 'Herons stand very still.' }]);
    expect(prop(entry, 'published')).toEqual(['2026-01-02T08:30:00.000Z']);
    expect(prop(entry, 'updated')).toHaveLength(1);
    expect(prop(entry, 'url')).toEqual([PERMALINK]);
    expect(prop(entry, 'uid')).toEqual([PERMALINK]);
    expect(prop(entry, 'category')).toEqual(['Uncategorized']);
  });

  it('names what it answers, each an h-cite whose value is the address', () => {
    const cite = (name: string) => prop(entry, name).map((v) => v as Item).map((v) => ({ type: v.type, value: v.value, url: v.properties.url }));
    expect(cite('in-reply-to')).toEqual([{ type: ['h-cite'], value: 'https://birds.example/2026/03/01/still-birds/', url: ['https://birds.example/2026/03/01/still-birds/'] }]);
    expect(cite('like-of')).toEqual([{ type: ['h-cite'], value: 'https://photos.example/p/42', url: ['https://photos.example/p/42'] }]);
    expect(cite('repost-of')).toEqual([{ type: ['h-cite'], value: 'https://news.example/heron-census?year=2026', url: ['https://news.example/heron-census?year=2026'] }]);
  });

  it('has its author as an h-card with name, website and photo', () => {
    const [card] = prop(entry, 'author') as Item[];
    expect(card.type).toEqual(['h-card']);
    expect(card.properties.name).toEqual(['Hilda Heron']);
    expect(card.properties.url).toEqual(['https://hilda.example/']);
    expect(card.properties.photo).toHaveLength(1);
    expect(String(card.properties.photo[0])).toMatch(/^https:\/\/gravatar\.com\/avatar\/[0-9a-f]{64}\?/);
  });

  it('carries its comments as p-comment h-cite with their author, date, address and content', () => {
    const comments = prop(entry, 'comment') as Item[];
    expect(comments).toHaveLength(1);
    const c = comments[0];
    expect(c.type).toEqual(['h-cite']);
    expect((c.properties.author[0] as Item).properties.name).toEqual(['Rita Reader']);
    expect(c.properties.published).toHaveLength(1);
    expect(String(c.properties.url[0])).toMatch(new RegExp(`^${PERMALINK}#comment-\\d+$`));
    expect((c.properties.content[0] as { value: string }).value).toBe('Not when they fish.');
  });

  it('is read as a reply to the page it answers by a receiver running post-type discovery (ours)', () => {
    const s = readSemantic(body, PERMALINK, 'https://birds.example/2026/03/01/still-birds/', 500)!;
    expect(s).toMatchObject({ type: 'reply', url: PERMALINK, published: '2026-01-02T08:30:00.000Z', responds: true });
    expect(s.author).toMatchObject({ name: 'Hilda Heron', url: 'https://hilda.example/' });
    expect(readSemantic(body, PERMALINK, 'https://photos.example/p/42', 500)!.type).toBe('like');
    expect(readSemantic(body, PERMALINK, 'https://news.example/heron-census?year=2026', 500)!.type).toBe('repost');
  });

  it('shows each as words and a short address above the content', () => {
    expect(body).toContain('In reply to <a class="u-in-reply-to h-cite" href="https://birds.example/2026/03/01/still-birds/">birds.example/2026/03/01/still-birds</a>');
    expect(body).toContain('Like of <a class="u-like-of h-cite" href="https://photos.example/p/42">photos.example/p/42</a>');
  });

  it('lists the home page as an h-feed of h-entries, each with its author h-card and its reply', async () => {
    const res = await t.app.inject({ url: '/', headers: html });
    const feeds = parse(res.body, 'http://blog.test/').items.filter((i) => i.type.includes('h-feed'));
    expect(feeds).toHaveLength(1);
    const [child] = feeds[0].children ?? [];
    expect(child.type).toEqual(['h-entry']);
    expect(prop(child, 'name')).toEqual(['On herons']);
    expect(prop(child, 'url')).toEqual([PERMALINK]);
    expect((prop(child, 'author')[0] as Item).properties.name).toEqual(['Hilda Heron']);
    expect((prop(child, 'in-reply-to')[0] as Item).value).toBe('https://birds.example/2026/03/01/still-birds/');
  });
});

describe('responses and targets, pure', () => {
  it('keeps only well-formed http(s) addresses, in reply, like, repost order', () => {
    expect(postResponses({ in_reply_to: 'javascript:alert(1)', like_of: '', repost_of: 'https://www.example.com/' }).map((r) => [r.kind, r.property, r.text])).toEqual([['repost', 'u-repost-of', 'example.com']]);
  });

  it('shortens a long address for readers', () => {
    const s = shortUrl(`https://example.com/${'a'.repeat(100)}`);
    expect(s).toHaveLength(60);
    expect(s.endsWith('…')).toBe(true);
  });

  it('notifies what the post answers even when the content does not link it, once, without the fragment, never the post itself', () => {
    const html = '<p><a href="https://a.example/x">a</a></p>';
    expect(postTargets(html, ['https://b.example/post#comment-3', 'https://a.example/x', PERMALINK], PERMALINK)).toEqual(['https://a.example/x', 'https://b.example/post']);
  });
});
