// The moderation panel shows what a linkback is and who wrote it (issue 19 point 2): the mf2 kind and the
// h-card author, as text; a linkback without mf2 shows neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { makeComment, makePost } from '../comments/fixtures.js';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.ctx, 'admin');
  admin = await signIn(t, a);
  const post = await makePost(t.ctx, a.id, { title: 'Moderated post' });
  await makeComment(t.ctx, post.id, { kind: 'webmention', status: 'pending', source_url: 'http://bridgy.test/like/1', title: 'Like', mention_type: 'like', mention_author_name: 'Carol <b>', mention_author_url: 'https://carol.test/' });
  await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'pending', source_url: 'http://ann.test/rsvp', title: 'RSVP', mention_type: 'rsvp', mention_rsvp: 'maybe', mention_author_name: 'Ann' });
  await makeComment(t.ctx, post.id, { kind: 'trackback', status: 'pending', source_url: 'http://plain.test/', title: 'Plain' });
});
afterAll(() => t.close());

describe('moderation panel, semantic linkbacks', () => {
  it('shows each linkback’s kind and author, escaped', async () => {
    const res = await t.app.inject({ url: '/admin/comments?status=pending&kind=linkbacks', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    const row = (source: string) => $(`tr:has(a.source-url[href="${source}"])`);
    expect(row('http://bridgy.test/like/1').find('.mention-type').text()).toBe('like');
    expect(row('http://bridgy.test/like/1').find('.mention-author').text()).toBe('by Carol <b>');
    expect(row('http://bridgy.test/like/1').find('a[href="https://carol.test/"]').length).toBe(1);
    expect(res.body).toContain('by Carol &lt;b&gt;');
    expect(row('http://ann.test/rsvp').find('.mention-type').text()).toBe('RSVP maybe');
    expect(row('http://plain.test/').find('.mention-type, .mention-author').length).toBe(0);
  });
});
