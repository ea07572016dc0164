// Issue 10 point 5 (cleanup part): the daily maintenance sweep deletes expired sessions and login failures
// too old to matter, runs on the durable queue, and queues itself for the next day. Stepped with the
// manual clock and runUntilIdle, never slept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_JOB, scheduleMaintenance } from '../../src/maintenance/sweep.js';
import { THROTTLE_WINDOW_MS } from '../../src/users/login-throttle.js';
import { InboundLimits, LIMITS } from '../../src/linkbacks/inbound/limits.js';
import { openForm, sessionCookie } from '../admin/form-session.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

const DAY = 86_400_000;

describe('the maintenance sweep', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    for (const table of ['jobs', 'sessions', 'login_failures', 'rate_counters', 'inbound_leases'] as const) await t.ctx.db.deleteFrom(table).execute();
  });

  const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
  const sids = async () => (await t.ctx.db.selectFrom('sessions').select('sid').orderBy('sid').execute()).map((r) => r.sid);
  const failureIps = async () => (await t.ctx.db.selectFrom('login_failures').select('ip').orderBy('ip').execute()).map((r) => r.ip);
  const queuedSweeps = () => t.ctx.db.selectFrom('jobs').select(['run_at', 'status']).where('type', '=', MAINTENANCE_JOB).where('status', '=', 'queued').execute();

  it('deletes expired sessions and old login failures, keeps the rest, and queues itself for tomorrow', async () => {
    await t.ctx.db
      .insertInto('sessions')
      .values([
        { sid: 'expired', data: '{}', expires_at: at(-1000) },
        { sid: 'live', data: '{}', expires_at: at(DAY / 2) },
      ])
      .execute();
    await t.ctx.db
      .insertInto('login_failures')
      .values([
        { ip: '192.0.2.1', username: 'old', at: at(-THROTTLE_WINDOW_MS - 1000) },
        { ip: '192.0.2.2', username: 'recent', at: at(-60_000) },
      ])
      .execute();

    await scheduleMaintenance(t.ctx.db, t.ctx, t.clock.now());
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    expect(await sids()).toEqual(['live']);
    expect(await failureIps()).toEqual(['192.0.2.2']);
    expect(await queuedSweeps()).toEqual([{ run_at: at(DAY), status: 'queued' }]);

    // Nothing runs before the day is up; the next day's run takes what has expired since.
    expect(await t.app.worker.runUntilIdle()).toBe(0);
    t.clock.advance(DAY);
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    expect(await sids()).toEqual([]);
    expect(await failureIps()).toEqual([]);
    expect(await queuedSweeps()).toHaveLength(1);
  });

  it('deletes the shared limits’ windows older than a day and lapsed guards, keeping fetch slots and live ones', async () => {
    const limits = new InboundLimits(t.ctx, 10, 10);
    await limits.allowIp('192.0.2.7');
    const slot = await limits.acquireFetch();
    await limits.beginVerifying(1, 'http://old.example/');
    t.clock.advance(DAY + LIMITS.windowMs);
    await limits.allowIp('192.0.2.7');
    const live = await limits.beginVerifying(2, 'http://new.example/');
    await limits.releaseFetch(slot!);

    await scheduleMaintenance(t.ctx.db, t.ctx, t.clock.now());
    expect(await t.app.worker.runUntilIdle()).toBe(1);
    const windows = await t.ctx.db.selectFrom('rate_counters').select(['bucket', 'window_start']).execute();
    expect(windows).toEqual([{ bucket: 'inbound-ip', window_start: new Date(Math.floor(t.clock.now().getTime() / LIMITS.windowMs) * LIMITS.windowMs).toISOString() }]);
    const leases = (await t.ctx.db.selectFrom('inbound_leases').select('key').execute()).map((r) => r.key);
    expect(leases.filter((k) => k.startsWith('fetch-slot:'))).toHaveLength(LIMITS.fetchesInFlight);
    expect(leases.filter((k) => !k.startsWith('fetch-slot:'))).toEqual([live!.key]);
  });

  it('removes a real sign-in session once its cookie has expired', async () => {
    const user = await createUser(t.ctx, 'admin');
    const f = await openForm(t, '/admin/login');
    const res = await f.post('/admin/login', { username: user.username, password: user.password });
    const cookie = sessionCookie(res)!;
    expect((await t.app.inject({ url: '/admin', headers: { cookie, accept: 'text/html' } })).statusCode).toBe(200);
    const before = (await sids()).length;
    expect(before).toBeGreaterThan(0);

    await scheduleMaintenance(t.ctx.db, t.ctx, t.clock.now());
    await t.app.worker.runUntilIdle();
    expect((await sids()).length).toBe(before);

    // The session row carries the real expiry of a real login; once past it, the next sweep removes it.
    const { expires_at } = await t.ctx.db.selectFrom('sessions').select('expires_at').orderBy('expires_at', 'desc').executeTakeFirstOrThrow();
    t.clock.set(new Date(Date.parse(expires_at) + 1000));
    await scheduleMaintenance(t.ctx.db, t.ctx, t.clock.now());
    await t.app.worker.runUntilIdle();
    expect(await sids()).toEqual([]);
  });

  it('is queued once by the time a running server answers, and not again by a second instance', async () => {
    const other = await createTestApp({}, { runStartupTasks: true });
    try {
      await other.app.listen({ port: 0, host: '127.0.0.1' });
      const jobs = () => other.ctx.db.selectFrom('jobs').select(['type', 'run_at']).where('type', '=', MAINTENANCE_JOB).execute();
      expect(await jobs()).toEqual([{ type: MAINTENANCE_JOB, run_at: other.clock.now().toISOString() }]);
      // Another instance starting on the same database finds it queued (dedupe key).
      for (const task of other.ctx.startupTasks) await task();
      expect(await jobs()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
