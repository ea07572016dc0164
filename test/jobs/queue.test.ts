// The durable queue proven on a real database: transactional enqueue, leases that outlive a dead worker,
// retries with backoff and Retry-After, the per-host in-flight limit against a slow real peer, and jobs
// that give up staying visible with their last error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Worker, type JobHandler } from '../../src/jobs/worker.js';
import { claim, enqueue, markDone, purgeDone } from '../../src/jobs/queue.js';
import { PermanentFailure, RetryLater } from '../../src/jobs/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { startPeer, type Peer } from '../support/peer.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(async () => {
  await t.ctx.db.deleteFrom('jobs').execute();
});

function worker(handlers: Record<string, JobHandler>, opts: { concurrency?: number; perHost?: number; leaseMs?: number } = {}): Worker {
  return new Worker({
    db: t.ctx.db,
    dialect: t.ctx.dialect,
    clock: t.clock,
    log: t.app.log,
    handlers: new Map(Object.entries(handlers)),
    concurrency: opts.concurrency ?? 4,
    perHost: opts.perHost ?? 2,
    leaseMs: opts.leaseMs ?? 60_000,
    random: () => 0.5,
  });
}

const job = (id: number) => t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('enqueue', () => {
  it('leaves no job when the transaction that enqueued it rolls back', async () => {
    await expect(
      t.ctx.transaction(async (trx) => {
        await enqueue(trx, t.clock, { type: 'x', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.ctx.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('keeps one queued job per dedupe key and returns null for the repeat', async () => {
    const a = await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {}, dedupeKey: 'k' });
    const b = await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {}, dedupeKey: 'k' });
    expect(a).toBeTypeOf('number');
    expect(b).toBeNull();
  });
});

describe('leases', () => {
  it('lets a second worker finish a job whose first worker died, running it once', async () => {
    const runs: string[] = [];
    const id = (await enqueue(t.ctx.db, t.clock, { type: 'once', payload: { n: 1 } }))!;
    // Worker A claims and dies: no handler runs, nothing is marked.
    const [dead] = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: 'A', limit: 5, perHost: 2, leaseMs: 60_000 });
    expect(dead.id).toBe(id);
    const b = worker({ once: async () => void runs.push('B') });
    expect(await b.runUntilIdle()).toBe(0); // still leased to A
    t.clock.advance(60_001);
    expect(await b.runUntilIdle()).toBe(1);
    expect(runs).toEqual(['B']);
    expect((await job(id)).status).toBe('done');
    // A waking up late cannot overwrite B's result.
    await t.ctx.db.updateTable('jobs').set({ status: 'queued' }).where('id', '=', id).execute();
    await markDone(t.ctx.db, t.clock, dead);
    expect((await job(id)).status).toBe('queued');
  });

  it('gives up on a job whose workers keep dying, keeping it visible as failed', async () => {
    const id = (await enqueue(t.ctx.db, t.clock, { type: 'once', payload: {}, maxAttempts: 2 }))!;
    for (let i = 0; i < 2; i++) {
      await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: `dead${i}`, limit: 1, perHost: 2, leaseMs: 1000 });
      t.clock.advance(1001);
    }
    const ran: number[] = [];
    await worker({ once: async () => void ran.push(1) }).runUntilIdle();
    expect(ran).toEqual([]);
    const row = await job(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('gave up after 2 attempts');
  });
});

describe('retries', () => {
  it('honours the Retry-After a handler passes on, then runs the job again', async () => {
    let calls = 0;
    const w = worker({
      flaky: async () => {
        if (++calls === 1) throw new RetryLater('503 busy', 120_000);
      },
    });
    const id = (await enqueue(t.ctx.db, t.clock, { type: 'flaky', payload: {} }))!;
    const start = t.clock.now().getTime();
    await w.runUntilIdle();
    const waiting = await job(id);
    expect(waiting.status).toBe('queued');
    expect(new Date(waiting.run_at).getTime() - start).toBe(120_000);
    expect(waiting.last_error).toBe('503 busy');
    t.clock.advance(119_000);
    await w.runUntilIdle();
    expect(calls).toBe(1);
    t.clock.advance(1000);
    await w.runUntilIdle();
    expect(calls).toBe(2);
    expect((await job(id)).status).toBe('done');
  });

  it('backs off exponentially on errors and keeps the job failed with its last error after max attempts', async () => {
    let calls = 0;
    const w = worker({
      broken: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const id = (await enqueue(t.ctx.db, t.clock, { type: 'broken', payload: {}, maxAttempts: 3 }))!;
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = t.clock.now().getTime();
      await w.runUntilIdle();
      const row = await job(id);
      if (row.status === 'queued') {
        gaps.push(new Date(row.run_at).getTime() - before);
        t.clock.set(row.run_at);
      }
    }
    // random fixed at 0.5: equal jitter gives 3/4 of 1 min, then 3/4 of 2 min.
    expect(gaps).toEqual([45_000, 90_000]);
    const row = await job(id);
    expect(calls).toBe(3);
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe('boom 3');
  });

  it('does not retry a PermanentFailure', async () => {
    let calls = 0;
    const w = worker({
      final: async () => {
        calls++;
        throw new PermanentFailure('410 gone');
      },
    });
    const id = (await enqueue(t.ctx.db, t.clock, { type: 'final', payload: {} }))!;
    await w.runUntilIdle();
    t.clock.advance(86_400_000);
    await w.runUntilIdle();
    expect(calls).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'failed', last_error: '410 gone' });
  });
});

describe('per-host limit', () => {
  let slow: Peer;
  let other: Peer;
  beforeAll(async () => {
    slow = await startPeer({ '/': { delayMs: 40, body: 'slow' } });
    other = await startPeer({ '/': { delayMs: 40, body: 'other' } });
  });
  afterAll(async () => {
    await slow.stop();
    await other.stop();
  });

  it('never has more than 2 requests in flight to one host, while another host is served beside it', async () => {
    const fetchIt: JobHandler = async (p: { url: string }) => void (await (await fetch(p.url)).text());
    const w = worker({ fetch: fetchIt }, { concurrency: 8, perHost: 2 });
    for (let i = 0; i < 8; i++) await enqueue(t.ctx.db, t.clock, { type: 'fetch', payload: { url: `${slow.url}/` }, host: 'slow' });
    for (let i = 0; i < 2; i++) await enqueue(t.ctx.db, t.clock, { type: 'fetch', payload: { url: `${other.url}/` }, host: 'other' });
    expect(await w.runUntilIdle()).toBe(10);
    expect(slow.requests).toHaveLength(8);
    expect(slow.maxInFlight).toBe(2);
    expect(other.requests).toHaveLength(2);
    expect(other.maxInFlight).toBe(2);
  });

  it('does not let a long backlog for one host starve a job for another in the same claim', async () => {
    for (let i = 0; i < 200; i++) await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {}, host: 'busy' });
    await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {}, host: 'quiet' });
    const got = await claim(t.ctx.db, t.ctx.dialect, t.clock, { workerId: 'w', limit: 10, perHost: 2, leaseMs: 60_000 });
    expect(got.map((j) => j.host).sort()).toEqual(['busy', 'busy', 'quiet']);
  });

  it('honours WORKER_PER_HOST in a polling worker (started, real time)', async () => {
    const peer = await startPeer({ '/': { delayMs: 30 } });
    try {
      let finished = 0;
      const w = worker({ fetch: async (p: { url: string }) => void (await (await fetch(p.url)).text(), finished++) }, { concurrency: 10, perHost: 3 });
      for (let i = 0; i < 9; i++) await enqueue(t.ctx.db, t.clock, { type: 'fetch', payload: { url: `${peer.url}/` }, host: 'p' });
      w.start();
      const until = Date.now() + 5000;
      while (finished < 9 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      await w.stop();
      expect(finished).toBe(9);
      expect(peer.maxInFlight).toBe(3);
    } finally {
      await peer.stop();
    }
  });
});

describe('cleanup', () => {
  it('deletes done jobs older than the window and keeps failed ones', async () => {
    const done = (await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {} }))!;
    const failed = (await enqueue(t.ctx.db, t.clock, { type: 'x', payload: {} }))!;
    await t.ctx.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', done).execute();
    await t.ctx.db.updateTable('jobs').set({ status: 'failed' }).where('id', '=', failed).execute();
    t.clock.advance(8 * 86_400_000);
    expect(await purgeDone(t.ctx.db, t.clock, 7 * 86_400_000)).toBe(1);
    expect((await t.ctx.db.selectFrom('jobs').select('id').execute()).map((r) => r.id)).toEqual([failed]);
  });
});
