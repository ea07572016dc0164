// Replying from the moderation panel (issue 16 point 1): an admin answers a reader's comment from its page,
// approving a held one in the same step as WordPress's "Approve and Reply"; a refused reply stays on the
// admin page with its text and why, with a 4xx.
import { defaultSettings } from '../../src/settings/definitions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import type { Post } from '../../src/db/schema.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { permalinkPath } from '../../src/posts/permalink.js';

let t: TestApp;
let admin: SignedIn;
let post: Post;

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.ctx, 'admin', 'boss');
  admin = await signIn(t, a);
  post = await makePost(t.ctx, a.id, { title: 'Answered here' });
});
afterAll(() => t.close());

const reply = (id: number, content: string) =>
  t.app.inject({ method: 'POST', url: `/admin/comments/${id}/reply`, headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form({ content }) });
const row = (id: number) => t.ctx.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('replying from the moderation panel', () => {
  it('offers Approve and reply on a held comment and on its page', async () => {
    const held = await makeComment(t.ctx, post.id, { author_name: 'Quinn' });
    const list = cheerio.load((await t.app.inject({ url: '/admin/comments?status=pending', headers: admin.headers })).body);
    expect(list(`a[href="/admin/comments/${held.id}#reply"]`).text()).toBe('Approve and reply');
    const page = cheerio.load((await t.app.inject({ url: `/admin/comments/${held.id}`, headers: admin.headers })).body);
    expect(page(`form[action="/admin/comments/${held.id}/reply#reply"] textarea[name=content]`).length).toBe(1);
    expect(page('label[for=reply-content]').text()).toBe('Your reply to Quinn');
  });

  it('approves the held comment and publishes the reply under it', async () => {
    const held = await makeComment(t.ctx, post.id, { author_name: 'Quinn' });
    const res = await reply(held.id, 'Thanks, Quinn — fixed.');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/comments/${held.id}`);
    expect((await row(held.id)).status).toBe('approved');
    const answer = await t.ctx.db.selectFrom('comments').selectAll().where('parent_id', '=', held.id).executeTakeFirstOrThrow();
    expect(answer).toMatchObject({ status: 'approved', thread_id: held.id, author_name: 'Boss', moderation_reason: 'written by the post’s author' });
    const $ = cheerio.load((await t.app.inject({ url: encodeURI(permalinkPath(post, defaultSettings)) })).body);
    expect($(`#comment-${held.id} > ol.children > #comment-${answer.id} .comment-content`).text()).toBe('Thanks, Quinn — fixed.');
  });

  it('keeps the text and says why when the reply cannot be made', async () => {
    const spam = await makeComment(t.ctx, post.id, { status: 'spam' });
    const res = await reply(spam.id, 'Not to a spammer');
    expect(res.statusCode).toBe(400);
    const $ = cheerio.load(res.body);
    expect($('.admin-menu').length).toBe(1);
    expect(res.body).toContain('restore it before replying');
    const empty = await makeComment(t.ctx, post.id);
    const blank = cheerio.load((await reply(empty.id, '   ')).body);
    expect(blank('#reply-error').text()).toBe('Type a reply first.');
    expect((await row(empty.id)).status).toBe('pending');
    const dup = await makeComment(t.ctx, post.id, { status: 'approved' });
    await reply(dup.id, 'Same answer');
    const again = await reply(dup.id, 'Same answer');
    expect(again.statusCode).toBe(400);
    expect(cheerio.load(again.body)('textarea[name=content]').val()).toBe('Same answer');
    const missing = await reply(999999, 'x');
    expect(missing.statusCode).toBe(404);
    const $m = cheerio.load(missing.body);
    expect($m('.admin-menu').length).toBe(1);
    expect($m('a[href="/admin/comments"]').text()).toContain('All comments');
  });
});
