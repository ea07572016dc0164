// Issue 18 point 1: the per-host limit holds across worker processes. Three real worker processes drain 200
// jobs that all call one loopback receiver; the receiver counts the requests it is answering at once and
// never sees more than WORKER_PER_HOST. (On PostgreSQL the claim is serialised by an advisory lock; without
// it two claims at once both saw free slots. On SQLite BEGIN IMMEDIATE serialises them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { enqueue } from '../../src/jobs/queue.js';
import { startPeer, type Peer } from '../support/peer.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { logged, spawnEntry, until, type Spawned } from '../support/spawned.js';

const JOBS = 200;
const PER_HOST = 2;
let shared: SharedDatabase;
let receiver: Peer;
const workers: Spawned[] = [];

beforeAll(async () => {
  shared = await createSharedDatabase();
  // 25 ms per answer: 200 jobs at 2 in flight take about 2.5 s, longer than a worker's 1 s poll, so every
  // process is claiming while the others are, however late each one started.
  receiver = await startPeer({ 'GET /ping': { body: 'ok', delayMs: 25 } });
});

afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await receiver.stop();
  await shared.close();
});

describe('three worker processes, one receiver host', () => {
  it(`never has more than ${PER_HOST} requests in flight to it`, async () => {
    const host = new URL(receiver.url).host;
    const env = { DATABASE_URL: shared.url, DATA_DIR: shared.dir, WORKER_CONCURRENCY: '1', WORKER_PER_HOST: String(PER_HOST), OUTBOUND_ALLOW_PRIVATE: 'true' };
    for (let i = 0; i < 3; i++) workers.push(spawnEntry('test/support/fetch-worker.ts', env));
    // One job at a time per process: reaching the limit of 2 takes two processes at once, and three of them
    // could reach 3 if their claims did not see each other's. Every process is polling before there is work.
    await Promise.all(workers.map((w) => w.waitForLine(logged('worker running'), 'the worker to start')));
    await shared.handle.db.transaction().execute(async (trx) => {
      for (let n = 0; n < JOBS; n++) await enqueue(trx, systemClock, { type: 'test.fetch', payload: { url: `${receiver.url}/ping?n=${n}` }, host });
    });

    const db = shared.handle.db;
    await until(
      async () => {
        const left = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'done').executeTakeFirstOrThrow();
        return Number(left.n) === 0 ? true : undefined;
      },
      60_000,
      'every job to be done',
    );

    // Each job called once, and the receiver was kept busy up to the limit (else the limit proves nothing).
    const seen = receiver.requests.map((r) => Number(new URL(r.path, receiver.url).searchParams.get('n')));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: JOBS }, (_, n) => n));
    expect(receiver.maxInFlight).toBe(PER_HOST);
    // And by more than one process (with one job each, the peak of 2 already says so).
    expect(new Set(receiver.requests.map((r) => r.headers['x-worker-pid'])).size).toBeGreaterThan(1);
  }, 90_000);
});
