// The moderation panel over HTTP: admins only, counts per tab, filters and search, per-row and bulk actions,
// undo after trash and spam, empty spam/trash, re-verify queued, history shown.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import type { Post } from '../../src/db/schema.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { enqueue } from '../../src/jobs/queue.js';
import { decide } from '../../src/comments/rules.js';
import { loadSettings, saveSettings } from '../../src/settings/repository.js';

let t: TestApp;
let admin: SignedIn;
let post: Post;

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.ctx, 'admin');
  admin = await signIn(t, a);
  post = await makePost(t.ctx, a.id, { title: 'Moderated post' });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.ctx.db.deleteFrom('comments').execute();
  await t.ctx.db.deleteFrom('jobs').execute();
});

const get = (url: string, s: SignedIn = admin) => t.app.inject({ url, headers: s.headers });
const post_ = (fields: Record<string, string | string[]>, s: SignedIn = admin) =>
  t.app.inject({ method: 'POST', url: '/admin/comments', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: s.form(fields) });
const statusOf = async (id: number) => (await t.ctx.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;
const tabCount = (html: string, tab: string) => Number(new RegExp(`data-count="${tab}">(\\d+)<`).exec(html)?.[1]);

describe('access', () => {
  it('sends visitors to the login page and refuses authors with 403', async () => {
    expect((await t.app.inject({ url: '/admin/comments' })).statusCode).toBe(303);
    const author = await signIn(t, await createUser(t.ctx, 'author'));
    expect((await get('/admin/comments', author)).statusCode).toBe(403);
    expect((await post_({ one: 'approve:1' }, author)).statusCode).toBe(403);
  });

  it('refuses a POST without the CSRF token', async () => {
    const c = await makeComment(t.ctx, post.id);
    const r = await t.app.inject({ method: 'POST', url: '/admin/comments', headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `one=approve:${c.id}` });
    expect(r.statusCode).toBe(403);
    expect(await statusOf(c.id)).toBe('pending');
  });
});

describe('list', () => {
  it('shows live counts per tab and the rows of the chosen tab', async () => {
    await makeComment(t.ctx, post.id, { status: 'pending' });
    await makeComment(t.ctx, post.id, { status: 'pending' });
    await makeComment(t.ctx, post.id, { status: 'approved' });
    await makeComment(t.ctx, post.id, { status: 'spam' });
    await makeComment(t.ctx, post.id, { status: 'trash' });
    const html = (await get('/admin/comments')).body;
    expect([tabCount(html, 'all'), tabCount(html, 'pending'), tabCount(html, 'approved'), tabCount(html, 'spam'), tabCount(html, 'trash')]).toEqual([3, 2, 1, 1, 1]);
    expect((html.match(/<tr id="comment-/g) ?? []).length).toBe(3);
    const spam = (await get('/admin/comments?status=spam')).body;
    expect((spam.match(/<tr id="comment-/g) ?? []).length).toBe(1);
    expect(spam).toContain('Empty spam');
  });

  it('filters by type and post, searches text, author, URL and IP, and escapes what came from outside', async () => {
    const other = await makePost(t.ctx, post.author_id, { title: 'Other post' });
    await makeComment(t.ctx, post.id, { author_name: 'Alice', content: 'About turnips' });
    await makeComment(t.ctx, other.id, { author_name: 'Bob', ip: '203.0.113.9' });
    await makeComment(t.ctx, post.id, { kind: 'pingback', author_email: '', source_url: 'http://pinger.example/post', title: '<script>alert(1)</script>Their post', excerpt: 'they <b>said</b>', verification_state: 'verified', verified_at: '2026-01-15T11:00:00.000Z', moderation_reason: 'new linkbacks wait for approval' });
    const pings = (await get('/admin/comments?kind=pingback')).body;
    expect(pings).toContain('&lt;script&gt;alert(1)&lt;/script&gt;Their post');
    expect(pings).not.toContain('<script>alert(1)');
    expect(pings).toContain('http://pinger.example/post');
    expect(pings).toMatch(/Verification: verified at 2026-01-15 11:00/);
    expect(pings).toContain('new linkbacks wait for approval');
    expect(pings).not.toContain('Alice');
    expect(tabCount((await get('/admin/comments?kind=comment')).body, 'all')).toBe(2);
    expect(tabCount((await get('/admin/comments?kind=linkbacks')).body, 'all')).toBe(1);
    expect(tabCount((await get(`/admin/comments?post=${other.id}`)).body, 'all')).toBe(1);
    for (const term of ['turnips', 'alice', 'pinger.example', '203.0.113.9']) expect(tabCount((await get(`/admin/comments?s=${encodeURIComponent(term)}`)).body, 'all')).toBe(1);
  });

  it('paginates 20 per page', async () => {
    for (let i = 0; i < 23; i++) await makeComment(t.ctx, post.id);
    const p1 = (await get('/admin/comments')).body;
    const p2 = (await get('/admin/comments?page=2')).body;
    expect((p1.match(/<tr id="comment-/g) ?? []).length).toBe(20);
    expect((p2.match(/<tr id="comment-/g) ?? []).length).toBe(3);
    expect(p1).toContain('Page 1 of 2');
    expect(((await get('/admin/comments?page=9')).body.match(/<tr id="comment-/g) ?? []).length).toBe(3);
  });
});

describe('actions', () => {
  it('approves one row with its Approve button and says so', async () => {
    const c = await makeComment(t.ctx, post.id);
    expect((await get('/admin/comments')).body).toMatch(new RegExp(`<button[^>]*value="approve:${c.id}"[^>]*>Approve</button>`));
    const r = await post_({ one: `approve:${c.id}` });
    expect(r.statusCode).toBe(303);
    expect(await statusOf(c.id)).toBe('approved');
    expect((await get(r.headers.location as string)).body).toContain('1 comment approved.');
  });

  it('applies bulk actions to the checked rows only, skipping rows the action does not fit', async () => {
    const a = await makeComment(t.ctx, post.id);
    const b = await makeComment(t.ctx, post.id);
    const c = await makeComment(t.ctx, post.id, { status: 'approved' });
    const untouched = await makeComment(t.ctx, post.id);
    await post_({ action: 'approve', ids: [String(a.id), String(b.id)] });
    expect([await statusOf(a.id), await statusOf(b.id), await statusOf(untouched.id)]).toEqual(['approved', 'approved', 'pending']);
    const r = await post_({ action: 'restore', ids: [String(c.id)] });
    expect(await statusOf(c.id)).toBe('approved');
    expect(r.headers.location).toContain('n=0');
    await post_({ action: 'unapprove', ids: [String(a.id), String(c.id)] });
    expect([await statusOf(a.id), await statusOf(c.id)]).toEqual(['pending', 'pending']);
    await post_({ action: 'delete', ids: [String(b.id)] });
    expect(await statusOf(b.id)).toBeUndefined();
  });

  it('offers undo after trash, and the undo puts the comments back where they were', async () => {
    const a = await makeComment(t.ctx, post.id, { status: 'approved' });
    const b = await makeComment(t.ctx, post.id, { status: 'pending' });
    const one = await post_({ one: `trash:${a.id}` });
    const page = (await get(one.headers.location as string)).body;
    expect(page).toMatch(/1 comment moved to the trash\.\s*<form[\s\S]*?>Undo<\/button>/);
    await post_({ action: 'trash', ids: [String(a.id), String(b.id)] });
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['trash', 'trash']);
    const bulk = await post_({ action: 'trash', ids: [String(b.id)] });
    expect(bulk.headers.location).toContain('n=0');
    const undoIds = /name="ids" value="([\d,]+)"/.exec(page)![1];
    expect(undoIds).toBe(String(a.id));
    await post_({ action: 'restore', ids: undoIds });
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['approved', 'trash']);
  });

  it('spam and not spam restore the previous status; spam offers undo too', async () => {
    const a = await makeComment(t.ctx, post.id, { status: 'approved' });
    const r = await post_({ one: `spam:${a.id}` });
    expect(await statusOf(a.id)).toBe('spam');
    const page = (await get(r.headers.location as string)).body;
    expect(page).toContain('1 comment marked as spam.');
    expect(page).toContain('name="action" value="unspam"');
    await post_({ action: 'unspam', ids: String(a.id) });
    expect(await statusOf(a.id)).toBe('approved');
  });

  it('empties spam and trash, only what the admin saw', async () => {
    const s1 = await makeComment(t.ctx, post.id, { status: 'spam' });
    const t1 = await makeComment(t.ctx, post.id, { status: 'trash' });
    const seenAt = t.clock.now().toISOString();
    t.clock.advance(1000);
    const late = await makeComment(t.ctx, post.id, { status: 'spam', updated_at: t.clock.now().toISOString() });
    const r = await post_({ empty: 'spam', status: 'spam', seen_at: seenAt });
    expect(r.headers.location).toContain('n=1');
    expect([await statusOf(s1.id), await statusOf(late.id), await statusOf(t1.id)]).toEqual([undefined, 'spam', 'trash']);
    await post_({ empty: 'trash', status: 'trash' });
    expect(await statusOf(t1.id)).toBeUndefined();
  });

  it('answers 400, not 500, to an unknown action or no selection', async () => {
    expect((await post_({ action: 'explode', ids: '1' })).statusCode).toBe(400);
    expect((await post_({ action: 'approve' })).statusCode).toBe(400);
  });

  it('gives the panel back in the admin layout, selection and action kept, when Apply cannot act (issue 16 point 4)', async () => {
    const a = await makeComment(t.ctx, post.id);
    const b = await makeComment(t.ctx, post.id);
    const nothingChosen = await post_({ action: '', bulk: '1', ids: [String(a.id), String(b.id)], status: 'pending', kind: 'all' });
    expect(nothingChosen.statusCode).toBe(400);
    const $ = cheerio.load(nothingChosen.body);
    expect($('.admin-menu').length).toBe(1);
    expect($('#panel-error').text()).toMatch(/Choose an action in “Bulk actions”/);
    expect($('input[name=ids]:checked').map((_, e) => $(e).val()).get()).toEqual([String(b.id), String(a.id)].sort((x, y) => Number(y) - Number(x)));
    expect($('.tabs .current').text()).toContain('Pending');
    const nothingSelected = await post_({ action: 'trash', bulk: '1', status: 'pending', kind: 'all' });
    expect(nothingSelected.statusCode).toBe(400);
    const $2 = cheerio.load(nothingSelected.body);
    expect($2('#panel-error').text()).toMatch(/Select at least one comment/);
    expect($2('#bulk-action').val()).toBe('trash');
    expect(await statusOf(a.id)).toBe('pending');
  });

  it('queues re-verification of a linkback and shows it in the comment history', async () => {
    const ping = await makeComment(t.ctx, post.id, { kind: 'webmention', author_email: '', source_url: 'http://src.example/p' });
    const reader = await makeComment(t.ctx, post.id);
    await post_({ one: `reverify:${ping.id}` });
    await post_({ one: `reverify:${reader.id}` });
    const jobs = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.reverify').execute();
    expect(jobs.map((j) => JSON.parse(j.payload))).toEqual([{ commentId: ping.id }]);
    const history = (await get(`/admin/comments/${ping.id}`)).body;
    expect(history).toContain('reverify:requested');
    expect(history).toContain('Re-verify now');
    expect((await get('/admin/comments/999999')).statusCode).toBe(404);
  });

  it('marks linkbacks as spam and blocks their source hosts, so the next one is refused at the door', async () => {
    const ping = await makeComment(t.ctx, post.id, { kind: 'pingback', author_email: '', source_url: 'http://www.junk.example/p' });
    const reader = await makeComment(t.ctx, post.id);
    expect((await get('/admin/comments')).body).toContain(`value="block-host:${ping.id}"`);
    const r = await post_({ action: 'block-host', ids: [String(ping.id), String(reader.id)] });
    expect([await statusOf(ping.id), await statusOf(reader.id)]).toEqual(['spam', 'pending']);
    expect((await loadSettings(t.ctx.db)).blocked_source_hosts).toContain('www.junk.example');
    const page = (await get(r.headers.location as string)).body;
    expect(page).toContain('1 comment marked as spam, and its source host blocked.');
    expect(page).toContain('Blocked source hosts: www.junk.example.');
    t.clock.advance(60_000);
    const next = await decide(t.ctx, { postId: post.id, kind: 'webmention', authorName: '', authorEmail: '', authorUrl: '', content: 'x', sourceUrl: 'https://www.junk.example/again', ip: '192.0.2.200', userAgent: 'x' }, post);
    expect(next).toMatchObject({ action: 'refuse', httpStatus: 403 });
    await saveSettings(t.ctx.db, { blocked_source_hosts: [] });
  });

  it('brings a re-verification retry scheduled for later forward instead of queueing a second one', async () => {
    const ping = await makeComment(t.ctx, post.id, { kind: 'pingback', author_email: '', source_url: 'http://later.example/p' });
    const later = new Date(t.clock.now().getTime() + 86_400_000);
    await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.reverify', payload: { commentId: ping.id }, runAt: later, dedupeKey: `linkbacks.reverify:${ping.id}` });
    await post_({ one: `reverify:${ping.id}` });
    const jobs = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.reverify').execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].run_at).toBe(t.clock.now().toISOString());
  });
});
