// Issue 18 point 2, with real processes and real signals: a worker killed with -9 stalls its host for at
// most one lease (an expired lease stops counting toward the per-host limit, and its job is taken over), and a
// worker that is alive keeps its job past the lease length by renewing it. The lease is 2 s so this runs in
// seconds; every wait is on a receiver request, a log line or a row changing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { enqueue } from '../../src/jobs/queue.js';
import { startPeer, type Peer } from '../support/peer.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { logged, spawnEntry, until, type Spawned } from '../support/spawned.js';

const LEASE_MS = 2000;
/** The worker's idle poll (1 s) plus the time a claim and a request take on a loaded machine. */
const SLACK_MS = 2000;

let shared: SharedDatabase;
let receiver: Peer;
let spawned: Spawned[];
let openGate: () => void;

beforeEach(async () => {
  shared = await createSharedDatabase();
  spawned = [];
  const gate = new Promise<void>((r) => (openGate = r));
  // The first request for n=0 hangs until the test opens the gate (or the worker dies); the rest answer at once.
  receiver = await startPeer({
    'GET /job': async (req, peer) => {
      if (req.path === '/job?n=0' && peer.requests.filter((r) => r.path === req.path).length === 1) await gate;
      return { body: 'ok' };
    },
  });
});

afterEach(async () => {
  openGate();
  for (const s of spawned) s.child.kill('SIGKILL');
  await Promise.all(spawned.map((s) => s.exited));
  await receiver.stop();
  await shared.close();
});

function startWorker(): Spawned {
  const s = spawnEntry('test/support/fetch-worker.ts', {
    DATABASE_URL: shared.url,
    DATA_DIR: shared.dir,
    WORKER_CONCURRENCY: '2',
    WORKER_PER_HOST: '1',
    WORKER_LEASE_SECONDS: String(LEASE_MS / 1000),
    OUTBOUND_ALLOW_PRIVATE: 'true',
  });
  spawned.push(s);
  return s;
}

async function enqueueJobs(count: number): Promise<number[]> {
  const host = new URL(receiver.url).host;
  const ids: number[] = [];
  for (let n = 0; n < count; n++) ids.push((await enqueue(shared.handle.db, systemClock, { type: 'test.fetch', payload: { url: `${receiver.url}/job?n=${n}` }, host }))!);
  return ids;
}

const requestsFor = (n: number) => receiver.requests.filter((r) => r.path === `/job?n=${n}`).length;

const jobRow = (id: number) => shared.handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('a worker killed with -9 mid-job', () => {
  it('stalls its host for at most one lease: the restarted worker takes the job over and the rest follow', async () => {
    const ids = await enqueueJobs(3);
    const first = startWorker();
    await until(async () => (requestsFor(0) === 1 ? true : undefined), 30_000, 'the first request to reach the receiver');
    // With WORKER_PER_HOST=1 the held job fills the host: nothing else may go while its lease is live.
    expect(requestsFor(1) + requestsFor(2)).toBe(0);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');

    const restarted = startWorker();
    await restarted.waitForLine(logged('worker running'), 'the restarted worker to start');
    const ready = Date.now();
    const retried = await until(async () => (requestsFor(0) === 2 ? Date.now() : undefined), 30_000, 'the job to be sent again');
    // Moving again within the lease (counted from the kill), or at once if the restart took longer than that.
    expect(retried - Math.max(killed.at + LEASE_MS, ready)).toBeLessThan(SLACK_MS);
    await until(async () => ((await Promise.all(ids.map(jobRow))).every((j) => j.status === 'done') ? true : undefined), 30_000, 'every job to be done');
    expect([requestsFor(0), requestsFor(1), requestsFor(2)]).toEqual([2, 1, 1]);
  }, 90_000);
});

describe('a worker that is alive', () => {
  it('renews the lease of a job that runs longer than the lease, so no other worker takes it', async () => {
    const [id] = await enqueueJobs(1);
    const holder = startWorker();
    const other = startWorker();
    await Promise.all([holder, other].map((s) => s.waitForLine(logged('worker running'), 'the workers to start')));
    await until(async () => (requestsFor(0) === 1 ? true : undefined), 30_000, 'the job to start');
    const claimed = await jobRow(id);
    const firstLeaseEnd = Date.parse(claimed.locked_until!);
    // Wait on the heartbeat itself: the lease end moves, and keeps moving until well past the first lease.
    const seen = new Set<string>([claimed.locked_until!]);
    await until(
      async () => {
        const row = await jobRow(id);
        seen.add(row.locked_until ?? 'none');
        return Date.now() > firstLeaseEnd + LEASE_MS && seen.size >= 4 ? row : undefined;
      },
      30_000,
      'the lease to be renewed past its first end',
    );
    const row = await jobRow(id);
    expect(row).toMatchObject({ status: 'running', attempts: 1, locked_by: claimed.locked_by });
    expect(Date.parse(row.locked_until!)).toBeGreaterThan(Date.now());
    expect(requestsFor(0)).toBe(1);
    openGate();
    await until(async () => ((await jobRow(id)).status === 'done' ? true : undefined), 30_000, 'the job to finish');
    expect(requestsFor(0)).toBe(1);
  }, 90_000);
});
