// The delivery log as authors and admins see it: the all-posts page with filters, paging and self-refresh,
// the per-post fragment and link preview, and "retry now" / "skip" behind CSRF and ownership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, User } from '../../src/db/schema.js';
import { createPost } from '../../src/posts/service.js';
import { enqueue } from '../../src/jobs/queue.js';
import { insertDelivery } from '../../src/linkbacks/outbound/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';

const html = { accept: 'text/html' };
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

let t: TestApp;
let admin: User;
let alice: User;
let bob: User;
let asAdmin: SignedIn;
let asAlice: SignedIn;
let asBob: SignedIn;
let alicePost: Post;
let bobPost: Post;

async function post(user: User, title: string, content = '<p>x</p>'): Promise<Post> {
  // Drafts: nothing is scanned, so the rows below are exactly the ones the test writes.
  const r = await createPost(t.ctx, user, { title, content, status: 'draft' });
  if (!r.ok) throw new Error('post');
  return r.post;
}

async function delivery(p: Post, url: string, state: string, extra: { last_answer?: string; job?: boolean } = {}) {
  const now = t.clock.now().toISOString();
  const row = (await insertDelivery(t.ctx.db, { post_id: p.id, kind: 'link', target_url: url, state, last_answer: extra.last_answer ?? null, now }))!;
  if (extra.job) {
    const jobId = await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.send', payload: { deliveryId: row.id }, runAt: new Date(Date.parse(now) + 3_600_000), host: new URL(url).host });
    await t.ctx.db.updateTable('deliveries').set({ job_id: jobId, next_attempt_at: new Date(Date.parse(now) + 3_600_000).toISOString() }).where('id', '=', row.id).execute();
  }
  return row;
}

const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, ...html } });
const send = (s: SignedIn, url: string, fields: Record<string, string>, withCsrf = true) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...formHeaders }, payload: withCsrf ? s.form(fields) : new URLSearchParams(fields).toString() });

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.ctx, 'admin');
  alice = await createUser(t.ctx, 'author');
  bob = await createUser(t.ctx, 'author');
  [asAdmin, asAlice, asBob] = await Promise.all([signIn(t, admin), signIn(t, alice), signIn(t, bob)]);
  alicePost = await post(alice, 'Alice writes');
  bobPost = await post(bob, 'Bob writes');
  await delivery(alicePost, 'http://a.example/sent', 'sent', { last_answer: '202 <b>Accepted</b>' });
  await delivery(alicePost, 'http://a.example/failed', 'failed', { last_answer: 'HTTP 400: no such target' });
  await delivery(bobPost, 'http://b.example/none', 'no_endpoint', { last_answer: 'no endpoint' });
});
afterAll(() => t.close());

describe('the delivery log page', () => {
  it('shows an author only the deliveries of their own posts, escaped', async () => {
    const res = await get(asAlice, '/admin/deliveries');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http://a.example/sent');
    expect(res.body).toContain('http://a.example/failed');
    expect(res.body).not.toContain('b.example');
    expect(res.body).toContain('202 &lt;b&gt;Accepted&lt;/b&gt;');
    expect(res.body).not.toContain('<b>Accepted</b>');
  });

  it('shows an admin every post, filters by state, and sends visitors to log in', async () => {
    const all = await get(asAdmin, '/admin/deliveries');
    expect(all.body).toContain('a.example/sent');
    expect(all.body).toContain('b.example/none');
    const failed = await get(asAdmin, '/admin/deliveries?state=failed');
    expect(failed.body).toContain('a.example/failed');
    expect(failed.body).not.toContain('a.example/sent');
    const bogus = await get(asAdmin, '/admin/deliveries?state=%3Cx%3E&page=abc');
    expect(bogus.statusCode).toBe(200);
    const anon = await t.app.inject({ url: '/admin/deliveries', headers: html });
    expect(anon.statusCode).toBe(303);
  });

  it('refreshes itself only while something is pending', async () => {
    expect((await get(asAdmin, '/admin/deliveries')).body).not.toContain('http-equiv="refresh"');
    const p = await post(admin, 'Pending one');
    await delivery(p, 'http://c.example/wait', 'retrying', { job: true });
    expect((await get(asAdmin, '/admin/deliveries')).body).toContain('http-equiv="refresh"');
    expect((await get(asAdmin, '/admin/deliveries?state=sent')).body).not.toContain('http-equiv="refresh"');
  });

  it('pages through long logs', async () => {
    const p = await post(admin, 'Many links');
    for (let i = 0; i < 55; i++) await delivery(p, `http://many.example/${i}`, 'sent');
    const first = await get(asAdmin, `/admin/deliveries?post=${p.id}`);
    expect(first.body.match(/many\.example\/\d+/g)).toHaveLength(50);
    expect(first.body).toContain('Page 1 of 2');
    const second = await get(asAdmin, `/admin/deliveries?post=${p.id}&page=2`);
    expect(second.body.match(/many\.example\/\d+/g)).toHaveLength(5);
  });
});

describe('the per-post fragment and link preview', () => {
  it('serves the fragment to the post’s author and refuses others', async () => {
    const mine = await get(asAlice, `/admin/posts/${alicePost.id}/deliveries`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('data-pending="false"');
    expect(mine.body).toContain('a.example/failed');
    expect(mine.body).not.toContain('<html');
    expect((await get(asBob, `/admin/posts/${alicePost.id}/deliveries`)).statusCode).toBe(403);
    expect((await get(asBob, `/admin/posts/999999/deliveries`)).statusCode).toBe(404);
  });

  it('is placed on the edit screen with a no-script link to the log', async () => {
    const res = await get(asAlice, `/admin/posts/${alicePost.id}/edit`);
    expect(res.body).toContain(`data-deliveries-src="/admin/posts/${alicePost.id}/deliveries"`);
    expect(res.body).toContain(`href="/admin/deliveries?post=${alicePost.id}"`);
    expect(res.body).toContain('/static/deliveries.js');
    const js = await t.app.inject({ url: '/static/deliveries.js' });
    expect(js.statusCode).toBe(200);
  });

  it('previews which links of a draft will be notified', async () => {
    const draft = await post(alice, 'Draft with links', '<a href="https://peer.example/x#frag">peer</a> <a href="mailto:x@y.z">mail</a> <a href="https://peer.example/x">again</a>');
    const res = await get(asAlice, `/admin/posts/${draft.id}/link-preview`);
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/https:\/\/peer\.example\/x/g)).toHaveLength(1);
    expect(res.body).toContain('Will be notified');
    expect(res.body).not.toContain('mailto');
    expect((await get(asBob, `/admin/posts/${draft.id}/link-preview`)).statusCode).toBe(403);
  });
});

describe('retry now and skip', () => {
  it('requeues a failed delivery with a fresh job, due now', async () => {
    const d = await delivery(alicePost, 'http://a.example/retry-me', 'failed');
    const res = await send(asAlice, `/admin/deliveries/${d.id}/retry`, { back: `/admin/posts/${alicePost.id}/edit` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/posts/${alicePost.id}/edit`);
    const row = await t.ctx.db.selectFrom('deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('queued');
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', row.job_id!).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ type: 'linkbacks.send', status: 'queued', run_at: t.clock.now().toISOString(), host: 'a.example' });
  });

  it('makes a retrying delivery due now', async () => {
    const d = await delivery(alicePost, 'http://a.example/later', 'retrying', { job: true });
    expect((await send(asAlice, `/admin/deliveries/${d.id}/retry`, {})).statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom('deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', row.job_id!).executeTakeFirstOrThrow();
    expect(job.run_at).toBe(t.clock.now().toISOString());
    expect(row).toMatchObject({ state: 'queued', next_attempt_at: null });
  });

  it('skips a queued delivery and cancels its job', async () => {
    const d = await delivery(alicePost, 'http://a.example/skip-me', 'retrying', { job: true });
    const res = await send(asAlice, `/admin/deliveries/${d.id}/skip`, { back: 'https://evil.example/' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const row = await t.ctx.db.selectFrom('deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'skipped', skip_reason: 'user' });
    expect((await t.ctx.db.selectFrom('jobs').select('status').where('id', '=', row.job_id!).executeTakeFirstOrThrow()).status).toBe('cancelled');
  });

  it('refuses without CSRF, on someone else’s post, on a delivery already sent, and on a missing one', async () => {
    const d = await delivery(alicePost, 'http://a.example/guarded', 'failed');
    expect((await send(asAlice, `/admin/deliveries/${d.id}/retry`, {}, false)).statusCode).toBe(403);
    expect((await send(asBob, `/admin/deliveries/${d.id}/retry`, {})).statusCode).toBe(403);
    expect((await send(asBob, `/admin/deliveries/${d.id}/skip`, {})).statusCode).toBe(403);
    const sent = await delivery(alicePost, 'http://a.example/was-sent', 'sent');
    expect((await send(asAlice, `/admin/deliveries/${sent.id}/retry`, {})).statusCode).toBe(409);
    expect((await send(asAlice, `/admin/deliveries/${sent.id}/skip`, {})).statusCode).toBe(409);
    expect((await send(asAlice, `/admin/deliveries/424242/retry`, {})).statusCode).toBe(404);
    const row = await t.ctx.db.selectFrom('deliveries').select('state').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
  });
});
