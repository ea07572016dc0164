// Issue 16 point 6: commenters' IP addresses are kept for comment_ip_retention_days (0 = for ever), then a
// job on the durable queue blanks them in bounded batches. Stepped with the manual clock and runUntilIdle.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { makeComment, makePost } from './fixtures.js';
import { IP_RETENTION_JOB, runIpRetention, scheduleIpRetention } from '../../src/comments/ip-retention.js';
import { loadSettings, saveSettings } from '../../src/settings/repository.js';

const DAY = 86_400_000;

describe('the IP retention job', () => {
  let t: TestApp;
  let postId: number;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await createUser(t.ctx, 'admin');
    admin = await signIn(t, user);
    postId = (await makePost(t.ctx, user.id)).id;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.ctx.db.deleteFrom('jobs').execute();
    await t.ctx.db.deleteFrom('comments').execute();
  });

  const ago = (ms: number) => new Date(t.clock.now().getTime() - ms).toISOString();
  const ips = async () => (await t.ctx.db.selectFrom('comments').select(['author_name', 'ip']).orderBy('id').execute()).map((r) => `${r.author_name}:${r.ip}`);
  const queued = () => t.ctx.db.selectFrom('jobs').select('run_at').where('type', '=', IP_RETENTION_JOB).where('status', '=', 'queued').execute();
  async function seed() {
    for (const [name, age] of [['old', 40 * DAY], ['older', 400 * DAY], ['edge', 30 * DAY + 1000], ['recent', 29 * DAY], ['new', 0]] as const) {
      await makeComment(t.ctx, postId, { author_name: name, ip: '198.51.100.1', created_at: ago(age), updated_at: ago(age) });
    }
    await makeComment(t.ctx, postId, { kind: 'pingback', author_name: 'ping', ip: '203.0.113.5', source_url: 'http://127.0.0.1:9/p', created_at: ago(90 * DAY), updated_at: ago(90 * DAY) });
  }

  it('keeps every address while the setting is 0 (the default), and comes back a day later', async () => {
    await seed();
    await saveSettings(t.ctx.db, { comment_ip_retention_days: 0 });
    await scheduleIpRetention(t.ctx.db, t.ctx, t.clock.now());
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    expect((await ips()).every((s) => s.endsWith('.1') || s.endsWith('.5'))).toBe(true);
    expect(await queued()).toEqual([{ run_at: new Date(t.clock.now().getTime() + DAY).toISOString() }]);
  });

  it('blanks only the addresses older than the retention period', async () => {
    await seed();
    await saveSettings(t.ctx.db, { comment_ip_retention_days: 30 });
    await scheduleIpRetention(t.ctx.db, t.ctx, t.clock.now());
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    expect(await ips()).toEqual(['old:', 'older:', 'edge:', 'recent:198.51.100.1', 'new:198.51.100.1', 'ping:']);
    // The next day's run takes "recent" once it has aged past 30 days, and nothing else changes before.
    expect(await t.app.worker.runUntilIdle()).toBe(0);
    t.clock.advance(DAY + 1000);
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    expect(await ips()).toEqual(['old:', 'older:', 'edge:', 'recent:', 'new:198.51.100.1', 'ping:']);
  });

  it('works in bounded batches, queueing the next batch at once while there is more', async () => {
    await seed();
    await saveSettings(t.ctx.db, { comment_ip_retention_days: 30 });
    // One run by hand with a batch of 2: the two oldest first, through the index on date, and the next run due now.
    expect(await runIpRetention(t.ctx, 2)).toBe(2);
    expect(await ips()).toEqual(['old:198.51.100.1', 'older:', 'edge:198.51.100.1', 'recent:198.51.100.1', 'new:198.51.100.1', 'ping:']);
    expect(await queued()).toEqual([{ run_at: t.clock.now().toISOString() }]);
    // The queue then steps through the rest, batch by batch (2, then 0), and comes back a day later.
    const handler = t.ctx.handlers.get(IP_RETENTION_JOB)!;
    t.ctx.handlers.set(IP_RETENTION_JOB, async () => void (await runIpRetention(t.ctx, 2)));
    try {
      expect(await t.app.worker.runUntilIdle()).toBe(2);
    } finally {
      t.ctx.handlers.set(IP_RETENTION_JOB, handler);
    }
    expect(await ips()).toEqual(['old:', 'older:', 'edge:', 'recent:198.51.100.1', 'new:198.51.100.1', 'ping:']);
    expect(await queued()).toEqual([{ run_at: new Date(t.clock.now().getTime() + DAY).toISOString() }]);
  });

  it('is queued once by the time a running server answers, and not again by a second instance', async () => {
    const other = await createTestApp({}, { runStartupTasks: true });
    try {
      await other.app.listen({ port: 0, host: '127.0.0.1' });
      const jobs = () => other.ctx.db.selectFrom('jobs').select(['run_at']).where('type', '=', IP_RETENTION_JOB).execute();
      expect(await jobs()).toEqual([{ run_at: other.clock.now().toISOString() }]);
      for (const task of other.ctx.startupTasks) await task();
      expect(await jobs()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('is set on Settings → General: empty is for ever, a bad number keeps what was typed', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    const good = { site_title: 'Site', tagline: '', site_url: '', posts_per_page: '10', timezone: 'UTC', date_format: 'Y-m-d', revisions_to_keep: '0' };
    const bad = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form({ ...good, comment_ip_retention_days: 'ten' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="ten"');
    expect(bad.body).toContain('Enter a whole number of days');
    const saved = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form({ ...good, comment_ip_retention_days: '90', xmlrpc_require_application_passwords: '1' }) });
    expect(saved.statusCode).toBe(303);
    expect(await loadSettings(t.ctx.db)).toMatchObject({ comment_ip_retention_days: 90, xmlrpc_require_application_passwords: true });
    const page = await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } });
    expect(page.body).toMatch(/name="xmlrpc_require_application_passwords" value="1"[^>]*checked/);
    expect(page.body).toContain('id="comment_ip_retention_days" name="comment_ip_retention_days" inputmode="numeric" value="90"');
    await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form({ ...good, comment_ip_retention_days: '' }) });
    expect(await loadSettings(t.ctx.db)).toMatchObject({ comment_ip_retention_days: 0, xmlrpc_require_application_passwords: false });
  });
});
