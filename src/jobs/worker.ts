// Runs queued jobs: in the server process by default, alone with `npm run worker`. Tests call runUntilIdle()
// to step the queue with an injected clock instead of sleeping.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { Job } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { retryDelay } from './backoff.js';
import { PermanentFailure, RetryLater } from './errors.js';
import { claim, markDone, markFailed, markRetry, purgeDone, releaseLeases, renewLeases } from './queue.js';

const HOUR = 3_600_000;
const CLAIM_COALESCE_MS = 5;
/** Finished jobs are kept a week for inspection, then deleted by the polling worker. */
const KEEP_DONE_MS = 7 * 24 * HOUR;

export interface JobContext {
  job: Job;
  db: Db;
  clock: Clock;
  log: Logger;
}

export type JobHandler = ((payload: any, ctx: JobContext) => Promise<void>) & {
  /** Called instead of the handler when a job is given up without running (its workers kept dying). */
  onGiveUp?: (payload: any, ctx: JobContext, reason: string) => Promise<void>;
};

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  handlers: Map<string, JobHandler>;
  concurrency: number;
  perHost: number;
  /** Lease of a claimed job (WORKER_LEASE_SECONDS); renewed every third of it while the job runs. */
  leaseMs?: number;
  /** How long stop() waits for running jobs before handing their leases back (WORKER_DRAIN_SECONDS). */
  drainMs?: number;
  pollMs?: number;
  random?: () => number;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_DRAIN_MS = 10_000;

export class Worker {
  /** Host and pid first, so an operator reading jobs.locked_by knows which process holds a job. */
  readonly id = `worker-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = new Set<Promise<void>>();
  /** The jobs this worker runs now, by id: what the heartbeat renews and a drain hands back. */
  private current = new Map<number, Job>();
  private heartbeat: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private timerAt = 0;
  private ticking = false;
  private tickAgain = false;
  private lastPurge = 0;

  constructor(private readonly opts: WorkerOptions) {}

  /** Starts polling. Safe to call once; stop() waits for jobs in flight. */
  start(): void {
    if (!this.stopped || this.opts.concurrency <= 0) return;
    this.stopped = false;
    const every = Math.max(100, Math.floor(this.leaseMs / 3));
    this.heartbeat = setInterval(() => void this.renew(), every);
    this.heartbeat.unref();
    this.schedule(0);
  }

  /**
   * Stops claiming, waits up to the drain bound for running jobs (their leases still renewed meanwhile),
   * then hands back the leases of any that did not finish, so a SIGTERM never stalls them for a lease.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let bound: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.allSettled([...this.running]).then(() => true),
      new Promise<false>((r) => (bound = setTimeout(() => r(false), this.opts.drainMs ?? DEFAULT_DRAIN_MS))),
    ]);
    clearTimeout(bound);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (drained || this.current.size === 0) return;
    const left = [...this.current.values()];
    this.current.clear();
    this.opts.log.warn({ jobIds: left.map((j) => j.id), drainMs: this.opts.drainMs ?? DEFAULT_DRAIN_MS }, 'jobs still running at shutdown; leases handed back');
    await releaseLeases(this.opts.db, this.opts.clock, left);
  }

  private get leaseMs(): number {
    return this.opts.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private async renew(): Promise<void> {
    try {
      await renewLeases(this.opts.db, this.opts.clock, [...this.current.values()], this.leaseMs);
    } catch (err) {
      this.opts.log.error({ err }, 'lease renewal failed');
    }
  }

  /** Nudges a polling worker to look for work now (after an in-process enqueue). */
  wake(): void {
    if (this.stopped || this.running.size >= this.opts.concurrency) return;
    this.schedule(0);
  }

  /** Runs every job that is due by the clock, including jobs those jobs enqueue, until none is left. */
  async runUntilIdle(maxRounds = 1000): Promise<number> {
    let ran = 0;
    for (let round = 0; round < maxRounds; round++) {
      const jobs = await this.claimBatch(this.opts.concurrency || 4);
      if (jobs.length === 0 && this.running.size === 0) return ran;
      ran += jobs.length;
      await Promise.all(jobs.map((j) => this.track(j)));
      await Promise.allSettled([...this.running]);
    }
    throw new Error(`queue did not go idle after ${maxRounds} rounds`);
  }

  /** Arms the poll timer, keeping an earlier deadline if one is already set. */
  private schedule(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    // One claim at a time: overlapping ticks would both see the same free slots and overrun concurrency.
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    let next = this.opts.pollMs ?? 1000;
    try {
      const free = this.opts.concurrency - this.running.size;
      const jobs = await this.claimBatch(free);
      // A finished job frees a slot (and maybe a host): look again almost at once rather than after a poll.
      // The few milliseconds let the jobs finishing together share one claim (claims cost a query each).
      for (const job of jobs) void this.track(job).finally(() => this.schedule(CLAIM_COALESCE_MS));
      if (jobs.length > 0 && jobs.length === free) next = 50;
      await this.maybePurge();
    } catch (err) {
      this.opts.log.error({ err }, 'worker poll failed');
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      next = 0;
    }
    this.schedule(next);
  }

  private async maybePurge(): Promise<void> {
    const now = this.opts.clock.now().getTime();
    if (now - this.lastPurge < HOUR) return;
    this.lastPurge = now;
    await purgeDone(this.opts.db, this.opts.clock, KEEP_DONE_MS);
  }

  private claimBatch(limit: number): Promise<Job[]> {
    return claim(this.opts.db, this.opts.dialect, this.opts.clock, {
      workerId: this.id,
      limit,
      perHost: this.opts.perHost,
      leaseMs: this.leaseMs,
    });
  }

  private track(job: Job): Promise<void> {
    this.current.set(job.id, job);
    const p = this.execute(job).finally(() => {
      this.running.delete(p);
      this.current.delete(job.id);
    });
    this.running.add(p);
    return p;
  }

  private async execute(job: Job): Promise<void> {
    const { db, clock, log } = this.opts;
    const handler = this.opts.handlers.get(job.type);
    const jobLog = log.child({ jobId: job.id, jobType: job.type, attempt: job.attempts });
    if (!handler) {
      await markFailed(db, clock, job, `no handler for job type ${job.type}`);
      return;
    }
    // Claims count as attempts, so a job whose worker keeps dying mid-run (lease expiry) still ends.
    if (job.attempts > job.max_attempts) {
      const reason = `${job.last_error ?? 'lease expired'} (gave up after ${job.max_attempts} attempts)`;
      await handler.onGiveUp?.(JSON.parse(job.payload), { job, db, clock, log: jobLog }, reason).catch((err: unknown) => jobLog.error({ err }, 'onGiveUp failed'));
      await markFailed(db, clock, job, reason);
      return;
    }
    try {
      await handler(JSON.parse(job.payload), { job, db, clock, log: jobLog });
      await markDone(db, clock, job);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentFailure || job.attempts >= job.max_attempts) {
        jobLog.warn({ err: message }, 'job failed for good');
        await markFailed(db, clock, job, message);
        return;
      }
      const retryAfter = err instanceof RetryLater ? err.retryAfterMs : null;
      if (!(err instanceof RetryLater)) jobLog.error({ err }, 'job threw; will retry');
      const delay = retryDelay(job.attempts, retryAfter, this.opts.random);
      await markRetry(db, clock, job, new Date(clock.now().getTime() + delay), message);
    }
  }
}
