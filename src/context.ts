// What every service and job handler receives: the database, the clock, the configuration, a logger and
// a way to wake the in-process worker after enqueueing. Built once by buildApp.
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db, Dialect, Executor } from './db/database.js';
import type { JobHandler } from './jobs/worker.js';
import type { Logger } from './logger.js';
import type { HttpClient } from './net/types.js';
import type { Post } from './db/schema.js';
import type { Settings } from './settings/definitions.js';

export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  /**
   * Runs fn in a write transaction (BEGIN IMMEDIATE on SQLite, see db/write-transaction.ts). Use this, not
   * db.transaction(), for anything that reads then writes. Never await the network inside it.
   */
  transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T>;
  /** Job handlers by type; features add theirs at build time. */
  handlers: Map<string, JobHandler>;
  /** Tells the in-process worker there is new work (no-op when the worker runs elsewhere). */
  wakeWorker(): void;
  /** Randomness for jitter; tests fix it. */
  random(): number;
  /** The one guarded outbound HTTP client. */
  http: HttpClient;
  /**
   * Extras a single post page gets from features the posts/ folder must not import (linkback endpoint
   * advertisement): response headers, markup for <head>, and markup after the post. They get the settings
   * the page already loaded, so they stay synchronous without a stale copy.
   */
  postPageHooks: PostPageHook[];
  /**
   * Work a running server or worker does once before it answers or works (queueing the recurring sweeps).
   * buildApp runs these in onReady, which listen() awaits, only for a real process: tests step them by hand.
   */
  startupTasks: Array<() => Promise<void>>;
}

export type PostPageHook = (post: Post, siteUrl: string, settings: Settings) => { headers?: Record<string, string>; head?: string; afterContent?: string };

