// A transaction that will write. On SQLite it starts with BEGIN IMMEDIATE: a deferred transaction that
// reads and then writes can fail at once with SQLITE_BUSY when another process (the separate worker, a
// second instance) wrote in between, because WAL cannot upgrade a stale read snapshot; taking the write
// lock up front makes busy_timeout wait instead. PostgreSQL uses an ordinary transaction.
import { sql } from 'kysely';
import type { Db, Dialect, Executor } from './database.js';

export async function writeTransaction<T>(db: Db, dialect: Dialect, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute((trx) => fn(trx));
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
