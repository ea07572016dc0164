// A worker killed mid-run: its lease expires and a new worker (a second Worker on the same database)
// finishes the job, and the peer hears exactly once. Also the per-host limit against a slow real peer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/db/schema.js';
import { createPost } from '../../../src/posts/service.js';
import { claim } from '../../../src/jobs/queue.js';
import { Worker } from '../../../src/jobs/worker.js';
import { SEND_JOB } from '../../../src/linkbacks/outbound/scan.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import type { TestApp } from '../../support/app.js';
import { posts, useBlogWithPeers, webmentionPeer } from './peers.js';

const LEASE = 5 * 60_000;
const blog = useBlogWithPeers();
let t: TestApp;
let author: User;
beforeAll(() => ({ t, author } = blog));

function secondWorker(): Worker {
  const c = t.ctx;
  return new Worker({ db: c.db, dialect: c.dialect, clock: c.clock, log: c.log, handlers: c.handlers, concurrency: 4, perHost: 2, random: () => 0.5 });
}

async function publishLinkingTo(url: string) {
  const r = await createPost(t.ctx, author, { title: 'Crash', content: `<a href="${url}">x</a>`, status: 'published' });
  if (!r.ok) throw new Error('publish failed');
  return r.post;
}

/** Runs the scan only, leaving the send job queued. */
async function scanOnly(): Promise<void> {
  const [scan] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: 'scanner', limit: 1, perHost: 2, leaseMs: LEASE });
  await t.ctx.handlers.get(scan.type)!(JSON.parse(scan.payload), { job: scan, db: t.ctx.db, clock: t.clock, log: t.ctx.log });
  await t.ctx.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', scan.id).execute();
}

describe('a worker killed mid-run', () => {
  it('before it sent: the next worker sends once, after the lease', async () => {
    const wm = await webmentionPeer();
    blog.keep(wm);
    const post = await publishLinkingTo(`${wm.url}/post`);
    await scanOnly();
    const [leased] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: 'killed', limit: 5, perHost: 2, leaseMs: LEASE });
    expect(leased.type).toBe(SEND_JOB);
    const next = secondWorker();
    expect(await next.runUntilIdle()).toBe(0);
    expect(posts(wm, '/webmention')).toBe(0);
    t.clock.advance(LEASE + 1);
    expect(await next.runUntilIdle()).toBe(1);
    expect(posts(wm, '/webmention')).toBe(1);
    expect((await deliveriesOfPost(t.ctx.db, post.id))[0].state).toBe('sent');
  });

  it('after it sent but before it marked the job done: the re-run sends nothing', async () => {
    const wm = await webmentionPeer();
    blog.keep(wm);
    const post = await publishLinkingTo(`${wm.url}/post`);
    await scanOnly();
    const [leased] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: 'killed', limit: 5, perHost: 2, leaseMs: LEASE });
    // The killed worker ran the whole handler, then died before markDone.
    await t.ctx.handlers.get(SEND_JOB)!(JSON.parse(leased.payload), { job: leased, db: t.ctx.db, clock: t.clock, log: t.ctx.log });
    expect(posts(wm, '/webmention')).toBe(1);
    t.clock.advance(LEASE + 1);
    expect(await secondWorker().runUntilIdle()).toBe(1);
    expect(posts(wm, '/webmention')).toBe(1);
    const [row] = await deliveriesOfPost(t.ctx.db, post.id);
    expect(row).toMatchObject({ state: 'sent', attempts: 1 });
    expect((await t.ctx.db.selectFrom('jobs').select('status').where('id', '=', leased.id).executeTakeFirstOrThrow()).status).toBe('done');
  });
});

describe('a worker killed after its request landed, before it recorded the answer', () => {
  /** Runs the whole send as worker `who`, then undoes the 'sent' write: the state a kill -9 between the two leaves. */
  async function sendThenDie(who: string, postId: number): Promise<void> {
    const [leased] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: who, limit: 5, perHost: 2, leaseMs: LEASE });
    expect(leased.type).toBe(SEND_JOB);
    await t.ctx.handlers.get(SEND_JOB)!(JSON.parse(leased.payload), { job: leased, db: t.ctx.db, clock: t.clock, log: t.ctx.log });
    await t.ctx.db.updateTable('deliveries').set({ state: 'sending' }).where('post_id', '=', postId).execute();
    t.clock.advance(LEASE + 1);
  }

  it('re-sends once (the receiver takes it as an update), and records it sent', async () => {
    const wm = await webmentionPeer();
    blog.keep(wm);
    const post = await publishLinkingTo(`${wm.url}/post`);
    await scanOnly();
    await sendThenDie('killed', post.id);
    expect(await secondWorker().runUntilIdle()).toBe(1);
    expect(posts(wm, '/webmention')).toBe(2);
    expect((await deliveriesOfPost(t.ctx.db, post.id))[0]).toMatchObject({ state: 'sent', attempts: 2, interrupted_sends: 1 });
  });

  it('never sends a third time when the re-send is interrupted too', async () => {
    const wm = await webmentionPeer();
    blog.keep(wm);
    const post = await publishLinkingTo(`${wm.url}/post`);
    await scanOnly();
    await sendThenDie('killed-1', post.id);
    await sendThenDie('killed-2', post.id);
    expect(posts(wm, '/webmention')).toBe(2);
    expect(await secondWorker().runUntilIdle()).toBe(1);
    expect(posts(wm, '/webmention')).toBe(2);
    const [row] = await deliveriesOfPost(t.ctx.db, post.id);
    expect(row).toMatchObject({ state: 'failed', attempts: 2, interrupted_sends: 2 });
    expect(row.last_answer).toContain('probably been delivered');
  });
});

describe('a send whose workers keep dying', () => {
  it('ends failed with the reason, not stuck on "sending"', async () => {
    const wm = await webmentionPeer();
    blog.keep(wm);
    const post = await publishLinkingTo(`${wm.url}/post`);
    await scanOnly();
    // Each worker claims it, marks the row 'sending' (the handler's first step) and dies before the POST.
    for (let i = 0; i < 8; i++) {
      const [leased] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: `dies-${i}`, limit: 5, perHost: 2, leaseMs: LEASE });
      expect(leased.type).toBe(SEND_JOB);
      await t.ctx.db.updateTable('deliveries').set({ state: 'sending' }).where('post_id', '=', post.id).execute();
      t.clock.advance(LEASE + 1);
    }
    await secondWorker().runUntilIdle();
    expect(wm.requests).toHaveLength(0);
    const [row] = await deliveriesOfPost(t.ctx.db, post.id);
    expect(row.state).toBe('failed');
    expect(row.last_answer).toContain('gave up after 8 attempts');
  });
});

describe('per-host limit', () => {
  it('keeps at most 2 requests in flight to one slow blog', async () => {
    const slow = await webmentionPeer({ status: 202 }, 40);
    blog.keep(slow);
    const links = Array.from({ length: 6 }, (_, i) => `<a href="${slow.url}/post?n=${i}">${i}</a>`).join(' ');
    slow.route('GET /post', () => ({ headers: { link: '</webmention>; rel=webmention' }, body: '<p>slow</p>', delayMs: 40 }));
    const r = await createPost(t.ctx, author, { title: 'Many', content: links, status: 'published' });
    if (!r.ok) throw new Error('publish failed');
    const w = new Worker({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, log: t.ctx.log, handlers: t.ctx.handlers, concurrency: 8, perHost: 2 });
    await w.runUntilIdle();
    expect(posts(slow, '/webmention')).toBe(6);
    expect(slow.maxInFlight).toBe(2);
  });
});
