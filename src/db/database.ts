// One Kysely instance: SQLite (better-sqlite3) by default, PostgreSQL when DATABASE_URL says postgres://.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type LogConfig } from 'kysely';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { registerDirectGenerationRead, siteGenerationSql } from '../cache/site-generation.js';

export type Db = Kysely<Database>;
/** Either the database or a transaction: repositories take this so callers choose the transaction. */
export type Executor = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Kysely's query log: the query-plan test records every statement a page runs through it. */
  log?: LogConfig;
}

/** How often a long-running SQLite process refreshes the planner's statistics (PRAGMA optimize). */
const OPTIMIZE_EVERY_MS = 60 * 60_000;

export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client dropped by the server (restart, failover, admin command) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 50, msg: 'idle PostgreSQL client error', err: err.message })));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the one writer; busy_timeout waits for the lock instead of failing
  // when the worker process and the server write at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // The planner needs statistics to pick (post_id, status, created_at) over (status, created_at) for a
  // post's approved comments (issue 11: 4–12 s without). 0x10002 analyses what lacks statistics on open,
  // with a bounded cost (https://sqlite.org/pragma.html#pragma_optimize); later runs keep them current.
  sqlite.pragma('optimize = 0x10002');
  // Not inside a transaction another request holds open across an await: its rollback would undo the work.
  const timer = setInterval(() => sqlite.open && !sqlite.inTransaction && sqlite.pragma('optimize'), OPTIMIZE_EVERY_MS);
  timer.unref();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: options.log });
  // Not while a query log is asked for: the query-plan test must see every statement a page runs.
  if (!options.log) registerSqliteGenerationRead(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      clearInterval(timer);
      if (sqlite.open) sqlite.pragma('optimize');
      await db.destroy();
    },
  };
}

/** The site generation read straight from better-sqlite3 (why: src/cache/site-generation.ts). */
function registerSqliteGenerationRead(db: Db, sqlite: SQLite.Database): void {
  let statement: SQLite.Statement | null = null;
  registerDirectGenerationRead(db, () => {
    if (!sqlite.open || sqlite.inTransaction) return undefined;
    statement ??= sqlite.prepare(siteGenerationSql);
    return statement.get() as { generation: number; changed_at: string } | undefined;
  });
}
