// The durable queue on the `jobs` table. enqueue() takes the caller's transaction so the job exists exactly
// when the change that caused it does; claim() leases due jobs (SKIP LOCKED on PostgreSQL) and respects a
// per-host in-flight limit counted across every process; a running job's worker renews its lease, and an
// expired lease makes a job claimable again (and stops counting as in flight), so a killed worker loses
// nothing and stalls nothing for longer than one lease (issue 18 point 2).
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, Dialect, Executor } from '../db/database.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { Job } from '../db/schema.js';

export interface EnqueueOptions {
  type: string;
  payload: unknown;
  runAt?: Date;
  /** Host contacted, for the per-host limit. */
  host?: string | null;
  /** While a job with this key is queued or running, enqueueing it again does nothing. */
  dedupeKey?: string | null;
  /** What the job is about (see job-types.ts), kept after it starts, for lookups such as "is a scan pending?". */
  subjectKey?: string | null;
  maxAttempts?: number;
}

/** Inserts a job; returns its id, or null when a queued job with the same dedupe key already exists. */
export async function enqueue(db: Executor, clock: Clock, opts: EnqueueOptions): Promise<number | null> {
  const now = clock.now().toISOString();
  const row = await db
    .insertInto('jobs')
    .values({
      type: opts.type,
      payload: JSON.stringify(opts.payload ?? {}),
      status: 'queued',
      run_at: (opts.runAt ?? clock.now()).toISOString(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 8,
      host: opts.host ?? null,
      dedupe_key: opts.dedupeKey ?? null,
      subject_key: opts.subjectKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export interface ClaimOptions {
  workerId: string;
  limit: number;
  perHost: number;
  leaseMs: number;
}

/**
 * Key of the PostgreSQL advisory lock that serialises claims. Under READ COMMITTED two claims at once each
 * counted the other's jobs as not yet in flight, and one host saw 4 requests with WORKER_PER_HOST=2 (issue 18
 * point 1). SQLite needs nothing: BEGIN IMMEDIATE already lets one claimer in at a time.
 */
const CLAIM_LOCK_KEY = 0x6261_636b_7461_6c6bn; // "backtalk"

export async function claim(db: Db, dialect: Dialect, clock: Clock, opts: ClaimOptions): Promise<Job[]> {
  if (opts.limit <= 0) return [];
  return writeTransaction(db, dialect, async (trx) => {
    // Released at commit, so the next claimer's count (a fresh READ COMMITTED snapshot taken after the lock)
    // includes the jobs this one marked running.
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(CLAIM_LOCK_KEY.toString())}::bigint)`.execute(trx);
    // Read the clock once the lock is ours: waiting for it must not make our idea of "expired" stale.
    const now = clock.now().toISOString();
    const leaseUntil = new Date(clock.now().getTime() + opts.leaseMs).toISOString();
    const busy = await trx
      .selectFrom('jobs')
      .select(['host', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'running')
      .where('locked_until', '>=', now)
      .where('host', 'is not', null)
      .groupBy('host')
      .execute();
    const inFlight = new Map(busy.map((b) => [b.host as string, Number(b.n)]));
    const full = new Set([...inFlight].filter(([, n]) => n >= opts.perHost).map(([h]) => h));

    // Candidates never include hosts already full; a pass that fills a host is followed by another that
    // leaves it out, so a long backlog for one blog cannot starve the others (issue 4, point 1). This
    // costs far less per claim than ranking every due job per host, and claims run after every job.
    const picked: Job[] = [];
    for (let pass = 0; pass < 4 && picked.length < opts.limit; pass++) {
      const want = opts.limit - picked.length + 20;
      // Two queries, not one with OR: each walks the (status, run_at) index in order and stops at `want`,
      // where the OR made SQLite sort every due job on every claim.
      const due = (status: 'queued' | 'running') => {
        let q = trx.selectFrom('jobs').selectAll().where('status', '=', status);
        q = status === 'queued' ? q.where('run_at', '<=', now) : q.where('locked_until', '<', now);
        if (full.size > 0) q = q.where((eb) => eb.or([eb('host', 'is', null), eb('host', 'not in', [...full])]));
        if (picked.length > 0) q = q.where('id', 'not in', picked.map((j) => j.id));
        q = q.orderBy('run_at').orderBy('id').limit(want);
        return dialect === 'postgres' ? q.forUpdate().skipLocked().execute() : q.execute();
      };
      const [queued, expired] = [await due('queued'), await due('running')];
      const candidates = [...expired, ...queued].sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
      let filledAHost = false;
      for (const job of candidates) {
        if (picked.length >= opts.limit) break;
        if (job.host) {
          const n = inFlight.get(job.host) ?? 0;
          if (n >= opts.perHost) continue;
          inFlight.set(job.host, n + 1);
          if (n + 1 >= opts.perHost) {
            full.add(job.host);
            filledAHost = true;
          }
        }
        picked.push(job);
      }
      if (queued.length < want || !filledAHost) break;
    }
    if (picked.length === 0) return [];
    // The status guard repeats the claim condition so two claimers can never both take one job.
    return trx
      .updateTable('jobs')
      .set({
        status: 'running',
        // Dedupe holds only while queued: a change made during a run must be able to queue the next run.
        dedupe_key: null,
        locked_by: opts.workerId,
        locked_until: leaseUntil,
        attempts: sql`attempts + 1`,
        updated_at: now,
      })
      .where(
        'id',
        'in',
        picked.map((j) => j.id),
      )
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .returningAll()
      .execute();
  });
}

/**
 * Finishing only counts while we still hold this very run (worker and attempt number), so a worker that lost
 * its lease cannot clobber the newer run of whoever took the job over. The lease end is not part of it: the
 * heartbeat moves it while the job runs.
 */
function held(job: Job) {
  return (eb: any) => eb.and([eb('id', '=', job.id), eb('status', '=', 'running'), eb('locked_by', '=', job.locked_by), eb('attempts', '=', job.attempts)]);
}

/** The heartbeat: pushes the lease of this worker's running jobs forward. Jobs taken over meanwhile are left alone. */
export async function renewLeases(db: Executor, clock: Clock, jobs: Job[], leaseMs: number): Promise<void> {
  if (jobs.length === 0) return;
  const until = new Date(clock.now().getTime() + leaseMs).toISOString();
  for (const job of jobs) await db.updateTable('jobs').set({ locked_until: until }).where(held(job)).execute();
}

/**
 * Hands back jobs a stopping worker could not finish within its drain bound: queued and due now, so another
 * worker takes them at once instead of after the lease. The attempt stays counted (it may have reached its peer).
 */
export async function releaseLeases(db: Executor, clock: Clock, jobs: Job[]): Promise<void> {
  const now = clock.now().toISOString();
  for (const job of jobs) {
    await db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: now, locked_by: null, locked_until: null, last_error: 'released: its worker stopped before the job finished', updated_at: now })
      .where(held(job))
      .execute();
  }
}

export async function markDone(db: Executor, clock: Clock, job: Job): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, dedupe_key: null, last_error: null, updated_at: clock.now().toISOString() })
    .where(held(job))
    .execute();
}

export async function markRetry(db: Executor, clock: Clock, job: Job, runAt: Date, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: runAt.toISOString(), locked_by: null, locked_until: null, last_error: error.slice(0, 2000), updated_at: clock.now().toISOString() })
    .where(held(job))
    .execute();
}

export async function markFailed(db: Executor, clock: Clock, job: Job, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', locked_by: null, locked_until: null, dedupe_key: null, last_error: error.slice(0, 2000), updated_at: clock.now().toISOString() })
    .where(held(job))
    .execute();
}

/** True while a job of this type about this subject (jobs.subject_key) is queued or running. */
export async function jobPending(db: Executor, type: string, subjectKey: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('type', '=', type).where('subject_key', '=', subjectKey).where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Makes a queued job due now, named by id (the delivery log's "retry now") or by its dedupe key (a
 * re-verification whose retry waits for later). True when a queued job was found.
 */
export async function runNow(db: Executor, clock: Clock, job: number | { dedupeKey: string }): Promise<boolean> {
  const now = clock.now().toISOString();
  const r = await db
    .updateTable('jobs')
    .set({ run_at: now, updated_at: now })
    .where((eb) => (typeof job === 'number' ? eb('id', '=', job) : eb('dedupe_key', '=', job.dedupeKey)))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Requeues a failed or cancelled job with fresh attempts. True when one was requeued. */
export async function requeue(db: Executor, clock: Clock, jobId: number): Promise<boolean> {
  const now = clock.now().toISOString();
  const r = await db.updateTable('jobs').set({ status: 'queued', attempts: 0, run_at: now, last_error: null, updated_at: now }).where('id', '=', jobId).where('status', 'in', ['failed', 'cancelled']).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function cancel(db: Executor, clock: Clock, jobId: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'cancelled', dedupe_key: null, updated_at: clock.now().toISOString() }).where('id', '=', jobId).where('status', '=', 'queued').execute();
}

/** Deletes finished jobs older than `olderThanMs` (failed ones stay: they are the record of what gave up). */
export async function purgeDone(db: Executor, clock: Clock, olderThanMs: number): Promise<number> {
  const before = new Date(clock.now().getTime() - olderThanMs).toISOString();
  const r = await db.deleteFrom('jobs').where('status', 'in', ['done', 'cancelled']).where('updated_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
