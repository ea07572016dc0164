// Re-verification of approved linkbacks (issue 6 point 6, WM §3.2.4): 410 or no longer linking → trash
// with the reason; 404, 5xx and timeouts → kept and retried a day later; still linking → verified_at
// renewed; the sweep queues stale ones per reverify_interval_days and re-enqueues itself.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { enqueue } from '../../../src/jobs/queue.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { formatZoned } from '../../../src/content/zoned-time.js';
import { findComment } from '../../../src/comments/repository.js';
import { eventsOf, fixture, insertLinkback, permalink, publishedPost } from './helpers.js';

const DAY = 86_400_000;

describe('linkback re-verification', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(async () => {
    t.clock.advance(DAY);
    await t.ctx.db.deleteFrom('jobs').execute();
  });

  async function linkback(path: string, route: Parameters<Peer['route']>[1], over: Record<string, unknown> = {}) {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route(path, typeof route === 'function' ? route : { ...route, body: route.body ?? fixture('h-entry.html', target) });
    return insertLinkback(t.ctx, post.id, { source_url: `${peer.url}${path}`, target_url: target, verified_at: new Date(t.clock.now().getTime() - 30 * DAY).toISOString(), ...over });
  }

  async function reverify(commentId: number) {
    await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.reverify', payload: { commentId } });
    await t.app.worker.runUntilIdle();
    return (await findComment(t.ctx.db, commentId))!;
  }

  it('renews verified_at and records an event when the source still links', async () => {
    const c = await linkback('/still', {});
    const after = await reverify(c.id);
    expect(after).toMatchObject({ status: 'approved', verification_state: 'verified', verified_at: t.clock.now().toISOString() });
    expect((await eventsOf(t.ctx, c.id)).map((e) => e.event)).toEqual(['reverify:ok']);
  });

  it('moves to the trash with the reason when the source answers 410', async () => {
    const c = await linkback('/gone', { status: 410, body: 'gone' });
    const after = await reverify(c.id);
    expect(after).toMatchObject({ status: 'trash', status_before_trash: 'approved', verification_state: 'gone' });
    expect(after.verification_note).toContain('410');
    const [e] = await eventsOf(t.ctx, c.id);
    expect(e).toMatchObject({ event: 'reverify:removed' });
    expect(e.detail).toContain('approved → trash');
  });

  it('moves to the trash when the source no longer links', async () => {
    const post = await publishedPost(t.ctx);
    peer.route('/unlinked-now', { body: fixture('no-link.html', permalink(t.ctx, post)) });
    const c = await insertLinkback(t.ctx, post.id, { source_url: `${peer.url}/unlinked-now`, target_url: permalink(t.ctx, post) });
    const after = await reverify(c.id);
    expect(after).toMatchObject({ status: 'trash', verification_state: 'gone' });
    expect(after.verification_note).toContain('no longer links');
  });

  for (const status of [404, 500, 503]) {
    it(`keeps it on ${status}, notes "will retry" and schedules another check a day later`, async () => {
      await saveSettings(t.ctx.db, { timezone: 'Asia/Tokyo' });
      const c = await linkback(`/err-${status}`, { status, body: 'nope' });
      const before = c.verified_at;
      const after = await reverify(c.id);
      expect(after).toMatchObject({ status: 'approved', verified_at: before });
      expect(after.verification_note).toContain(`HTTP ${status}`);
      expect(after.verification_note).toContain('will retry');
      expect((await eventsOf(t.ctx, c.id)).map((e) => e.event)).toEqual(['reverify:retry']);
      const next = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.reverify').where('status', '=', 'queued').executeTakeFirstOrThrow();
      expect(next.run_at).toBe(new Date(t.clock.now().getTime() + DAY).toISOString());
      expect(JSON.parse(next.payload)).toEqual({ commentId: c.id });
      // Read on the comment's admin page: in the site's timezone, named (issue 15).
      expect(after.verification_note).toContain(`will retry after ${formatZoned(next.run_at, 'Asia/Tokyo')} (Asia/Tokyo time)`);
    });
  }

  it('keeps it when the source cannot be reached at all', async () => {
    const post = await publishedPost(t.ctx);
    const dead = await startPeer();
    const url = `${dead.url}/x`;
    await dead.stop();
    const c = await insertLinkback(t.ctx, post.id, { source_url: url, target_url: permalink(t.ctx, post) });
    const after = await reverify(c.id);
    expect(after.status).toBe('approved');
    expect(after.verification_note).toContain('could not be fetched');
  });

  it('sweeps approved linkbacks older than the interval, skips fresh and pending ones, and re-enqueues itself', async () => {
    await t.ctx.db.deleteFrom('comments').execute();
    const stale = await linkback('/stale', {});
    const fresh = await linkback('/fresh', {}, { verified_at: t.clock.now().toISOString() });
    const pending = await linkback('/pending', {}, { status: 'pending' });
    await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.reverify_sweep', payload: {}, dedupeKey: 'reverify-sweep' });
    await t.app.worker.runUntilIdle();
    expect(peer.received('GET', '/stale')).toHaveLength(1);
    expect(peer.received('GET', '/fresh')).toHaveLength(0);
    expect(peer.received('GET', '/pending')).toHaveLength(0);
    expect((await findComment(t.ctx.db, stale.id))!.verified_at).toBe(t.clock.now().toISOString());
    const next = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.reverify_sweep').where('status', '=', 'queued').executeTakeFirstOrThrow();
    expect(next.run_at).toBe(new Date(t.clock.now().getTime() + DAY).toISOString());

    // Eight days on, both approved ones are due; with the interval at 0 nothing is checked.
    t.clock.advance(8 * DAY);
    await saveSettings(t.ctx.db, { reverify_interval_days: 0 });
    await t.app.worker.runUntilIdle();
    expect(peer.received('GET', '/fresh')).toHaveLength(0);
    await saveSettings(t.ctx.db, { reverify_interval_days: 7 });
    t.clock.advance(DAY);
    await t.app.worker.runUntilIdle();
    expect(peer.received('GET', '/fresh')).toHaveLength(1);
    expect(peer.received('GET', '/stale')).toHaveLength(2);
    void pending;
    void fresh;
  });

  it('forgets settled Webmention status rows after 90 days in the sweep', async () => {
    const at = (days: number) => new Date(t.clock.now().getTime() - days * DAY).toISOString();
    const row = (token: string, state: 'queued' | 'verified' | 'failed', days: number) => ({ token, source: 'https://a.example/', target: 'http://blog.test/', post_id: null, state, note: null, comment_id: null, ip: '', user_agent: '', created_at: at(days), updated_at: at(days) });
    await t.ctx.db.insertInto('webmention_requests').values([row('old-settled-1234', 'verified', 100), row('old-queued-12345', 'queued', 100), row('recent-settled-1', 'failed', 10)]).execute();
    await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.reverify_sweep', payload: {}, dedupeKey: 'reverify-sweep' });
    await t.app.worker.runUntilIdle();
    const left = await t.ctx.db.selectFrom('webmention_requests').select('token').orderBy('token').execute();
    expect(left.map((r) => r.token)).toEqual(['old-queued-12345', 'recent-settled-1']);
  });

  it('runs the job the moderation panel queues ("Re-verify now")', async () => {
    const { requestReverify } = await import('../../../src/comments/reverify-request.js');
    const c = await linkback('/now', { status: 410, body: '' });
    expect(await requestReverify(t.ctx, c.id, 'admin')).toBe(true);
    await t.app.worker.runUntilIdle();
    expect((await findComment(t.ctx.db, c.id))!.status).toBe('trash');
  });
});

describe('the sweep on start', () => {
  const sweeps = (t: Awaited<ReturnType<typeof createTestApp>>) => t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.reverify_sweep').execute();

  it('is queued by the time a running server answers, without waiting for any later hook', async () => {
    const t = await createTestApp({}, { runStartupTasks: true });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const queued = await sweeps(t);
      expect(queued).toHaveLength(1);
      expect(queued[0].dedupe_key).toBe('reverify-sweep');
    } finally {
      await t.close();
    }
  });

  it('is left to the test when an app is built without start-up tasks', async () => {
    const t = await createTestApp();
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      expect(await sweeps(t)).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
