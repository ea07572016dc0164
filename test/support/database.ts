// A fresh database for one test file: in-memory SQLite by default; a throw-away PostgreSQL database when
// the "postgres" test project runs (TEST_DATABASE_URL set, BACKTALK_TEST_DIALECT=postgres).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type OpenOptions } from '../../src/db/database.js';

export const testDialect = process.env.BACKTALK_TEST_DIALECT === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function openTestDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (testDialect === 'sqlite') return openDatabase('sqlite::memory:', options);
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `backtalk_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), options);
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
