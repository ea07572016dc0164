// One database that several connections open at once, as separate processes would: a SQLite file in a temp
// directory, or a throw-away PostgreSQL database. Each open() is its own connection (pool) with a query counter,
// so tests can show a write through one connection reaching a cache built on another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { testDialect } from './database.js';

export interface CountingHandle extends DatabaseHandle {
  /** Statements run through this connection so far. */
  queries(): number;
}

export interface SharedDatabase {
  open(): CountingHandle;
  drop(): Promise<void>;
}

export async function createSharedDatabase(): Promise<SharedDatabase> {
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'backtalk-shared-'));
    const file = join(dir, 'shared.db');
    return {
      open() {
        const sqlite = new SQLite(file);
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('busy_timeout = 5000');
        let n = 0;
        const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: () => void n++ });
        return { db, dialect: 'sqlite', close: () => db.destroy(), queries: () => n };
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `backtalk_s_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    open() {
      let n = 0;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
      // As in openDatabase: a client the server drops (DROP DATABASE … WITH (FORCE) at the end) is not a crash.
      pool.on('error', () => {});
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: () => void n++ });
      return { db, dialect: 'postgres', close: () => db.destroy(), queries: () => n };
    },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
