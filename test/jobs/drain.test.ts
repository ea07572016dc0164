// Issue 18 point 6: SIGTERM drains the standalone worker (the real `src/runtime/worker-cli.ts`, as
// `node dist/src/runtime/worker-cli.js` runs it). A published post links to a slow loopback blog; the worker's
// send job is in flight, fetching that blog's page, when the signal arrives. Within WORKER_DRAIN_SECONDS the
// job finishes; past it, its lease is handed back (queued, due now) and the process still exits 0.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { SEND_JOB } from '../../src/linkbacks/outbound/scan.js';
import { createPost } from '../../src/posts/service.js';
import { createUser } from '../support/app.js';
import { startPeer, type Peer } from '../support/peer.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { logged, spawnEntry, until, type Spawned } from '../support/spawned.js';

let shared: SharedDatabase;
let blog: FastifyInstance;
let slow: Peer;
let openGate: () => void;
let worker: Spawned | null;

beforeEach(async () => {
  shared = await createSharedDatabase();
  blog = await buildApp(testConfig({ databaseUrl: shared.url }), { database: shared.handle });
  await blog.ready();
  const gate = new Promise<void>((r) => (openGate = r));
  // The linked page answers only when the test says so; it advertises no endpoint, so the send ends there.
  slow = await startPeer({ 'GET /post': async () => (await gate, { body: '<p>no endpoint here</p>' }) });
  const author = await createUser(blog.ctx);
  const r = await createPost(blog.ctx, author, { title: 'Linking out', content: `<a href="${slow.url}/post">a slow blog</a>`, status: 'published' });
  if (!r.ok) throw new Error('publish failed');
  worker = null;
});

afterEach(async () => {
  openGate();
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await slow.stop();
  await blog.close();
  await shared.close();
});

function startWorker(drainSeconds: number): Spawned {
  worker = spawnEntry('src/runtime/worker-cli.ts', { DATABASE_URL: shared.url, DATA_DIR: shared.dir, WORKER_CONCURRENCY: '2', WORKER_DRAIN_SECONDS: String(drainSeconds), OUTBOUND_ALLOW_PRIVATE: 'true' });
  return worker;
}

const sendJob = () => shared.handle.db.selectFrom('jobs').selectAll().where('type', '=', SEND_JOB).executeTakeFirstOrThrow();
const delivery = () => shared.handle.db.selectFrom('deliveries').selectAll().executeTakeFirstOrThrow();

describe('SIGTERM to the standalone worker', () => {
  it('stops claiming, lets the running job finish within the bound, and exits 0', async () => {
    const w = startWorker(30);
    await until(async () => (slow.requests.length > 0 ? true : undefined), 60_000, 'the send to reach the slow blog');
    w.child.kill('SIGTERM');
    await w.waitForLine(logged('shutting down'), 'the worker to start draining');
    openGate();
    const exit = await w.exited;
    expect(exit.code, w.stderr()).toBe(0);
    expect(await sendJob()).toMatchObject({ status: 'done', locked_by: null });
    expect((await delivery()).state).toBe('no_endpoint');
  }, 90_000);

  it('hands back the lease of a job still running at the bound, and exits 0 within it', async () => {
    const DRAIN_MS = 1000;
    const w = startWorker(DRAIN_MS / 1000);
    await until(async () => (slow.requests.length > 0 ? true : undefined), 60_000, 'the send to reach the slow blog');
    const running = await sendJob();
    expect(running.status).toBe('running');
    const signalled = Date.now();
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    expect(exit.code, w.stderr()).toBe(0);
    // The bound, plus closing the database and the process itself.
    expect(exit.at - signalled).toBeLessThan(DRAIN_MS + 2000);
    const released = await sendJob();
    expect(released).toMatchObject({ status: 'queued', locked_by: null, locked_until: null, attempts: 1 });
    expect(Date.parse(released.run_at)).toBeLessThanOrEqual(Date.now());
    // Still pending either way: 'sending' (the next run treats it as maybe-sent), or 'retrying' when the
    // abandoned run recorded its aborted request as a network failure before the process ended.
    expect(['sending', 'retrying']).toContain((await delivery()).state);
    expect(w.lines.some(logged('jobs still running at shutdown; leases handed back'))).toBe(true);
  }, 90_000);
});
