// The durable queue on the `jobs` table. enqueue() takes the caller's transaction so the job exists exactly
// when the change that caused it does; claim() leases due jobs (SKIP LOCKED on PostgreSQL) and respects a
// per-host in-flight limit; an expired lease makes a job claimable again, so a killed worker loses nothing.
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
  maxAttempts?: number;
}

export async function enqueue(db: Executor, clock: Clock, opts: EnqueueOptions): Promise<void> {
  const now = clock.now().toISOString();
  await db
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
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export interface ClaimOptions {
  workerId: string;
  limit: number;
  perHost: number;
  leaseMs: number;
}

export async function claim(db: Db, dialect: Dialect, clock: Clock, opts: ClaimOptions): Promise<Job[]> {
  if (opts.limit <= 0) return [];
  const now = clock.now().toISOString();
  const leaseUntil = new Date(clock.now().getTime() + opts.leaseMs).toISOString();
  return writeTransaction(db, dialect, async (trx) => {
    const busy = await trx
      .selectFrom('jobs')
      .select(['host', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'running')
      .where('locked_until', '>=', now)
      .where('host', 'is not', null)
      .groupBy('host')
      .execute();
    const inFlight = new Map(busy.map((b) => [b.host as string, Number(b.n)]));

    let query = trx
      .selectFrom('jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(opts.limit * 10 + 50);
    if (dialect === 'postgres') query = query.forUpdate().skipLocked();
    const candidates = await query.execute();

    const picked: Job[] = [];
    for (const job of candidates) {
      if (picked.length >= opts.limit) break;
      if (job.host) {
        const n = inFlight.get(job.host) ?? 0;
        if (n >= opts.perHost) continue;
        inFlight.set(job.host, n + 1);
      }
      picked.push(job);
    }
    if (picked.length === 0) return [];
    await trx
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
      .execute();
    return picked.map((j) => ({ ...j, status: 'running' as const, attempts: j.attempts + 1, locked_by: opts.workerId, locked_until: leaseUntil }));
  });
}

/** Finishing only counts while we still hold the lease, so a worker that lost it cannot clobber a newer run. */
function held(job: Job) {
  return (eb: any) => eb.and([eb('id', '=', job.id), eb('locked_by', '=', job.locked_by)]);
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

/** Makes a queued job due now (the delivery log's "retry now"). */
export async function runNow(db: Executor, clock: Clock, jobId: number): Promise<void> {
  await db.updateTable('jobs').set({ run_at: clock.now().toISOString(), updated_at: clock.now().toISOString() }).where('id', '=', jobId).where('status', '=', 'queued').execute();
}

/** Requeues a failed job with fresh attempts. */
export async function requeue(db: Executor, clock: Clock, jobId: number): Promise<void> {
  const now = clock.now().toISOString();
  await db.updateTable('jobs').set({ status: 'queued', attempts: 0, run_at: now, last_error: null, updated_at: now }).where('id', '=', jobId).where('status', 'in', ['failed', 'cancelled']).execute();
}

export async function cancel(db: Executor, clock: Clock, jobId: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'cancelled', dedupe_key: null, updated_at: clock.now().toISOString() }).where('id', '=', jobId).where('status', '=', 'queued').execute();
}
