// Runs queued jobs: in the server process by default, alone with `npm run worker`. Tests call runUntilIdle()
// to step the queue with an injected clock instead of sleeping.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import type { Job } from '../db/schema.js';
import { retryDelay } from './backoff.js';
import { PermanentFailure, RetryLater } from './errors.js';
import { claim, markDone, markFailed, markRetry } from './queue.js';

export interface JobContext {
  job: Job;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
}

export type JobHandler = (payload: any, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: FastifyBaseLogger;
  handlers: Map<string, JobHandler>;
  concurrency: number;
  perHost: number;
  leaseMs?: number;
  pollMs?: number;
  random?: () => number;
}

export class Worker {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private wakePending = false;

  constructor(private readonly opts: WorkerOptions) {}

  /** Starts polling. Safe to call once; stop() waits for jobs in flight. */
  start(): void {
    if (!this.stopped || this.opts.concurrency <= 0) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  /** Nudges a polling worker to look for work now (after an in-process enqueue). */
  wake(): void {
    if (this.stopped) return;
    if (this.running.size >= this.opts.concurrency) {
      this.wakePending = true;
      return;
    }
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

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      const free = this.opts.concurrency - this.running.size;
      const jobs = await this.claimBatch(free);
      for (const job of jobs) {
        void this.track(job).finally(() => {
          if (this.wakePending) {
            this.wakePending = false;
            this.schedule(0);
          }
        });
      }
      this.schedule(jobs.length > 0 && jobs.length === free ? 50 : this.opts.pollMs ?? 1000);
    } catch (err) {
      this.opts.log.error({ err }, 'worker poll failed');
      this.schedule(this.opts.pollMs ?? 1000);
    }
  }

  private claimBatch(limit: number): Promise<Job[]> {
    return claim(this.opts.db, this.opts.dialect, this.opts.clock, {
      workerId: this.id,
      limit,
      perHost: this.opts.perHost,
      leaseMs: this.opts.leaseMs ?? 5 * 60_000,
    });
  }

  private track(job: Job): Promise<void> {
    const p = this.execute(job).finally(() => this.running.delete(p));
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
